#include "losslab/widgets/loss_curve_view.hpp"

#include "runaway_rows.hpp"

#include "losslab/widgets/plot_style.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslab {

LossCurveView::LossCurveView(QWidget* parent)
    : QCustomPlot(parent),
      throttle_([this] { redraw(); }, [this] { return replotTime(); }),
      compared_(*this, comparedSeries()) {
  setMinimumSize(420, 300);
  setToolTip(tr("Training loss (and test loss, when the data set has a test split) after each "
                "optimizer step. The loss is a mean over samples."));

  for (QCPAxis* axis : {xAxis, yAxis}) {
    axis->setTickLabelFont(plot::sized(font(), 11));
    axis->setLabelFont(plot::sized(font(), 13));
  }
  xAxis->setLabel(tr("step"));
  yAxis->setLabel(tr("loss"));

  train_ = addGraph();
  train_->setName(tr("train"));
  train_->setPen(plot::pen(QColor(31, 119, 180)));
  test_ = addGraph();
  test_->setName(tr("test"));
  test_->setPen(plot::pen(QColor(255, 127, 14)));
  trainAccuracy_ = addGraph(xAxis, yAxis2);
  trainAccuracy_->setName(tr("train acc."));
  testAccuracy_ = addGraph(xAxis, yAxis2);
  testAccuracy_->setName(tr("test acc."));
  for (QCPGraph* g : {trainAccuracy_, testAccuracy_}) {
    g->setPen(plot::pen(g == trainAccuracy_ ? QColor(31, 119, 180) : QColor(255, 127, 14), 2.0, Qt::DashLine));
    g->removeFromLegend();
  }
  flowLoss_ = addGraph();
  flowLoss_->setName(tr("gradient flow"));
  flowLoss_->setPen(plot::pen(plot::flowColor, 2.0, Qt::DashLine));
  flowDistance_ = addGraph(xAxis, yAxis2);
  flowDistance_->setName(tr("distance to flow"));
  flowDistance_->setPen(plot::pen(plot::flowColor, 2.0, Qt::DotLine));
  yAxis2->setRange(0.0, 1.0);
  yAxis2->setLabel(tr("accuracy (dashed)"));
  yAxis2->setTickLabelFont(plot::sized(font(), 11));
  yAxis2->setLabelFont(plot::sized(font(), 13));
  yAxis2->setNumberFormat("f");
  yAxis2->setNumberPrecision(1);

  // Thick antialiased polylines that zigzag (an unstable run) take the raster engine seconds
  // per frame; separate segments take milliseconds (1500 points: 1.5 s -> 11 ms, measured).
  setPlottingHint(QCP::phFastPolylines, true);

  legend->setFont(plot::sized(font(), 12));
  // Under the plot, in one row: falling losses and rising accuracies fill every corner.
  plot::legendBelow(*this);
  legend->setWrap(2);  // losses in the first row, accuracies in the second

  divergedLine_ = new QCPItemStraightLine(this);
  divergedLine_->setPen(QPen(QColor(200, 30, 30), 2, Qt::DashLine));
  divergedText_ = new QCPItemText(this);
  divergedText_->setFont(plot::sized(font(), 12, true));
  divergedText_->setColor(QColor(200, 30, 30));
  divergedText_->position->setTypeX(QCPItemPosition::ptPlotCoords);
  divergedText_->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  divergedText_->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
  divergedText_->setPadding(QMargins(4, 4, 8, 4));
  showDivergence(-1);
  // A run standing at step 0 has no loss to draw yet: the plot says how to start, rather than
  // nothing until a button is pressed.
  emptyHint_ = new QCPItemText(this);
  emptyHint_->position->setType(QCPItemPosition::ptAxisRectRatio);
  emptyHint_->position->setCoords(0.5, 0.45);
  emptyHint_->setFont(plot::sized(font(), 13));
  emptyHint_->setColor(QColor(85, 85, 85));
  emptyHint_->setText(tr("Press Play (Space) to train,\nor Step (S) for one step."));

  fitAxes(0.0, std::numeric_limits<double>::quiet_NaN(), 0.0);
}

void LossCurveView::flushRedraw() { throttle_.flush(); }

void LossCurveView::setSnapshot(SnapshotPtr snapshot) {
  snapshot_ = std::move(snapshot);
  throttle_.request();  // a pending redraw picks up the newest snapshot
}

std::vector<RunOverlay::Series> LossCurveView::comparedSeries() {
  const auto accuracy = [this](bool train) {
    return [this, train](const Snapshot&, const MetricsRow& r) {
      return showAccuracy_ ? (train ? r.trainAccuracy : r.testAccuracy) : MetricsRow::nan;
    };
  };
  return {{tr("train"), yAxis, Qt::SolidLine, 2.5, true, QCPGraph::lsLine,
           [](const Snapshot&, const MetricsRow& r) { return r.trainLoss; }, false},
          {tr("test"), yAxis, Qt::DotLine, 2.5, true, QCPGraph::lsLine,
           [](const Snapshot&, const MetricsRow& r) { return r.testLoss; }, false},
          {tr("train acc."), yAxis2, Qt::DashLine, 2.0, false, QCPGraph::lsLine, accuracy(true), false},
          {tr("test acc."), yAxis2, Qt::DashDotLine, 2.0, false, QCPGraph::lsLine, accuracy(false), false}};
}

void LossCurveView::setComparedRuns(QVector<PlottedRun> runs) {
  compared_.setRuns(std::move(runs));
  setSnapshot(snapshot_);  // at the bounded rate
}

void LossCurveView::setLogScale(bool on) {
  if (on == logScale_) return;
  logScale_ = on;
  if (on) {
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    yAxis->setNumberFormat("eb");  // 10^k written as a power
    yAxis->setNumberPrecision(0);
  } else {
    yAxis->setScaleType(QCPAxis::stLinear);
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    yAxis->setNumberFormat("g");
    yAxis->setNumberPrecision(6);
  }
  redraw();
}

void LossCurveView::setShowAccuracy(bool on) {
  if (on == showAccuracy_) return;
  showAccuracy_ = on;
  yAxis2->setVisible(on);
  redraw();
}

void LossCurveView::setMaxRedrawRate(double hz) {
  throttle_.setMaxRate(hz);
}

void LossCurveView::redraw() {
  ++redrawCount_;
  throttle_.drawn();
  QVector<double> trainSteps, trainLoss, testSteps, testLoss, accSteps[2], acc[2], flowX, flowLoss, distX, dist;
  double yMin = std::numeric_limits<double>::infinity(), yMax = -yMin, lastStep = 0.0, distMax = 0.0;
  // Non-finite losses (divergence) and, on a log axis, non-positive ones cannot be drawn.
  auto drawable = [this](double v) { return std::isfinite(v) && (!logScale_ || v > 0.0); };
  // A diverged run's axes fit the history before its losses ran away (runaway_rows.hpp).
  const double runaway = snapshot_ ? runawayStep(*snapshot_) : std::numeric_limits<double>::infinity();
  auto take = [&](const MetricsRow& row, double v, QVector<double>& xs, QVector<double>& ys) {
    const double x = timeOf(row, timeAxis_);
    if (!drawable(v) || !std::isfinite(x)) return;
    xs.push_back(x);
    ys.push_back(v);
    if (double(row.step) >= runaway) return;
    yMin = std::min(yMin, v);
    yMax = std::max(yMax, v);
  };
  if (snapshot_ && snapshot_->history) {
    for (const MetricsRow& row : *snapshot_->history) {
      take(row, row.trainLoss, trainSteps, trainLoss);
      take(row, row.testLoss, testSteps, testLoss);
      take(row, row.flowTrainLoss, flowX, flowLoss);
      if (const double x = timeOf(row, timeAxis_); std::isfinite(row.flowDistance) && std::isfinite(x))
        distX.push_back(x), dist.push_back(row.flowDistance), distMax = std::max(distMax, row.flowDistance);
      if (showAccuracy_)
        for (int k = 0; k < 2; ++k)
          if (const double a = k == 0 ? row.trainAccuracy : row.testAccuracy; std::isfinite(a)) {
            accSteps[k].push_back(timeOf(row, timeAxis_));
            acc[k].push_back(a);
          }
    }
    lastStep = newestTime(*snapshot_, timeAxis_);
    // Short enough for the axis on a projector; the tooltip and the figures' JSON say it is a mean.
    // "loss: focal (γ = 2)", not "loss (focal (γ = 2))": the loss's parameters bring brackets.
    yAxis->setLabel(tr("loss: %1")
                        .arg(QString::fromStdString(describe(snapshot_->config.loss))));
  }
  // The distance from the gradient flow takes the right-hand axis from the accuracies while the
  // flow is tracked: two quantities on one axis would read as one scale.
  const bool flowShown = !dist.isEmpty();
  if (flowShown) accSteps[0].clear(), acc[0].clear(), accSteps[1].clear(), acc[1].clear();
  train_->setData(trainSteps, trainLoss, true);
  test_->setData(testSteps, testLoss, true);
  trainAccuracy_->setData(accSteps[0], acc[0], true);
  testAccuracy_->setData(accSteps[1], acc[1], true);
  flowLoss_->setData(flowX, flowLoss, true);
  flowDistance_->setData(distX, dist, true);
  yAxis2->setVisible(showAccuracy_ || flowShown);
  yAxis2->setLabel(flowShown ? tr("‖θ − θ_flow‖ (dotted)") : tr("accuracy (dashed)"));
  yAxis2->setNumberFormat(flowShown ? "g" : "f");
  yAxis2->setNumberPrecision(flowShown ? 3 : 1);
  yAxis2->setRange(0.0, flowShown ? (distMax > 0 ? distMax * 1.08 : 1.0) : 1.0);
  // Curves that never have a point (no test set, no labels) would only clutter the legend;
  // the rest keep a fixed order: losses in the first row, accuracies in the second.
  legend->clearItems();
  for (QCPGraph* g : {train_, test_, flowLoss_, trainAccuracy_, testAccuracy_, flowDistance_})
    if (g == train_ || !g->data()->isEmpty()) g->addToLegend();
  const auto fitLoss = [&](int series, double v) {
    if (series <= ComparedTest) yMin = std::min(yMin, v), yMax = std::max(yMax, v);
  };
  lastStep = std::max(lastStep, compared_.redraw(drawable, fitLoss));
  for (double v : flowLoss)
    if (v < yMax) yMin = std::min(yMin, v);  // the flow's fall, within the run's own range
  emptyHint_->setVisible(snapshot_ && trainLoss.isEmpty() && testLoss.isEmpty() && compared_.runs().isEmpty());
  const bool diverged = snapshot_ && snapshot_->state == RunStatus::Diverged;
  showDivergence(diverged ? snapshot_->divergedAtStep : -1);
  if (diverged && std::isfinite(runaway) && runaway < double(snapshot_->divergedAtStep))
    divergedText_->setText(tr("diverged at step %1 (off the scale from step %2)")
                               .arg(snapshot_->divergedAtStep)
                               .arg(static_cast<long>(runaway)));
  fitAxes(lastStep, yMin, yMax);
  replot(QCustomPlot::rpQueuedReplot);
}

void LossCurveView::setTimeRange(long steps) {
  timeRange_ = static_cast<double>(std::max(0L, steps));
  redraw();
}

void LossCurveView::setTimeAxis(TimeAxis axis) {
  if (axis == timeAxis_) return;
  timeAxis_ = axis;
  compared_.setTimeAxis(axis);
  xAxis->setLabel(timeAxisTitle(axis));
  redraw();
}

void LossCurveView::fitAxes(double newest, double yMin, double yMax) {
  xAxis->setRange(0.0, timeAxisEnd(newest, timeRange_, snapshot_.get(), timeAxis_));
  if (!(yMin <= yMax)) {  // nothing drawn yet
    yAxis->setRange(logScale_ ? QCPRange(0.01, 10.0) : QCPRange(0.0, 1.0));
  } else if (logScale_) {
    yAxis->setRange(yMin / 1.5, yMax * 1.5);
  } else {
    // Losses are non-negative: anchoring at 0 keeps the picture honest about how far it fell.
    const double low = std::min(0.0, yMin);
    yAxis->setRange(low, yMax > low ? low + (yMax - low) * 1.08 : low + 1.0);
  }
}

void LossCurveView::showDivergence(long step) {
  const bool show = step >= 0;
  divergedLine_->setVisible(show);
  divergedText_->setVisible(show);
  if (!show) return;
  // The diverged row's place on the time axis (its step, or its effective time).
  double x = double(step);
  if (snapshot_ && snapshot_->history)
    for (const MetricsRow& row : *snapshot_->history)
      if (row.step == step && std::isfinite(timeOf(row, timeAxis_))) x = timeOf(row, timeAxis_);
  // Two positive y values so that the vertical line maps on a log axis too.
  divergedLine_->point1->setCoords(x, 1.0);
  divergedLine_->point2->setCoords(x, 2.0);
  divergedText_->position->setCoords(x, 0.02);
  divergedText_->setText(tr("diverged at step %1").arg(step));
}

}  // namespace losslab
