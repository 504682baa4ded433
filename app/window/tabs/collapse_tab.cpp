#include "tabs/collapse_tab.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>

#include "controls/control_form.hpp"
#include "figures/collapse_export.hpp"
#include "figures/figure_export_dialog.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/diagnostics/collapse_record.hpp"
#include "losslab/widgets/collapse_view.hpp"
#include "losslab/widgets/figure_export.hpp"
#include "losslab/widgets/logit_gap_view.hpp"
#include "runs/collapse_twins.hpp"
#include "tabs/collapse_summary.hpp"

namespace losslab {

namespace {
const QColor kRunColors[3] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44)};

// The newest collapse record in a snapshot's history (rows are thinned, the newest kept).
std::shared_ptr<const CollapseRecord> newestRecord(const SnapshotPtr& s) {
  if (!s || !s->history) return nullptr;
  for (auto it = s->history->rbegin(); it != s->history->rend(); ++it)
    if (it->collapse) return it->collapse;
  return nullptr;
}
}  // namespace

CollapseTab::CollapseTab(QWidget* parent) : QWidget(parent) {
  twins_ = new CollapseTwins(this);
  view_ = new CollapseView(this);
  gaps_ = new LogitGapView(this);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::RichText);
  summary_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  summary_->setMinimumWidth(300);
  QFont big = summary_->font();
  big.setPointSize(12);
  summary_->setFont(big);
  summary_->setToolTip(collapseSummaryToolTip());

  auto* right = new QWidget(this);
  auto* column = new QVBoxLayout(right);
  column->setContentsMargins(0, 0, 0, 0);
  auto* pick = new QHBoxLayout;
  gapRunLabel_ = new QLabel(tr("Logit gaps of"), right);
  pick->addWidget(gapRunLabel_);
  gapRun_ = new QComboBox(right);
  gapRun_->setToolTip(tr("Which run's newest measurement the histogram and the summary show."));
  pick->addWidget(gapRun_, 1);
  column->addLayout(pick);
  column->addWidget(gaps_, 3);
  column->addWidget(summary_, 2);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(view_);
  split->addWidget(right);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({900, 600});  // the stacked panels need the width; the histogram less

  status_ = new QLabel(this);
  status_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(buildControls());
  layout->addWidget(status_);
  layout->addWidget(split, 1);
  // Keyed by what each sets (the interval as the experiment file names it), for tests.
  setControlKey(every_, QStringLiteral("tracking.collapse_every"));
  setControlKey(order_, QStringLiteral("collapse.order"));
  setControlKey(logSteps_, QStringLiteral("collapse.log_steps"));
  setControlKey(gapRun_, QStringLiteral("collapse.gap_run"));

  connect(twins_, &CollapseTwins::snapshotArrived, this, [this](int twin, const SnapshotPtr& s) {
    twinSnapshots_[twin] = s;
    if (isVisible()) refresh();
  });
  connect(twins_, &CollapseTwins::changed, this, [this] {
    twinSnapshots_ = {};
    removeTwins_->setVisible(twins_->active());  // in the fork button's place: the row keeps its width
    fork_->setVisible(!twins_->active());
    status_->setText(twins_->active()
                         ? tr("Twins of this run train alongside it from step 0 with the same seed: "
                              "one with StableMax cross-entropy, one with ⊥Grad before %1.")
                               .arg(optimizerName(twins_->base().optimizer.kind))
                         : QString());
    refresh();
  });
  connect(gapRun_, &QComboBox::currentIndexChanged, this, [this] {
    shownRecord_ = nullptr;
    refresh();
  });
  removeTwins_->setVisible(false);
  refresh();
}

QWidget* CollapseTab::buildControls() {
  auto* bar = new QWidget(this);
  auto* row = new QHBoxLayout(bar);
  row->setContentsMargins(0, 0, 0, 0);
  // No title and short words (the tooltips say the rest): the tab says "Collapse", and the row
  // must fit a 1280-pixel projector beside the controls in the window's 11-pt text.
  row->addWidget(new QLabel(tr("Every"), bar));
  every_ = new QComboBox(bar);
  for (int n : {1, 2, 4, 8, 16, 32, 64, 128, 256}) every_->addItem(tr("%1 steps").arg(n), n);
  every_->setCurrentIndex(every_->findData(16));
  every_->setToolTip(tr("How often the run measures softmax collapse on its training and test sets "
                        "(every precision, both sets, each layer, neural collapse). A measurement "
                        "costs about one training step of a full batch; powers of two survive the "
                        "thinning of long histories."));
  row->addWidget(every_);
  orderLabel_ = new QLabel(tr("Sum S"), bar);
  row->addWidget(orderLabel_);
  order_ = new QComboBox(bar);
  order_->addItem(tr("as PyTorch"), int(SummationOrder::Torch));
  order_->addItem(tr("largest term first"), int(SummationOrder::LargestFirst));
  order_->addItem(tr("small terms first"), int(SummationOrder::SmallestFirst));
  order_->setToolTip(tr("How the sum S = Σₖ exp(zₖ − max z) is added up decides when it rounds "
                        "to exactly 1. As PyTorch (the default, Prieto et al.'s own metric): "
                        "torch.sum, float16 accumulated in float32 then rounded, so with equal "
                        "gaps and 113 classes float16 collapses past 12.3 and float32 past 19.3 "
                        "to 21.2. Largest first, every partial sum rounded: past p ln 2 (7.6, "
                        "16.6, 36.7). Small terms first: past ln(C − 1) + p ln 2 (12.3, 21.4, "
                        "41.5 for 113 classes)."));
  row->addWidget(order_);
  logSteps_ = new QCheckBox(tr("log steps"), bar);
  logSteps_->setToolTip(tr("Grokking spans decades of steps: a logarithmic step axis shows the "
                           "first hundred steps and the last ten thousand side by side."));
  row->addWidget(logSteps_);
  row->addStretch(1);
  fork_ = new QPushButton(tr("Fork twins"), bar);
  fork_->setToolTip(tr("Start two more runs from this run's config at step 0 with the same seed: "
                       "one with StableMax cross-entropy, one with ⊥Grad (the gradient's component "
                       "along each weight tensor removed, rescaled to its norm). They train alongside "
                       "this run, follow play and pause, and are drawn in their own colours."));
  fork_->setEnabled(false);
  row->addWidget(fork_);
  removeTwins_ = new QPushButton(tr("Remove twins"), bar);
  row->addWidget(removeTwins_);
  export_ = new QPushButton(tr("Export…"), bar);
  export_->setToolTip(tr("Both figures as PDF, SVG and PNG, with the CSV of the plotted numbers and "
                         "a JSON of the experiments and the definitions (as File → Export figure)."));
  row->addWidget(export_);

  connect(every_, &QComboBox::currentIndexChanged, this, &CollapseTab::trackingEdited);
  connect(order_, &QComboBox::currentIndexChanged, this, &CollapseTab::trackingEdited);
  connect(logSteps_, &QCheckBox::toggled, view_, &CollapseView::setLogSteps);
  connect(fork_, &QPushButton::clicked, this, &CollapseTab::forkTwins);
  connect(removeTwins_, &QPushButton::clicked, twins_, &CollapseTwins::clear);
  connect(export_, &QPushButton::clicked, this, [this] {
    const QString outcome = exportFiguresInteractively(this, tr("Export the collapse figures"), [this] { return figures(); }, false);
    if (!outcome.isEmpty()) status_->setText(outcome.toHtmlEscaped());
  });
  return bar;
}

void CollapseTab::setPresentation(bool on) {
  for (QWidget* w : {orderLabel_, static_cast<QWidget*>(order_), static_cast<QWidget*>(export_)}) w->setVisible(!on);
  // The histogram's column is narrow beside the four panels: on a projector it takes the column's
  // whole height (the run picker and the paragraph of numbers step aside; their tooltips and the
  // plots say the same), or its threshold labels run into its legend.
  for (QWidget* w : {static_cast<QWidget*>(summary_), static_cast<QWidget*>(gapRun_), gapRunLabel_}) w->setVisible(!on);
}

CollapseTracking CollapseTab::collapseTracking() const {
  CollapseTracking t;
  t.every = every_->currentData().toInt();
  t.order = SummationOrder(order_->currentData().toInt());
  return t;
}

void CollapseTab::showCollapseTracking(const CollapseTracking& t) {
  const QSignalBlocker b1(every_), b2(order_);
  int k = every_->findData(int(t.every));
  if (k < 0) {  // an interval not offered (the CLI's --track-collapse 500, or off): offered now
    every_->addItem(t.every > 0 ? tr("%1 steps").arg(t.every) : tr("off"), int(t.every));
    k = every_->count() - 1;
  }
  every_->setCurrentIndex(k);
  order_->setCurrentIndex(std::max(0, order_->findData(int(t.order))));
  twins_->setCollapseTracking(t);
}

std::vector<Figure> CollapseTab::figures() {
  refresh();  // what arrived while hidden
  // What the run measured, which the tab's settings may have changed since.
  const CollapseTracking measured = run_ ? run_->collapseTracking : collapseTracking();
  return collapseFigures(*view_, *gaps_, measured);
}

bool CollapseTab::exportFigures(const QString& stem, QString* error, const FigureOptions& options) {
  return losslab::exportFigures(figures(), stem, options, error);
}

void CollapseTab::trackingEdited() {
  const CollapseTracking t = collapseTracking();
  twins_->setCollapseTracking(t);
  Q_EMIT collapseTrackingChanged(t);
}

void CollapseTab::showSnapshot(const SnapshotPtr& snapshot) {
  // A run that went back in steps was reset: its twins start over with it.
  if (snapshot && lastStep_ > snapshot->step && twins_->active()) twins_->reset();
  lastStep_ = snapshot ? snapshot->step : -1;
  run_ = snapshot;
  if (isVisible()) refresh();
}

void CollapseTab::showConfig(const ExperimentConfig& config) {
  // Twins of another data set, model or seed compare nothing: they go.
  const auto runOf = [](const ExperimentConfig& c) {
    ExperimentConfig r = c;
    r.optimizer = {};
    r.schedule = {};
    r.steps = 0;
    r.description.clear();
    return toJson(r);
  };
  if (twins_->active() && runOf(config) != runOf(twins_->base())) twins_->clear();
  config_ = config;
  hasConfig_ = true;
  fork_->setEnabled(CollapseTwins::canFork(config));
}

void CollapseTab::setRunPlaying(bool playing) {
  playing_ = playing;
  twins_->setPlaying(playing);
}

void CollapseTab::clearRun() {
  twins_->clear();
  run_.reset();
  twinSnapshots_ = {};
  lastStep_ = -1;
  shownRecord_ = nullptr;
  refresh();
}

void CollapseTab::setComparedRuns(QVector<CollapseRun> runs) {
  compared_ = std::move(runs);
  if (isVisible()) refresh();
}

void CollapseTab::forkTwins() {
  const ExperimentConfig base = run_ ? run_->config : config_;
  if (!hasConfig_ && !run_) return;
  try {
    twins_->fork(base, collapseTracking(), playing_);
  } catch (const InputError& e) {
    status_->setText(tr("<b>Could not fork the twins:</b> %1").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
  }
}

void CollapseTab::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  refresh();  // what arrived while hidden
}

void CollapseTab::refresh() {
  QVector<CollapseRun> runs;
  const ExperimentConfig& c = run_ ? run_->config : config_;
  runs.push_back({collapseRunName(c), kRunColors[0], run_});
  if (twins_->active()) {
    runs.push_back({tr("StableMax twin"), kRunColors[1], twinSnapshots_[CollapseTwins::StableMax]});
    runs.push_back({QStringLiteral("⊥") + optimizerName(twins_->base().optimizer.kind) + tr(" twin"),
                    kRunColors[2], twinSnapshots_[CollapseTwins::PerpGrad]});
  }
  runs += compared_;
  view_->setRuns(runs);
  refreshGaps(runs);
}

void CollapseTab::refreshGaps(const QVector<CollapseRun>& runs) {
  {
    const QSignalBlocker quiet(gapRun_);
    if (gapRun_->count() != runs.size()) {
      const int keep = gapRun_->currentIndex();
      gapRun_->clear();
      for (const CollapseRun& r : runs) gapRun_->addItem(r.name);
      gapRun_->setCurrentIndex(keep >= 0 && keep < runs.size() ? keep : 0);
      shownRecord_ = nullptr;
    }
    for (int r = 0; r < runs.size(); ++r)
      if (gapRun_->itemText(r) != runs[r].name) gapRun_->setItemText(r, runs[r].name), shownRecord_ = nullptr;
  }
  const int i = std::max(0, gapRun_->currentIndex());
  const CollapseRun& run = runs[std::min<int>(i, runs.size() - 1)];
  const auto record = newestRecord(run.snapshot);
  if (record.get() == shownRecord_ && record) return;  // redraw the histogram only when it changed
  shownRecord_ = record.get();
  gaps_->setRecord(record, run.name, run.color);
  summary_->setText(record ? collapseSummary(*record, run.name) : tr("No measurement yet."));
}

}  // namespace losslab
