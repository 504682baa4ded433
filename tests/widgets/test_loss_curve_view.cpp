// The live loss curve draws a snapshot's history, skips what cannot be drawn, marks divergence,
// and redraws at a bounded rate however fast snapshots arrive.
#include <QtTest>
#include <cmath>
#include <limits>

#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/timeline_axis.hpp"

using namespace losslab;

namespace {
// `rows` steps of a falling loss; a test loss every 10th step; NaN elsewhere like the engine.
SnapshotPtr makeSnapshot(long rows, RunStatus state = RunStatus::Running, long divergedAt = -1) {
  auto history = std::make_shared<std::vector<MetricsRow>>();
  for (long i = 0; i < rows; ++i) {
    MetricsRow r;
    r.step = i;
    r.trainLoss = 1.0 / (1.0 + i);
    if (i % 10 == 0) r.testLoss = 1.2 / (1.0 + i);
    history->push_back(r);
  }
  auto s = std::make_shared<Snapshot>();
  s->step = rows;
  s->state = state;
  s->divergedAtStep = divergedAt;
  s->history = history;
  return s;
}
}  // namespace

class LossCurveViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void drawsTrainAndTestHistory() {
    LossCurveView view;
    view.setSnapshot(makeSnapshot(100));
    QCOMPARE(view.trainGraph()->dataCount(), 100);
    QCOMPARE(view.testGraph()->dataCount(), 10);  // NaN rows leave no gaps and no points
    QCOMPARE(view.trainGraph()->data()->at(99)->value, 1.0 / 100.0);
    QCOMPARE(view.xAxis->range().upper, 100.0);
    QVERIFY(view.yAxis->range().lower <= 0.0);
    QVERIFY(view.yAxis->range().upper >= 1.2);
    QVERIFY(view.legend->visible());
    QVERIFY(view.yAxis->label().contains("cross_entropy"));
  }

  // A teacher's first 50 steps of a 20000-step preset fill the plot, not its left 0.25 %.
  void theStepAxisGrowsWithTheRunUpToThePresetsRange() {
    LossCurveView view;
    view.setMaxRedrawRate(0);  // every snapshot drawn
    view.setTimeRange(20000);
    view.setSnapshot(makeSnapshot(50));
    QCOMPARE(view.xAxis->range().upper, 50.0);
    view.setSnapshot(makeSnapshot(51));
    QCOMPARE(view.xAxis->range().upper, 75.0);
    view.setSnapshot(makeSnapshot(16000));
    QCOMPARE(view.xAxis->range().upper, 20000.0);  // capped: 30000 would be past the preset's range
    view.setSnapshot(makeSnapshot(20500));
    QCOMPARE(view.xAxis->range().upper, 30000.0);  // past it, the axis grows again
    // The rule: the curve fills at least two thirds of the width at every length.
    for (double last = 0.0; last < 1e6; last = last * 1.07 + 1.0) {
      const double end = timelineAxisEnd(last, 0.0);
      QVERIFY2(end >= last && (last < 10.0 || end <= 1.5 * last * (1.0 + 1e-12)),
               qPrintable(QString("%1 steps on an axis to %2").arg(last).arg(end)));
    }
    QCOMPARE(timelineAxisEnd(0.0, 0.0), 10.0);
    QCOMPARE(timelineAxisEnd(std::numeric_limits<double>::quiet_NaN(), 400.0), 10.0);
    QCOMPARE(timelineAxisEnd(3.0, 5.0), 5.0);  // a range below the axis' floor still caps it
  }

  void nonFiniteAndOnLogScaleNonPositiveLossesAreSkipped() {
    auto s = std::const_pointer_cast<Snapshot>(makeSnapshot(20));
    auto rows = std::make_shared<std::vector<MetricsRow>>(*s->history);
    (*rows)[5].trainLoss = std::numeric_limits<double>::infinity();
    (*rows)[6].trainLoss = 0.0;
    s->history = rows;
    LossCurveView view;
    view.setSnapshot(s);
    QCOMPARE(view.trainGraph()->dataCount(), 19);
    view.setLogScale(true);
    QVERIFY(view.logScale());
    QCOMPARE(view.yAxis->scaleType(), QCPAxis::stLogarithmic);
    QCOMPARE(view.trainGraph()->dataCount(), 18);
    QVERIFY(view.yAxis->range().lower > 0.0);
    view.setLogScale(false);
    QCOMPARE(view.yAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(view.trainGraph()->dataCount(), 19);
  }

  // Issue #21: a run standing at step 0 (a preset that starts paused) has no loss yet; the plot
  // says what to press instead of staying blank.
  void anEmptyRunSaysHowToStart() {
    LossCurveView view;
    view.setMaxRedrawRate(0);
    view.setSnapshot(makeSnapshot(0));
    QVERIFY(view.emptyHint()->visible());
    QVERIFY(view.emptyHint()->text().contains("Play"));
    view.setSnapshot(makeSnapshot(3));
    QVERIFY(!view.emptyHint()->visible());
  }

  void marksWhereTheRunDiverged() {
    LossCurveView view;
    view.setSnapshot(makeSnapshot(50));
    QVERIFY(!view.divergenceLabel()->visible());
    view.setMaxRedrawRate(0);  // redraw every snapshot, so the next one shows at once
    view.setSnapshot(makeSnapshot(50, RunStatus::Diverged, 42));
    QVERIFY(view.divergenceLabel()->visible());
    QCOMPARE(view.divergenceLabel()->text(), QString("diverged at step 42"));
  }

  void redrawsAtABoundedRateAndEndsOnTheNewestSnapshot() {
    LossCurveView view;
    view.setMaxRedrawRate(30);
    for (long i = 1; i <= 200; ++i) view.setSnapshot(makeSnapshot(i));
    QCOMPARE(view.redrawCount(), 1);  // the first at once, the rest wait for the next frame
    QTRY_COMPARE_WITH_TIMEOUT(view.trainGraph()->dataCount(), 200, 1000);
    QCOMPARE(view.redrawCount(), 2);
  }

  void aNullSnapshotClearsTheCurve() {
    LossCurveView view;
    view.setMaxRedrawRate(0);
    view.setSnapshot(makeSnapshot(30));
    view.setSnapshot(nullptr);
    QCOMPARE(view.trainGraph()->dataCount(), 0);
    QCOMPARE(view.testGraph()->dataCount(), 0);
  }
};

QTEST_MAIN(LossCurveViewTest)
#include "test_loss_curve_view.moc"
