// The sharpness view draws the tracked curvature of a snapshot's history against step, beside
// the optimizer's stability threshold taken from the rows, so the line follows the learning
// rate; the trace gets its own axis and, for SGD, its own bound; tooltips say what is drawn.
#include <QtTest>
#include <cmath>

#include "fuzzy_compare.hpp"
#include "losslab/widgets/sharpness_view.hpp"

using namespace losslab;

namespace {
struct Run {
  long rows = 100;
  long every = 10;       // tracked rows
  double lr = 0.1;
  long changeAt = -1;    // from this step on, the rate is lr2
  double lr2 = 0.05;
  OptimizerConfig optimizer;
  bool trace = false;
  // From this step on the optimizer is `optimizer2` (changed mid-run, as from the window).
  long optimizerChangeAt = -1;
  OptimizerConfig optimizer2;
};

// Rows as the engine writes them: lr, gradient norm and the threshold in force (2/eta for GD)
// at every step of a tracked run; curvature at tracked steps only, NaN elsewhere.
SnapshotPtr makeSnapshot(const Run& run) {
  auto history = std::make_shared<std::vector<MetricsRow>>();
  for (long i = 0; i < run.rows; ++i) {
    MetricsRow r;
    r.step = i;
    r.lr = run.changeAt >= 0 && i >= run.changeAt ? run.lr2 : run.lr;
    r.gradNorm = 1.0;
    r.trainLoss = 1.0 / (1.0 + i);
    const bool changed = run.optimizerChangeAt >= 0 && i >= run.optimizerChangeAt;
    r.sharpnessThreshold = sharpnessThreshold(changed ? run.optimizer2 : run.optimizer, r.lr, r.gradNorm).value;
    if (i % run.every == 0) {
      r.sharpness = 1.0 + 0.1 * i;
      r.precondSharpness = 50.0 + i;
      if (run.trace) r.trace = 100.0 + i;
    }
    history->push_back(r);
  }
  auto s = std::make_shared<Snapshot>();
  s->step = run.rows;
  s->config.optimizer = run.optimizerChangeAt >= 0 ? run.optimizer2 : run.optimizer;
  s->config.optimizer.lr = history->back().lr;
  s->tracking.every = run.every;
  s->tracking.trace = run.trace;
  auto data = std::make_shared<DataSplit>();
  data->train.x = Eigen::MatrixXd::Zero(2, 200);
  s->data = data;
  s->history = history;
  return s;
}

QVector<double> values(const QCPGraph* g) {
  QVector<double> v;
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) v << it->value;
  return v;
}

// The value of a step line (lsStepLeft) at `step`: that of the next point at or after it, whose
// stretch ends there.
double valueAt(const QCPGraph* g, double step) {
  auto it = g->data()->findBegin(step, false);
  return it == g->data()->constEnd() ? NAN : it->value;
}
}  // namespace

class SharpnessViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void drawsLambdaMaxAndTheThresholdTwoOverEtaFromTheRows() {
    SharpnessView view;
    view.setSnapshot(makeSnapshot(Run{}));
    const QCPGraph* lambda = view.graph(CurvatureQuantity::Sharpness);
    QCOMPARE(lambda->dataCount(), 10);  // tracked rows only, no gaps from the NaN ones
    QCOMPARE(lambda->data()->at(3)->key, 30.0);
    QCOMPARE(lambda->data()->at(3)->value, 4.0);
    // A step line: a point where the value changes and at the last step, not one per row.
    QCOMPARE(view.thresholdGraph()->dataCount(), 2);
    QCOMPARE(view.thresholdGraph()->data()->at(1)->key, 100.0);  // the rate in force now, to the run's step
    for (double v : values(view.thresholdGraph())) QCOMPARE(v, 2.0 / 0.1);
    QVERIFY(view.thresholdLabel()->visible());
    QCOMPARE(view.thresholdLabel()->text(), QString("2/η = 20"));
    QCOMPARE(view.thresholdGraph()->name(), QString("threshold on λmax(H)"));
    QVERIFY(!view.placeholder()->visible());
    QCOMPARE(view.xAxis->range().upper, 100.0);  // the loss curve's timeline
    QVERIFY(view.yAxis->range().upper > 20.0);   // the line is in view
  }

  // A redraw the frame rate holds back is drawn at once when a figure asks: the plot then
  // shows the newest snapshot, as its CSV must.
  void aHeldBackRedrawIsDrawnWhenFlushed() {
    SharpnessView view;
    view.setMaxRedrawRate(0.5);  // one redraw every two seconds
    Run first;
    first.rows = 50;
    view.setSnapshot(makeSnapshot(first));  // the first draws at once
    const int drawn = view.graph(CurvatureQuantity::Sharpness)->dataCount();
    Run second;
    second.rows = 120;
    view.setSnapshot(makeSnapshot(second));  // held back
    QCOMPARE(view.graph(CurvatureQuantity::Sharpness)->dataCount(), drawn);
    view.flushRedraw();
    QVERIFY(view.graph(CurvatureQuantity::Sharpness)->dataCount() > drawn);
    const int redraws = view.redrawCount();
    view.flushRedraw();  // nothing held back: nothing drawn
    QCOMPARE(view.redrawCount(), redraws);
  }

  void theThresholdLineMovesWithTheLearningRate() {
    SharpnessView view;
    view.setMaxRedrawRate(0);
    Run changed;
    changed.changeAt = 50;
    view.setSnapshot(makeSnapshot(changed));
    QCOMPARE(valueAt(view.thresholdGraph(), 40), 20.0);
    QCOMPARE(valueAt(view.thresholdGraph(), 50), 40.0);  // exactly where the rate changed
    QCOMPARE(valueAt(view.thresholdGraph(), 99), 40.0);
    QCOMPARE(view.thresholdLabel()->text(), QString("2/η = 40"));

    // The slider moved while paused: no new row yet, but the line's end and label follow.
    auto moved = std::make_shared<Snapshot>(*makeSnapshot(Run{}));
    moved->config.optimizer.lr = 0.2;
    view.setSnapshot(moved);
    QCOMPARE(view.thresholdGraph()->data()->at(view.thresholdGraph()->dataCount() - 1)->key, 100.0);
    QCOMPARE(view.thresholdGraph()->data()->at(view.thresholdGraph()->dataCount() - 1)->value, 10.0);
    QCOMPARE(valueAt(view.thresholdGraph(), 99), 20.0);  // the past keeps its rate
    QCOMPARE(view.thresholdLabel()->text(), QString("2/η = 10"));
  }

  void nothingTrackedShowsHowToTurnTrackingOn() {
    SharpnessView view;
    QVERIFY(view.placeholder()->visible());
    view.setMaxRedrawRate(0);
    Run sparse;
    sparse.every = 1000;  // only step 0 tracked
    view.setSnapshot(makeSnapshot(sparse));
    QCOMPARE(view.graph(CurvatureQuantity::Sharpness)->dataCount(), 1);
    QVERIFY(!view.placeholder()->visible());
    auto untracked = std::make_shared<Snapshot>(*makeSnapshot(Run{}));
    auto rows = std::make_shared<std::vector<MetricsRow>>(*untracked->history);
    for (MetricsRow& r : *rows) r.sharpness = r.sharpnessThreshold = r.precondSharpness = NAN;
    untracked->history = rows;
    untracked->tracking = {};
    view.setSnapshot(untracked);
    QVERIFY(view.placeholder()->visible());
    QVERIFY(view.placeholder()->text().contains("Measure every"));
    QCOMPARE(view.graph(CurvatureQuantity::Sharpness)->dataCount(), 0);
    QCOMPARE(view.thresholdGraph()->dataCount(), 0);  // no line without a curve to bound
    QVERIFY(!view.thresholdLabel()->visible());
  }

  void adamsThresholdBoundsThePreconditionedSharpness() {
    Run adam;
    adam.optimizer.kind = OptimizerKind::Adam;
    adam.lr = 0.001;
    SharpnessView view;
    view.setSnapshot(makeSnapshot(adam));
    QCOMPARE(view.graph(CurvatureQuantity::PreconditionedSharpness)->dataCount(), 10);
    QCOMPARE(view.thresholdGraph()->name(), QString("threshold on λmax(P⁻¹H)"));
    QCOMPARE(valueAt(view.thresholdGraph(), 0), (2 + 2 * 0.9) / ((1 - 0.9) * 0.001));
    QCOMPARE(view.thresholdLabel()->text(), QString("(2+2β₁)/((1−β₁)η) = 3.8e+04"));
  }

  // Issue #21: GD to momentum at step 50 redrew the whole earlier line with momentum's formula
  // between the measured rows (a solid band jumping between 20 and 38). Each stretch keeps the
  // value it had: the rows carry it.
  void anOptimizerChangeNeverRedrawsThePast() {
    Run run;
    run.optimizerChangeAt = 50;
    run.optimizer2.momentum = 0.9;
    SharpnessView view;
    view.setMaxRedrawRate(0);
    view.setSnapshot(makeSnapshot(run));
    for (double step : {0.0, 13.0, 27.0, 41.0, 49.0}) QCOMPARE(valueAt(view.thresholdGraph(), step), 20.0);
    for (double step : {50.0, 63.0, 99.0}) QCOMPARE(valueAt(view.thresholdGraph(), step), 38.0);
    QCOMPARE(view.thresholdLabel()->text(), QString("(2+2β)/η = 38"));
  }

  // Adam's threshold bounds λmax(P⁻¹H): without that curve measured it is not drawn beside
  // λmax(H), and the plot says why.
  void adamsThresholdNeedsThePreconditionedCurve() {
    Run adam;
    adam.optimizer.kind = OptimizerKind::Adam;
    adam.lr = 0.001;
    auto s = std::make_shared<Snapshot>(*makeSnapshot(adam));
    auto rows = std::make_shared<std::vector<MetricsRow>>(*s->history);
    for (MetricsRow& r : *rows) r.precondSharpness = NAN;
    s->history = rows;
    SharpnessView view;
    view.setMaxRedrawRate(0);
    view.setSnapshot(s);
    QCOMPARE(view.graph(CurvatureQuantity::Sharpness)->dataCount(), 10);
    QCOMPARE(view.thresholdGraph()->dataCount(), 0);
    QVERIFY(!view.thresholdLabel()->visible());
    QVERIFY(view.thresholdNote()->visible());
    QVERIFY(view.thresholdNote()->text().contains("λmax(P⁻¹H)"));
    view.setSnapshot(makeSnapshot(adam));  // measured: the line is back, the note gone
    QVERIFY(view.thresholdGraph()->dataCount() > 0);
    QVERIFY(!view.thresholdNote()->visible());
  }

  // SAM over momentum or Adam has no derived edge: no line (never GD-SAM's), a note whose
  // tooltip says why; SAM over plain GD draws Long & Bartlett's edge.
  void samOverMomentumOrAdamShowsNoThresholdAndSaysWhy() {
    Run samMomentum;
    samMomentum.optimizer.samRho = 0.05;
    samMomentum.optimizer.momentum = 0.9;
    SharpnessView view;
    view.resize(900, 600);
    view.setMaxRedrawRate(0);
    view.setSnapshot(makeSnapshot(samMomentum));
    view.replot(QCustomPlot::rpImmediateRefresh);
    QCOMPARE(view.graph(CurvatureQuantity::Sharpness)->dataCount(), 10);
    QCOMPARE(view.thresholdGraph()->dataCount(), 0);
    QVERIFY(!view.thresholdLabel()->visible());
    QVERIFY(view.thresholdNote()->visible());
    QVERIFY2(view.thresholdNote()->text().contains("No stability threshold"), qPrintable(view.thresholdNote()->text()));
    const QPoint onNote = view.thresholdNote()->position->pixelPosition().toPoint() + QPoint(0, 8);
    const QString tip = view.toolTipAt(onNote);
    QVERIFY2(tip.contains("Long & Bartlett") && tip.contains("plain gradient descent"), qPrintable(tip));

    Run samGd;
    samGd.optimizer.samRho = 0.05;
    view.setSnapshot(makeSnapshot(samGd));
    QVERIFY(!view.thresholdNote()->visible());
    // |g| = 1, eta = 0.1, rho = 0.05: (1/0.1)(sqrt(1 + 0.4/0.1) - 1) = 10 (sqrt 5 - 1).
    LOSSLAB_COMPARE_NEAR(valueAt(view.thresholdGraph(), 50), 10 * (std::sqrt(5.0) - 1), 1e-12);
  }

  void theTraceHasItsOwnAxisAndForSgdItsOwnBound() {
    Run gd;
    gd.trace = true;
    SharpnessView view;
    view.setMaxRedrawRate(0);
    view.setSnapshot(makeSnapshot(gd));
    const QCPGraph* trace = view.graph(CurvatureQuantity::Trace);
    QCOMPARE(trace->valueAxis(), view.yAxis2);
    QCOMPARE(trace->dataCount(), 10);
    QVERIFY(view.yAxis2->visible());
    QCOMPARE(view.traceThresholdGraph()->dataCount(), 0);  // Wu & Su's bound is SGD's

    Run sgd = gd;
    sgd.optimizer.kind = OptimizerKind::Sgd;
    sgd.optimizer.batchSize = 32;
    view.setSnapshot(makeSnapshot(sgd));
    QVERIFY(view.traceThresholdGraph()->dataCount() >= 2);
    QCOMPARE(valueAt(view.traceThresholdGraph(), 10), 20.0);
    QCOMPARE(view.traceThresholdGraph()->valueAxis(), view.yAxis2);
    QCOMPARE(view.traceThresholdLabel()->text(), QString("tr H ≤ 2/η = 20"));
  }

  void tooltipsNameTheQuantityAndSayTheBoundIsForAQuadraticModel() {
    SharpnessView view;
    view.resize(900, 600);
    view.setSnapshot(makeSnapshot(Run{}));
    view.replot(QCustomPlot::rpImmediateRefresh);
    const QPoint onLine = view.thresholdGraph()->coordsToPixels(25.0, 20.0).toPoint();
    const QString lineTip = view.toolTipAt(onLine);
    QVERIFY2(lineTip.contains("quadratic model") && lineTip.contains("2/η") &&
                 lineTip.contains("λmax(H)"), qPrintable(lineTip));
    const QPoint onCurve = view.graph(CurvatureQuantity::Sharpness)->coordsToPixels(50.0, 6.0).toPoint();
    const QString curveTip = view.toolTipAt(onCurve);
    QVERIFY2(curveTip.contains("largest eigenvalue of the Hessian") &&
                 curveTip.contains("every 10 steps") && curveTip.contains("= 6 at step 50"),
             qPrintable(curveTip));
    QCOMPARE(view.toolTipAt(QPoint(5, 5)), view.toolTip());
  }

  void aLogAxisSkipsWhatItCannotDraw() {
    auto s = std::make_shared<Snapshot>(*makeSnapshot(Run{}));
    auto rows = std::make_shared<std::vector<MetricsRow>>(*s->history);
    (*rows)[10].sharpness = -0.5;  // negative curvature happens
    s->history = rows;
    SharpnessView view;
    view.setSnapshot(s);
    QCOMPARE(view.graph(CurvatureQuantity::Sharpness)->dataCount(), 10);
    view.setLogScale(true);
    QCOMPARE(view.yAxis->scaleType(), QCPAxis::stLogarithmic);
    QCOMPARE(view.graph(CurvatureQuantity::Sharpness)->dataCount(), 9);
    QVERIFY(view.yAxis->range().lower > 0.0);
  }
};

QTEST_MAIN(SharpnessViewTest)
#include "test_sharpness_view.moc"
