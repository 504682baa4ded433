#include "losslab/widgets/sharpness_view.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "losslab/optim/schedule.hpp"
#include "losslab/widgets/line_label.hpp"
#include "losslab/widgets/plot_style.hpp"
#include "losslab/widgets/plot_tooltip.hpp"
#include "runaway_rows.hpp"
#include "threshold_at_row.hpp"
#include "value_extent.hpp"

namespace losslab {

namespace {
constexpr CurvatureQuantity quantities[] = {
    CurvatureQuantity::Sharpness, CurvatureQuantity::GaussNewtonSharpness,
    CurvatureQuantity::PreconditionedSharpness, CurvatureQuantity::Trace, CurvatureQuantity::GfsSharpness,
    CurvatureQuantity::FlowSharpness};

double valueOf(const MetricsRow& row, CurvatureQuantity q) {
  switch (q) {
    case CurvatureQuantity::Sharpness: return row.sharpness;
    case CurvatureQuantity::GaussNewtonSharpness: return row.gnSharpness;
    case CurvatureQuantity::PreconditionedSharpness: return row.precondSharpness;
    case CurvatureQuantity::Trace: return row.trace;
    case CurvatureQuantity::GfsSharpness: return row.gfsSharpness;
    case CurvatureQuantity::FlowSharpness: return row.flowSharpness;
  }
  return MetricsRow::nan;
}

QColor colorOf(CurvatureQuantity q) {
  switch (q) {
    case CurvatureQuantity::Sharpness: return plot::hessianColor;
    case CurvatureQuantity::GaussNewtonSharpness: return plot::gaussNewtonColor;
    case CurvatureQuantity::PreconditionedSharpness: return plot::preconditionedColor;
    case CurvatureQuantity::Trace: return plot::traceColor;
    case CurvatureQuantity::GfsSharpness: return plot::gfsColor;
    case CurvatureQuantity::FlowSharpness: return plot::flowColor;
  }
  return Qt::black;
}

}  // namespace

SharpnessView::SharpnessView(QWidget* parent)
    : QCustomPlot(parent),
      throttle_([this] { redraw(); }, [this] { return replotTime(); }),
      compared_(*this, comparedSeries()) {
  setMinimumSize(420, 260);
  setToolTip(tr("Curvature of the training loss against step, measured while the network "
                "trains, with the optimizer's stability threshold. Point at a curve or a "
                "dashed line for what it is."));
  plot::styleAxes(*this);
  xAxis->setLabel(tr("step"));
  yAxis->setLabel(tr("largest eigenvalue"));
  yAxis2->setLabel(quantityName(CurvatureQuantity::Trace));
  yAxis2->setTickLabelColor(plot::traceColor.darker(130));
  yAxis2->setLabelColor(plot::traceColor.darker(130));
  setPlottingHint(QCP::phFastPolylines, true);  // zigzags at the edge of stability stay cheap

  for (CurvatureQuantity q : quantities) {
    QCPAxis* axis = q == CurvatureQuantity::Trace ? yAxis2 : yAxis;
    QCPGraph* g = addGraph(xAxis, axis);
    g->setName(quantityName(q));
    // G's λmax nearly equals H's for MSE, and so may the GFS λmax at rest: dashed, H shows through.
    const bool dashed = q == CurvatureQuantity::GaussNewtonSharpness || q == CurvatureQuantity::GfsSharpness ||
                        q == CurvatureQuantity::FlowSharpness;
    g->setPen(plot::pen(colorOf(q), 2.5, dashed ? Qt::DashLine : Qt::SolidLine));
    // The trace is a noisy Hutchinson estimate on its own axis: lighter, behind the eigenvalues.
    if (q == CurvatureQuantity::Trace) {
      QColor light = colorOf(q);
      light.setAlpha(170);
      g->setPen(plot::pen(light, 1.5));
      g->setLayer(QStringLiteral("grid"));  // under the "main" layer of the others
    }
    // The GFS and flow sharpness are smooth and measured every few steps: over λmax(H)'s
    // oscillation at the edge of stability, which would otherwise paint them over.
    if (q == CurvatureQuantity::GfsSharpness || q == CurvatureQuantity::FlowSharpness) g->setLayer(QStringLiteral("axes"));
    graphs_[static_cast<int>(q)] = g;
  }
  threshold_ = addGraph(xAxis, yAxis);
  threshold_->setPen(plot::pen(plot::thresholdColor, 2.0, Qt::DashLine));
  threshold_->setLineStyle(QCPGraph::lsStepLeft);  // a rate holds until the next change
  traceThreshold_ = addGraph(xAxis, yAxis2);
  traceThreshold_->setPen(plot::pen(plot::traceColor.darker(120), 2.0, Qt::DashDotLine));
  traceThreshold_->setLineStyle(QCPGraph::lsStepLeft);
  thresholdText_ = makeLineLabel(*this, yAxis, plot::thresholdColor);
  traceThresholdText_ = makeLineLabel(*this, yAxis2, plot::traceColor.darker(130));

  plot::legendBelow(*this);
  legend->setWrap(3);  // λmax(H), GFS, flow and the threshold: two rows, never clipped at 1280 pixels

  thresholdNote_ = new QCPItemText(this);
  thresholdNote_->position->setType(QCPItemPosition::ptAxisRectRatio);
  thresholdNote_->position->setCoords(0.5, 0.04);
  thresholdNote_->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
  thresholdNote_->setFont(plot::sized(font(), 12));  // as the curves' labels: read from the back of a room
  thresholdNote_->setColor(plot::thresholdColor.darker(130));
  thresholdNote_->setBrush(QColor(255, 255, 255, 220));  // a curve passing behind leaves the words legible
  thresholdNote_->setPadding(QMargins(4, 2, 4, 2));
  thresholdNote_->setVisible(false);

  placeholder_ = new QCPItemText(this);
  placeholder_->position->setType(QCPItemPosition::ptAxisRectRatio);
  placeholder_->position->setCoords(0.5, 0.45);
  placeholder_->setFont(plot::sized(font(), 13));
  placeholder_->setColor(QColor(85, 85, 85));

  redraw();  // the empty picture; the first snapshot still draws at once
  throttle_.forget();
  redrawCount_ = 0;
}

void SharpnessView::flushRedraw() { throttle_.flush(); }

void SharpnessView::setSnapshot(SnapshotPtr snapshot) {
  snapshot_ = std::move(snapshot);
  throttle_.request();  // a pending redraw picks up the newest snapshot
}

std::vector<RunOverlay::Series> SharpnessView::comparedSeries() {
  return {{QString(), yAxis, Qt::SolidLine, 2.5, true, QCPGraph::lsLine,
           [](const Snapshot&, const MetricsRow& r) { return r.sharpness; }, true},
          {tr("threshold"), yAxis, Qt::DashLine, 2.0, true, QCPGraph::lsStepLeft,
           [](const Snapshot& s, const MetricsRow& r) {
             const auto t = thresholdAtRow(s.config.optimizer, r);
             return t ? t->value : MetricsRow::nan;
           }}};
}

void SharpnessView::setComparedRuns(QVector<PlottedRun> runs) {
  compared_.setRuns(std::move(runs));
  setSnapshot(snapshot_);  // at the bounded rate
}

void SharpnessView::setMaxRedrawRate(double hz) {
  throttle_.setMaxRate(hz);
}

void SharpnessView::setLogScale(bool on) {
  if (on == logScale_) return;
  logScale_ = on;
  plot::setLogAxis(yAxis, on);
  plot::setLogAxis(yAxis2, on);
  redraw();
}

void SharpnessView::redraw() {
  ++redrawCount_;
  throttle_.drawn();
  QVector<double> xs[kCurvatureQuantityCount], ys[kCurvatureQuantityCount], thresholdX, thresholdY, traceX, traceY;
  ValueExtent left, right;
  auto drawable = [this](double v) { return std::isfinite(v) && (!logScale_ || v > 0.0); };
  // A step line needs only the steps where its value changes (and its last step): one point per
  // row made QCustomPlot's sampling of a dashed line drop its first stretch over a long axis.
  auto addStep = [](QVector<double>& xs, QVector<double>& ys, double x, double v) {
    const int n = int(xs.size());
    if (n >= 2 && ys[n - 1] == v && ys[n - 2] == v) xs[n - 1] = x;
    else xs.push_back(x), ys.push_back(v);
  };
  const bool haveRows = snapshot_ && snapshot_->history && !snapshot_->history->empty();
  StabilityThreshold now;
  bool sgd = false;
  if (haveRows) {
    const ExperimentConfig& c = snapshot_->config;
    const OptimizerConfig& o = c.optimizer;
    sgd = o.batchSize && snapshot_->data && *o.batchSize < snapshot_->data->train.size();
    // A diverged run's axes fit the history before it ran away (runaway_rows.hpp).
    const double runaway = runawayStep(*snapshot_);
    for (const MetricsRow& row : *snapshot_->history) {
      const double x = timeOf(row, timeAxis_);
      if (!std::isfinite(x)) continue;
      for (CurvatureQuantity q : quantities) {
        const double v = valueOf(row, q);
        if (!drawable(v)) continue;
        const int i = static_cast<int>(q);
        xs[i].push_back(x), ys[i].push_back(v);
        if (double(row.step) < runaway) (q == CurvatureQuantity::Trace ? right : left).add(v);
      }
      // The threshold of the rate in force at this row; at tracked rows, the engine's own value.
      const std::optional<StabilityThreshold> t = thresholdAtRow(o, row);
      if (!t) continue;
      if (drawable(t->value)) addStep(thresholdX, thresholdY, x, t->value);
      if (drawable(2.0 / row.lr)) addStep(traceX, traceY, x, 2.0 / row.lr);
    }
    // The rate in force now (the slider may have moved since the last row): the line's end.
    const double lr = learningRateAt(c.schedule, o.lr, snapshot_->step, c.steps);
    now = sharpnessThreshold(o, lr, snapshot_->history->back().gradNorm);
    const double newest = newestTime(*snapshot_, timeAxis_);
    if (drawable(now.value) && !thresholdX.isEmpty() && newest > thresholdX.back())
      addStep(thresholdX, thresholdY, newest, now.value);
    if (drawable(2.0 / lr) && !traceX.isEmpty() && newest > traceX.back())
      addStep(traceX, traceY, newest, 2.0 / lr);
  }
  const bool trackedLambda = !xs[0].isEmpty() || !xs[1].isEmpty() || !xs[2].isEmpty() || !xs[5].isEmpty();
  const bool trackedTrace = !xs[3].isEmpty();
  for (CurvatureQuantity q : quantities) {
    const int i = static_cast<int>(q);
    graphs_[i]->setData(xs[i], ys[i], true);
    // Few points (tracking every 50 steps, say) read better as dots on the line.
    graphs_[i]->setScatterStyle(xs[i].size() <= 60 ? QCPScatterStyle(QCPScatterStyle::ssDisc, 7)
                                                   : QCPScatterStyle());
    xs[i].isEmpty() ? graphs_[i]->removeFromLegend() : graphs_[i]->addToLegend();
  }
  // A threshold only beside the quantity it bounds: Adam's bounds λmax(P⁻¹H) (Cohen et al.
  // 2022), not λmax(H); without that curve the line would compare unlike things (issue #21).
  const bool boundsPreconditioned = now.quantity == "lambda_max(P^-1 H)";
  const bool boundedMeasured =
      boundsPreconditioned ? !xs[static_cast<int>(CurvatureQuantity::PreconditionedSharpness)].isEmpty() : trackedLambda;
  // SAM over momentum or Adam has no threshold: say so rather than draw GD-SAM's edge.
  const bool noneKnown = haveRows && !now.known();
  thresholdNote_->setText(noneKnown ? tr("No stability threshold is known for SAM over momentum or Adam:\n"
                                         "the SAM edge (Long & Bartlett 2024) holds for SAM over plain GD.")
                                    : tr("Adam's threshold bounds λmax(P⁻¹H), which is not measured:\n"
                                         "tick “also λmax(P⁻¹H)” under “Track while training” below."));
  thresholdNoteTip_ = noneKnown ? tr("No stability threshold drawn: %1. The sharpness is still "
                                     "measured.").arg(QString::fromStdString(now.source))
                                : thresholdNote_->text();
  thresholdNote_->setVisible(haveRows && trackedLambda && (noneKnown || !boundedMeasured));
  if (noneKnown) thresholdX.clear(), thresholdY.clear();
  if (!boundedMeasured) thresholdX.clear(), thresholdY.clear();
  if (!trackedTrace || !sgd) traceX.clear(), traceY.clear();
  for (double v : thresholdY) left.add(v);
  for (double v : traceY) right.add(v);
  threshold_->setData(thresholdX, thresholdY, true);
  traceThreshold_->setData(traceX, traceY, true);
  threshold_->setName(tr("threshold on %1").arg(prettyQuantity(now.quantity)));
  traceThreshold_->setName(tr("SGD bound on tr H"));
  thresholdX.isEmpty() ? threshold_->removeFromLegend() : threshold_->addToLegend();
  traceX.isEmpty() ? traceThreshold_->removeFromLegend() : traceThreshold_->addToLegend();

  thresholdText_->setVisible(!thresholdX.isEmpty());
  if (!thresholdY.isEmpty()) {
    StabilityThreshold shown = now;
    shown.value = thresholdY.back();
    thresholdText_->setText(losslab::thresholdLabel(shown));
    thresholdTip_ = thresholdToolTip(shown);
  }
  traceThresholdText_->setVisible(!traceX.isEmpty());
  if (!traceY.isEmpty()) {
    StabilityThreshold shown = traceThreshold(2.0 / traceY.back());
    traceThresholdText_->setText(tr("tr H ≤ %1").arg(losslab::thresholdLabel(shown)));
    traceThresholdTip_ = thresholdToolTip(shown);
  }

  yAxis2->setVisible(trackedTrace);
  placeholder_->setVisible(!trackedLambda && !trackedTrace);
  const long every = snapshot_ ? snapshot_->tracking.every : 0;
  placeholder_->setText(every > 0 ? tr("Tracking every %1 steps: λmax(H) appears at the next "
                                       "measured step.").arg(every)
                                  : tr("Curvature is not tracked yet.\nSet “Measure every”\nin "
                                       "“Track while training” below\nto draw λmax(H) here."));
  const double comparedStep = drawCompared(drawable, [&](double v) { left.add(v); },
                                           thresholdY.isEmpty() ? MetricsRow::nan : thresholdY.back());
  yAxis->setRange(left.range(logScale_));
  yAxis2->setRange(right.range(logScale_));
  fitAxes(std::max(comparedStep, snapshot_ ? newestTime(*snapshot_, timeAxis_) : 0.0));
  if (!thresholdY.isEmpty())  // where the axes now put it
    placeLineLabel(*thresholdText_, thresholdY.back(), {graphs_[0], graphs_[1], graphs_[2], graphs_[4], graphs_[5]});
  if (!traceY.isEmpty()) placeLineLabel(*traceThresholdText_, traceY.back(), {graphs_[3]});
  replot(QCustomPlot::rpQueuedReplot);
}

double SharpnessView::drawCompared(const std::function<bool(double)>& drawable,
                                   const std::function<void(double)>& fit, double ownThreshold) {
  const double lastStep = compared_.redraw(drawable, [&](int series, double v) {
    if (series == ComparedSharpness) fit(v);
  });
  // A compared run's threshold only beside its λmax, and only where it is another line than
  // this run's (its rate, momentum or SAM differs): two dashed lines on one another read as one.
  for (int r = 0; r < compared_.runs().size(); ++r) {
    const QCPGraph* line = compared_.graph(r, ComparedThreshold);
    const bool tracked = !compared_.graph(r, ComparedSharpness)->data()->isEmpty();
    const double last = line->data()->isEmpty() ? MetricsRow::nan : (line->data()->constEnd() - 1)->value;
    const bool sameLine = !(std::abs(last - ownThreshold) > 1e-9 * std::abs(ownThreshold));
    if (!tracked || sameLine) compared_.hide(r, ComparedThreshold);
    else for (const QCPGraphData& d : *line->data()) fit(d.value);
  }
  return lastStep;
}

void SharpnessView::setTimeRange(long steps) {
  timeRange_ = static_cast<double>(std::max(0L, steps));
  redraw();
}

void SharpnessView::setTimeAxis(TimeAxis axis) {
  if (axis == timeAxis_) return;
  timeAxis_ = axis;
  compared_.setTimeAxis(axis);
  xAxis->setLabel(timeAxisTitle(axis));
  redraw();
}

void SharpnessView::fitAxes(double newest) {
  xAxis->setRange(0.0, timeAxisEnd(newest, timeRange_, snapshot_.get(), timeAxis_));  // the loss curve's timeline
}

QString SharpnessView::toolTipAt(const QPoint& pos) const {
  const QPointF p(pos);
  const CurvatureTracking tracking = snapshot_ ? snapshot_->tracking : CurvatureTracking{};
  double best = selectionTolerance();
  QString tip = toolTip();
  for (CurvatureQuantity q : quantities) {
    const QCPGraph* g = graph(q);
    const double d = g->visible() ? g->selectTest(p, false) : -1.0;
    if (d < 0 || d > best) continue;
    best = d;
    double step = 0.0, value = 0.0;
    g->pixelsToCoords(p, step, value);
    auto it = g->data()->findBegin(step, false);  // the first point at or after the mouse ...
    if (it == g->data()->constEnd() ||
        (it != g->data()->constBegin() && step - (it - 1)->key < it->key - step))
      --it;  // ... or the one before it, whichever is nearer
    tip = quantityToolTip(q, tracking) +
          tr("\nHere: %1 = %2 at %3.").arg(quantityName(q), formatNumber(it->value), timeText(it->key, timeAxis_));
  }
  const std::tuple<const QCPGraph*, const QCPItemText*, const QString*> lines[] = {
      {threshold_, thresholdText_, &thresholdTip_},
      {traceThreshold_, traceThresholdText_, &traceThresholdTip_}};
  for (auto [line, label, text] : lines) {  // a line, or its label, under the mouse
    double d = line->dataCount() ? line->selectTest(p, false) : -1.0;
    const double onLabel = label->visible() ? label->selectTest(p, false) : -1.0;
    if (onLabel >= 0 && (d < 0 || onLabel < d)) d = onLabel;
    if (d >= 0 && d <= best) best = d, tip = *text;
  }
  const double onNote = thresholdNote_->visible() ? thresholdNote_->selectTest(p, false) : -1.0;
  if (onNote >= 0 && onNote <= best) tip = thresholdNoteTip_;
  return tip;
}

bool SharpnessView::event(QEvent* event) {
  return answerToolTip(this, event, [this](const QPoint& p) { return toolTipAt(p); }) || QCustomPlot::event(event);
}

}  // namespace losslab
