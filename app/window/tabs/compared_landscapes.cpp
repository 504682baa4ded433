#include "tabs/compared_landscapes.hpp"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QScrollArea>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

#include "controls/control_form.hpp"
#include "losslab/landscape/contour_levels.hpp"
#include "losslab/landscape/grid_minima.hpp"
#include "losslab/probes/spectrum_probe.hpp"
#include "losslab/widgets/landscape_map_view.hpp"
#include "runs/probe_runner.hpp"
#include "tabs/convexity_panel.hpp"

namespace losslab {

namespace {
constexpr double kNonConvex = 0.1;  // Li et al.'s threshold on |λmin / λmax|

QString steps(long step) { return QLocale().toString(static_cast<qlonglong>(step)); }

// The range of every usable value of the fields, for one colour scale over all of them.
std::optional<std::pair<double, double>> sharedRange(const std::vector<Eigen::MatrixXd>& fields, bool log) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Eigen::MatrixXd& f : fields) {
    const FieldRange r = usableRange(f, log ? LevelSpacing::Log : LevelSpacing::Linear);
    if (r.empty()) continue;
    lo = std::min(lo, r.lo);
    hi = std::max(hi, r.hi);
  }
  if (!(lo < hi)) return std::nullopt;
  return std::make_pair(lo, hi);
}

// Progress of one part of the work (run `part` of `parts`) as a share of the whole.
TaskControl partOf(const TaskControl& whole, int part, int parts) {
  return {whole.stop, [&whole, part, parts](double f) { whole.report((part + f) / parts); }};
}
}  // namespace

ComparedLandscapes::ComparedLandscapes(QWidget* parent)
    : QWidget(parent), grid_(new QWidget(this)), runner_(new ProbeRunner(this)) {
  columnsLayout_ = new QGridLayout(grid_);
  columnsLayout_->setContentsMargins(0, 0, 0, 0);
  columnsLayout_->setRowStretch(1, 1);
  columnsLayout_->setRowStretch(2, 1);
  placeholder_ = new QLabel(tr("Run → Compare with a changed setting puts other runs beside this one (skip "
                               "connections off, another width, learning rate or seed); then Compute draws "
                               "the landscape of each, side by side."),
                            this);
  placeholder_->setWordWrap(true);
  compute_ = new QPushButton(tr("Compute"), this);
  compute_->setToolTip(tr("The loss landscape of this run and of each compared run, each around its own newest "
                          "parameters along its own directions, made alike: the Landscape tab's kind, "
                          "normalisation, seed and ranges, set on the Map and slice page (Li et al. 2018, Fig. 5). "
                          "The maps of a row share one colour scale."));
  withRatio_ = new QCheckBox(tr("convexity maps"), this);
  withRatio_->setChecked(true);
  withRatio_->setToolTip(tr("Also |λmin / λmax| of the Hessian over each run's plane (Li et al. 2018, Fig. 7): dark "
                            "where the surface is convex, bright where it curves down as much as up."));
  setControlKey(withRatio_, QStringLiteral("landscape.compare_convexity"));
  ratioPoints_ = convexityPointsBox(this, QStringLiteral("landscape.compare_convexity_points"),
                                    tr("the loss maps' ranges, for each run"));
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setEnabled(false);
  progress_ = thinProgressBar(this);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  status_->hide();
  status_->setToolTip(tr("Each map lies around its run's newest parameters, along its own directions made alike. "
                         "Local minima measure how rugged a map is (Li et al. 2018: many small basins without skip "
                         "connections); |λmin/λmax| > %1 marks a non-convex point.").arg(kNonConvex));
  auto* row = new QHBoxLayout;  // one row: the page's height is the maps'
  row->addWidget(compute_);
  row->addWidget(withRatio_);
  row->addWidget(ratioPoints_);
  row->addWidget(cancel_);
  row->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(placeholder_);
  // Five runs' columns scroll sideways rather than widen the window past a projector's screen.
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(grid_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  layout->addWidget(scroll, 1);
  layout->addLayout(row);
  layout->addWidget(progress_);
  layout->addWidget(status_);
  connect(compute_, &QPushButton::clicked, this, &ComparedLandscapes::compute);
  connect(cancel_, &QPushButton::clicked, this, &ComparedLandscapes::cancel);
  connect(withRatio_, &QCheckBox::toggled, this, [this](bool on) {
    ratioPoints_->setEnabled(on);
    for (Column& c : columns_) c.convexity->setVisible(on || c.ratio);
  });
  connect(runner_, &ProbeRunner::progressed, this, [this](double f) { progress_->setValue(int(1000 * f)); });
  connect(runner_, &ProbeRunner::failed, this, [this](const QString& message) {
    held_ = true;
    finish(tr("<b>Could not compute the landscapes:</b> %1").arg(message.toHtmlEscaped()));
  });
  connect(runner_, &ProbeRunner::cancelled, this, [this] {
    finish(std::exchange(yielding_, false) ? tr("The runs train again: their maps follow when they stand.")
                                           : tr("<b>Cancelled.</b> The maps done stay."));
  });
  enableCompute();
}

ComparedLandscapes::~ComparedLandscapes() {
  delete runner_;  // joins the worker before the columns it posts to go
  runner_ = nullptr;
}

void ComparedLandscapes::setRuns(const QVector<PlottedRun>& runs) {
  bool same = static_cast<size_t>(runs.size()) == columns_.size();
  for (int r = 0; same && r < runs.size(); ++r)
    same = runs[r].name == columns_[static_cast<size_t>(r)].name && runs[r].color == columns_[static_cast<size_t>(r)].color;
  if (!same) return rebuild(runs);
  for (int r = 0; r < runs.size(); ++r) {
    Column& c = columns_[static_cast<size_t>(r)];
    const SnapshotPtr& s = runs[r].snapshot;
    // Back to an earlier step or another network: the run started again, its map is of another run.
    const bool restarted = s && c.snapshot && (s->step < c.snapshot->step ||
                                               s->parameters.size() != c.snapshot->parameters.size());
    if (restarted && (c.result || c.ratio)) {
      if (computing_) runner_->cancel();
      forget(c);
    }
    c.snapshot = s;
  }
  // Maps started by the page itself give way when the runs train again: they would be stale, and
  // take the cores the runs train on. They follow when the runs stand.
  const bool training = std::any_of(columns_.begin(), columns_.end(), [](const Column& c) {
    return c.snapshot && c.snapshot->state == RunStatus::Running;
  });
  if (computing_ && automatic_ && training) {
    yielding_ = true;
    runner_->cancel();
  }
  enableCompute();
  followRuns();
}

void ComparedLandscapes::rebuild(const QVector<PlottedRun>& runs) {
  if (computing_) runner_->cancel();
  for (Column& c : columns_)
    for (QWidget* w : std::initializer_list<QWidget*>{c.title, c.loss, c.convexity, c.summary}) delete w;
  columns_.clear();
  for (int r = 0; r < runs.size(); ++r) {
    Column c;
    c.name = runs[r].name;
    c.color = runs[r].color;
    c.snapshot = runs[r].snapshot;
    c.title = new QLabel(QStringLiteral("<b><font color=\"%1\">■</font> %2</b>").arg(c.color.name(), c.name.toHtmlEscaped()), grid_);
    c.title->setAlignment(Qt::AlignCenter);
    c.loss = new LandscapeMapView(grid_);
    c.loss->setColormap(colormap_);
    c.loss->setLogScale(log_);
    c.loss->clear(tr("Drawn when the runs stand, or by Compute."));
    c.convexity = new LandscapeMapView(grid_);
    c.convexity->setColormap(Colormap::Magma);
    c.convexity->setContourCount(0);
    c.convexity->setLogScale(log_);
    c.convexity->clear(tr("Drawn when the runs stand, or by Compute."));
    c.convexity->setVisible(withRatio_->isChecked());
    // Up to five columns of two maps beside the tab's controls, on a projector's 1280 × 800.
    for (LandscapeMapView* v : {c.loss, c.convexity}) v->setMinimumSize(170, 150);
    c.summary = new QLabel(grid_);
    c.summary->setWordWrap(true);
    c.summary->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    c.summary->setToolTip(tr("The step the maps are of; the loss map's local minima (points below all their "
                             "neighbours: many small basins make a chaotic landscape, Li et al. 2018); the share "
                             "of the convexity map's points where |λmin/λmax| > %1 (non-convex, as Li et al. "
                             "count it).").arg(kNonConvex));
    columnsLayout_->addWidget(c.title, 0, r);
    columnsLayout_->addWidget(c.loss, 1, r);
    columnsLayout_->addWidget(c.convexity, 2, r);
    columnsLayout_->addWidget(c.summary, 3, r);
    columns_.push_back(c);
  }
  placeholder_->setVisible(columns_.size() < 2);
  say(QString());
  held_ = false;
  enableCompute();
  followRuns();
}

void ComparedLandscapes::forget(Column& c) {
  c.result.reset();
  c.computedAt.reset();
  c.ratio.reset();
  c.loss->clear(tr("The run started again: compute again."));
  c.convexity->clear(tr("The run started again: compute again."));
  c.convexity->setVisible(withRatio_->isChecked());
  c.summary->clear();
  shareScales();
}

void ComparedLandscapes::setLogScale(bool on) {
  log_ = on;
  for (Column& c : columns_) {
    c.loss->setLogScale(on);
    c.convexity->setLogScale(on);
  }
  shareScales();
}

void ComparedLandscapes::setColormap(Colormap map) {
  colormap_ = map;
  for (Column& c : columns_) c.loss->setColormap(map);
}

void ComparedLandscapes::enableCompute() {
  const bool ready = !columns_.empty() &&
                     std::all_of(columns_.begin(), columns_.end(), [](const Column& c) { return bool(c.snapshot); });
  compute_->setEnabled(ready && !computing_ && isEnabled());
}

void ComparedLandscapes::compute() {
  if (computing_ || columns_.empty() || !requestSource_) return;
  held_ = false;
  automatic_ = false;  // pressed: kept while the runs train
  LandscapeRequest request = requestSource_();
  if (request.kind == DirectionKind::Interpolation) {
    held_ = true;
    say(tr("An interpolation is a line: choose random, Hessian or PCA directions on the Map and slice page to "
                        "draw maps side by side."));
    return;
  }
  std::vector<SnapshotPtr> snapshots;
  for (const Column& c : columns_) {
    if (!c.snapshot) return say(tr("“%1” has no parameters yet.").arg(c.name));
    snapshots.push_back(c.snapshot);
  }
  request.contours = columns_.front().loss->contourSettings();  // traced on the worker
  request_ = request;
  const bool withRatio = withRatio_->isChecked();
  const int ratioPoints = ratioPoints_->value();
  computing_ = true;
  compute_->setEnabled(false);
  cancel_->setEnabled(true);
  progress_->setValue(0);
  progress_->show();
  say(snapshots.size() == 1 ? tr("<b>Computing the landscape of this run…</b>")
                                         : tr("<b>Computing the landscapes of %1 runs…</b>").arg(snapshots.size()));
  for (Column& c : columns_) c.loss->setRefining(true);
  runner_->runTask([this, snapshots, request, withRatio, ratioPoints](const TaskControl& control,
                                                                    const ProbeRunner::Post& post) -> std::function<void()> {
    const int runs = static_cast<int>(snapshots.size()), parts = runs * (withRatio ? 2 : 1);
    for (int r = 0; r < runs; ++r) {
      const Snapshot& s = *snapshots[static_cast<size_t>(r)];
      const int first = r * (withRatio ? 2 : 1);
      LandscapeRequest own = request;
      const TaskControl mapPart = partOf(control, first, parts);
      auto basis = std::make_shared<const LandscapeBasis>(landscapeBasis(s, own, mapPart));
      if (basis->kind == DirectionKind::TrajectoryPca && s.checkpoints)
        own.grid = gridAroundPath(*basis, *s.checkpoints, own.grid);
      auto result = std::make_shared<const LandscapeResult>(evaluateLandscape(s, basis, own, mapPart));
      post([this, r, result, at = snapshots[static_cast<size_t>(r)]] {
        columns_.at(static_cast<size_t>(r)).computedAt = at;
        showLoss(r, result);
      });
      if (!withRatio || !result->grid) continue;
      GridSpec grid = own.grid;
      grid.alpha.points = grid.beta.points = ratioPoints;
      const LandscapePlane plane{result->centre, basis->plane.dir1, basis->plane.dir2};
      auto ratio = std::make_shared<const ConvexityGrid>(evaluateConvexity(
          s.network, s.config.loss, plane, trainingSamples(s, 0), grid, {}, partOf(control, first + 1, parts)));
      post([this, r, ratio] { showRatio(r, ratio); });
    }
    return [this] {
      finish(QString());  // the maps and their lines say it
      Q_EMIT computed();
    };
  });
}

void ComparedLandscapes::cancel() {
  held_ = true;
  runner_->cancel();
}

void ComparedLandscapes::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  QTimer::singleShot(0, this, &ComparedLandscapes::followRuns);
}

void ComparedLandscapes::followRuns() {
  if (!isVisible() || !isEnabled() || held_ || computing_ || columns_.empty() || !requestSource_) return;
  bool missing = false, behind = false;
  for (const Column& c : columns_) {
    // Training: the maps come when the runs stand (each map of a moving run would be stale at
    // once, and would take the cores the runs train on); the placeholders say so.
    if (!c.snapshot || c.snapshot->state == RunStatus::Running) return;
    missing = missing || !c.result;
    behind = behind || (c.result && c.result->step != c.snapshot->step);
  }
  if (missing || behind) {
    compute();
    automatic_ = true;
  }
}

void ComparedLandscapes::showLoss(int run, const std::shared_ptr<const LandscapeResult>& result) {
  Column& c = columns_.at(static_cast<size_t>(run));
  c.result = result;
  c.loss->setRefining(false);
  if (result->grid) {
    const QString quantity = result->testData ? tr("test loss") : tr("training loss");
    c.loss->setGrid(*result->grid, result->contours, quantity);
    c.loss->setAxisLabels(tr("α · d₁"), tr("β · d₂"));
  } else {
    c.loss->clear(tr("No map: the directions make a line."));
  }
  shareScales();
  describe(c);
}

void ComparedLandscapes::showRatio(int run, const std::shared_ptr<const ConvexityGrid>& ratio) {
  Column& c = columns_.at(static_cast<size_t>(run));
  c.ratio = ratio;
  c.convexity->setVisible(true);
  c.convexity->setRefining(false);
  c.convexity->setGrid(ratioGrid(*ratio), std::nullopt, tr("|λmin / λmax|"));
  c.convexity->setAxisLabels(tr("α · d₁"), tr("β · d₂"));
  shareScales();
  describe(c);
}

void ComparedLandscapes::shareScales() {
  std::vector<Eigen::MatrixXd> losses, ratios;
  for (const Column& c : columns_) {
    if (c.result && c.result->grid) losses.push_back(c.result->grid->loss);
    if (c.ratio) ratios.push_back(c.ratio->ratio());
  }
  const auto lossRange = sharedRange(losses, log_);
  auto ratioRange = sharedRange(ratios, log_);
  if (ratioRange && !log_) ratioRange = kRatioScale;  // as the convexity map's
  for (Column& c : columns_) {
    c.loss->setFixedRange(lossRange);
    c.convexity->setFixedRange(ratioRange);
  }
}

void ComparedLandscapes::describe(Column& c) {
  QStringList parts;
  if (c.result) {
    parts << tr("step %1").arg(steps(c.result->step));
    if (c.result->grid) {
      const long minima = countLocalMinima(c.result->grid->loss);
      parts << (minima == 1 ? tr("1 local minimum") : tr("%1 local minima").arg(minima));
    }
  }
  if (c.ratio)
    parts << tr("%1 non-convex").arg(QLocale().toString(100.0 * c.ratio->shareAbove(kNonConvex), 'f', 1) +
                                     QStringLiteral(" %"));
  c.summary->setText(parts.join(QStringLiteral(" · ")));
}

SnapshotPtr ComparedLandscapes::snapshot(int run) const {
  const Column& c = column(run);
  return c.computedAt ? c.computedAt : c.snapshot;
}

QString ComparedLandscapes::summary(int run) const { return column(run).summary->text(); }

QString ComparedLandscapes::status() const { return status_->text(); }

void ComparedLandscapes::say(const QString& text) {
  status_->setText(text);
  status_->setVisible(!text.isEmpty());  // an empty line would take a map's height
}

void ComparedLandscapes::finish(const QString& status) {
  computing_ = false;
  progress_->hide();
  cancel_->setEnabled(false);
  for (Column& c : columns_) c.loss->setRefining(false);
  say(status);
  enableCompute();
  QTimer::singleShot(0, this, &ComparedLandscapes::followRuns);  // the runs may have moved meanwhile
}

}  // namespace losslab
