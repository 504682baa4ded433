#include "losslab/widgets/collapse_view.hpp"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>

#include "collapse_quantities.hpp"
#include "losslab/widgets/plot_tooltip.hpp"

namespace losslab {

using namespace collapse_quantities;

namespace {

const char* panelLabel(CollapsePanel p) {
  switch (p) {
    case CollapsePanel::Accuracy: return "accuracy (%)";
    case CollapsePanel::Collapse: return "collapsed (%)";
    case CollapsePanel::Alignment: return "NLM cosine";
    case CollapsePanel::Norms: return "‖θ‖";
  }
  return "";
}

void styleAxis(QCPAxis* axis, const QFont& font) {
  axis->setTickLabelFont(plot::sized(font, 11));
  axis->setLabelFont(plot::sized(font, 13));
}

// Where each panel's curves seldom are: train accuracy at 100 % and test accuracy at chance
// (until grokking) leave the middle free, collapse shares start at 0 and rise late, alignments
// sit between 0 and 1, and the norms end high.
Qt::Alignment legendCorner(CollapsePanel panel) {
  switch (panel) {
    case CollapsePanel::Accuracy: return Qt::AlignRight | Qt::AlignVCenter;
    case CollapsePanel::Collapse: return Qt::AlignLeft | Qt::AlignTop;
    case CollapsePanel::Alignment: return Qt::AlignRight | Qt::AlignBottom;
    case CollapsePanel::Norms: return Qt::AlignRight | Qt::AlignBottom;
  }
  return Qt::AlignRight | Qt::AlignTop;
}
}  // namespace

CollapseView::CollapseView(QWidget* parent)
    : QCustomPlot(parent), throttle_([this] { redraw(); }, [this] { return replotTime(); }) {
  setMinimumSize(520, 560);  // four panels; the window must fit a 1280 x 800 projector
  setToolTip(tr("Softmax collapse against step (Prieto et al. 2025): accuracy, the collapsed "
                "share of the training set per precision, the alignment of the steps with the "
                "weights, and the norms. Point at a curve for its definition and value."));
  setAutoAddPlottableToLegend(false);
  setPlottingHint(QCP::phFastPolylines, true);
  buildPanels();
  redraw();
  throttle_.forget();  // the empty picture; the first runs still draw at once
  redrawCount_ = 0;
}

void CollapseView::buildPanels() {
  plotLayout()->clear();
  // Row 0: which colour is which run, across the whole width. Row 1: the panels, each with its
  // style legend inside it.
  runLegend_ = new QCPLegend;
  runLegend_->setFont(plot::sized(font(), 12, true));
  runLegend_->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  runLegend_->setBorderPen(Qt::NoPen);
  runLegend_->setBrush(Qt::NoBrush);
  runLegend_->setIconSize(34, 14);
  runLegend_->setColumnSpacing(18);
  auto* header = new QCPLayoutGrid;
  plotLayout()->addElement(0, 0, header);
  header->addElement(0, 0, new QCPLayoutElement(this));
  header->addElement(0, 1, runLegend_);
  header->addElement(0, 2, new QCPLayoutElement(this));
  plotLayout()->setRowStretchFactor(0, 0.001);
  runLegend_->setLayer(QStringLiteral("legend"));
  auto* grid = new QCPLayoutGrid;
  plotLayout()->addElement(1, 0, grid);

  auto* margins = new QCPMarginGroup(this);
  for (int p = 0; p < 4; ++p) {
    auto* rect = new QCPAxisRect(this);
    grid->addElement(p, 0, rect);
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    for (QCPAxis* axis : rect->axes()) styleAxis(axis, font());
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    const bool last = p == 3;
    x->setTickLabels(last);
    if (last) x->setLabel(timeAxisTitle(timeAxis_));
    rect->axis(QCPAxis::atLeft)->setLabel(tr(panelLabel(CollapsePanel(p))));
    rect->setMinimumMargins(QMargins(12, 6, 12, last ? 6 : 2));
    panels_[p] = rect;

    // The quantities' styles in a legend inside the panel, where its curves seldom go: a column
    // of legends beside the panels took 40 % of the width a 1280-pixel window leaves the view.
    auto* legend = new QCPLegend;
    legend->setFont(plot::sized(font(), 11));
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(QColor(255, 255, 255, 215));
    legend->setIconSize(30, 12);
    legend->setRowSpacing(0);
    legend->setMargins(QMargins(4, 2, 4, 2));
    rect->insetLayout()->addElement(legend, legendCorner(CollapsePanel(p)));
    legend->setLayer(QStringLiteral("legend"));
    for (CollapseQuantity q : kQuantities) {
      if (panelOf(q) != CollapsePanel(p)) continue;
      // A legend entry in neutral grey: the style says the quantity, the colour says the run.
      QCPGraph* key = addGraph(x, rect->axis(q == CollapseQuantity::LogitNorm ? QCPAxis::atRight : QCPAxis::atLeft));
      key->setName(collapseQuantityName(q));
      key->setPen(quantityPen(q, QColor(70, 70, 70)));
      legend->addItem(new QCPPlottableLegendItem(legend, key));
    }
  }
  QCPAxisRect* norms = panel(CollapsePanel::Norms);
  norms->axis(QCPAxis::atRight)->setVisible(true);
  norms->axis(QCPAxis::atRight)->setLabel(tr("mean ‖z‖"));
  // The weight norm grows by a factor of ten at most, the logits by decades: linear and log.
  plot::setLogAxis(norms->axis(QCPAxis::atRight), true);
  norms->axis(QCPAxis::atRight)->ticker()->setTickCount(3);
  logitDecades_ = true;
  panel(CollapsePanel::Accuracy)->axis(QCPAxis::atLeft)->setRange(-3, 103);
  panel(CollapsePanel::Collapse)->axis(QCPAxis::atLeft)->setRange(-3, 103);
  panel(CollapsePanel::Alignment)->axis(QCPAxis::atLeft)->setRange(-1.08, 1.08);
  // The x axes move together: the same steps in every panel.
  for (int p = 0; p < 3; ++p)
    connect(panels_[3]->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            panels_[p]->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));

  placeholder_ = new QCPItemText(this);
  placeholder_->setClipAxisRect(panel(CollapsePanel::Collapse));
  placeholder_->position->setAxisRect(panel(CollapsePanel::Collapse));
  placeholder_->position->setAxes(panel(CollapsePanel::Collapse)->axis(QCPAxis::atBottom),
                                  panel(CollapsePanel::Collapse)->axis(QCPAxis::atLeft));
  placeholder_->position->setType(QCPItemPosition::ptAxisRectRatio);
  placeholder_->position->setCoords(0.5, 0.5);
  placeholder_->setFont(plot::sized(font(), 13));
  placeholder_->setColor(QColor(85, 85, 85));
}

void CollapseView::ensureRunGraphs(int count) {
  while (graphs_.size() < count) {
    QVector<QCPGraph*> row;
    for (CollapseQuantity q : kQuantities) {
      QCPAxisRect* rect = panel(panelOf(q));
      QCPGraph* g = addGraph(rect->axis(QCPAxis::atBottom),
                             rect->axis(q == CollapseQuantity::LogitNorm ? QCPAxis::atRight : QCPAxis::atLeft));
      row.push_back(g);
    }
    graphs_.push_back(row);
    QCPGraph* key = addGraph(panel(CollapsePanel::Accuracy)->axis(QCPAxis::atBottom),
                             panel(CollapsePanel::Accuracy)->axis(QCPAxis::atLeft));
    runKeys_.push_back(key);
  }
}

QCPGraph* CollapseView::graph(int run, CollapseQuantity q) const {
  if (run < 0 || run >= runs_.size() || run >= graphs_.size()) return nullptr;
  return graphs_[run][static_cast<int>(q)];
}

void CollapseView::setRuns(QVector<CollapseRun> runs) {
  runs_ = std::move(runs);
  throttle_.request();
}

void CollapseView::setMaxRedrawRate(double hz) { throttle_.setMaxRate(hz); }

void CollapseView::setLogSteps(bool on) {
  if (on == logSteps_) return;
  logSteps_ = on;
  for (QCPAxisRect* rect : panels_) plot::setLogAxis(rect->axis(QCPAxis::atBottom), on);
  redraw();
}

void CollapseView::setTimeAxis(TimeAxis axis) {
  if (axis == timeAxis_) return;
  timeAxis_ = axis;
  panels_[3]->axis(QCPAxis::atBottom)->setLabel(timeAxisTitle(axis));
  redraw();
}

void CollapseView::redraw() {
  ++redrawCount_;
  throttle_.drawn();
  ensureRunGraphs(runs_.size());
  double lastStep = 10.0;
  double normLo = INFINITY, normHi = -INFINITY, logitLo = INFINITY, logitHi = -INFINITY;
  bool anyCollapse = false;
  long every = 0;
  runLegend_->clearItems();
  for (int i = 0; i < graphs_.size(); ++i) {
    const bool shown = i < runs_.size() && runs_[i].snapshot && runs_[i].snapshot->history;
    QCPGraph* key = runKeys_[i];
    for (int k = 0; k < kCollapseQuantityCount; ++k) {
      QCPGraph* g = graphs_[i][k];
      g->setVisible(shown);
      if (!shown) {
        g->data()->clear();
        continue;
      }
      const CollapseQuantity q = kQuantities[k];
      g->setPen(quantityPen(q, runs_[i].color));
      QVector<double> xs, ys;
      // A StableMax run has no softmax to collapse: its own loss's zero-gradient share is drawn,
      // and its gaps against softmax's edges are in the histogram.
      const bool noSoftmax = runs_[i].snapshot->config.loss.kind == LossKind::StableMaxCrossEntropy &&
                             (q == CollapseQuantity::ScFloat16 || q == CollapseQuantity::ScFloat32 ||
                              q == CollapseQuantity::ScFloat64);
      for (const MetricsRow& row : *runs_[i].snapshot->history) {
        if (noSoftmax) break;
        const double v = valueOf(row, q);
        const double x = timeOf(row, timeAxis_);
        if (!std::isfinite(v) || !std::isfinite(x) || (logSteps_ && row.step < 1)) continue;
        if (q == CollapseQuantity::LogitNorm && !(v > 0)) continue;  // a log axis
        xs.push_back(x);
        ys.push_back(v);
        if (q == CollapseQuantity::WeightNorm) normLo = std::min(normLo, v), normHi = std::max(normHi, v);
        if (q == CollapseQuantity::LogitNorm) logitLo = std::min(logitLo, v), logitHi = std::max(logitHi, v);
        if (q == CollapseQuantity::ScFloat32) anyCollapse = true;
      }
      g->setData(xs, ys, true);
      // Few points (tracking every few hundred steps, say) read better as dots on the line.
      g->setScatterStyle(xs.size() > 0 && xs.size() <= 40 && panelOf(q) != CollapsePanel::Accuracy
                             ? QCPScatterStyle(QCPScatterStyle::ssDisc, 6)
                             : QCPScatterStyle());
    }
    if (!shown) continue;
    lastStep = std::max(lastStep, newestTime(*runs_[i].snapshot, timeAxis_));
    if (i == 0) every = runs_[i].snapshot->collapseTracking.every;
    key->setName(runs_[i].name);
    key->setPen(plot::pen(runs_[i].color, 4.0));
    runLegend_->addItem(new QCPPlottableLegendItem(runLegend_, key));
  }
  for (int p = 0; p < 4; ++p) {
    QCPAxis* x = panels_[p]->axis(QCPAxis::atBottom);
    // On effective time the log axis starts at the first step's time (η), not at 1.
    const double first = timeAxis_ == TimeAxis::Steps || runs_.isEmpty() || !runs_[0].snapshot
                             ? 1.0
                             : runs_[0].snapshot->config.optimizer.lr;
    x->setRange(logSteps_ ? QCPRange(first, std::max(10.0 * first, lastStep)) : QCPRange(0.0, lastStep));
  }
  QCPAxisRect* norms = panel(CollapsePanel::Norms);
  norms->axis(QCPAxis::atLeft)->setRange(normLo <= normHi ? QCPRange(0.0, normHi * 1.1) : QCPRange(0.0, 1.0));
  const QCPRange logits = logitLo <= logitHi ? QCPRange(logitLo / 1.5, logitHi * 1.5) : QCPRange(0.1, 100.0);
  // Three labels read in a short panel: powers of ten over a decade or more, else plain numbers
  // (the log ticker's 2·10⁻¹, 3·10⁻¹, 4·10⁻¹ within a decade overprinted one another).
  QCPAxis* logitAxis = norms->axis(QCPAxis::atRight);
  const bool decades = logits.upper >= 10 * logits.lower;
  if (decades != logitDecades_) {
    logitDecades_ = decades;
    logitAxis->setTicker(decades ? QSharedPointer<QCPAxisTicker>(QSharedPointer<QCPAxisTickerLog>::create())
                                 : QSharedPointer<QCPAxisTicker>::create());
    logitAxis->setNumberFormat(decades ? "eb" : "g");
    logitAxis->setNumberPrecision(decades ? 0 : 3);
    logitAxis->ticker()->setTickCount(3);
  }
  logitAxis->setRange(logits);

  placeholder_->setVisible(!anyCollapse);
  placeholder_->setText(runs_.isEmpty() || !runs_[0].snapshot
                            ? tr("No run yet.")
                        : every > 0
                            ? tr("Collapse is measured every %1 steps:\nthe first point appears at the next measured step.").arg(every)
                            : tr("Softmax collapse is not tracked for this run\n(it needs a classification network)."));
  replot(QCustomPlot::rpQueuedReplot);
}

bool CollapseView::event(QEvent* event) {
  return answerToolTip(this, event, [this](const QPoint& p) { return toolTipAt(p); }) || QCustomPlot::event(event);
}

}  // namespace losslab
