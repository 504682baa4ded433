// Live landscape frames take a bounded share of wall time: one at a time, each followed by a
// rest in proportion to its length, measured, whatever the frames cost; and the live grid is
// small while the paused one is the requested grid.
#include <QtTest>

#include "losslab/landscape/live_frame_budget.hpp"

using namespace losslab;
using namespace std::chrono_literals;
using Clock = LiveFrameBudget::Clock;

class LiveFrameBudgetTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void oneFrameAtATimeThenARestInProportion() {
    LiveFrameBudget b(0.3);
    const Clock::time_point t0{};
    QVERIFY(b.mayStart(t0));
    b.frameStarted(t0);
    QVERIFY(!b.mayStart(t0 + 1s));  // in flight: a new snapshot waits, it is not queued
    b.frameFinished(t0 + 30ms);
    // 30 ms busy at 30 %: 70 ms of rest.
    QVERIFY(!b.mayStart(t0 + 99ms));
    QVERIFY(b.mayStart(t0 + 100ms));
    QCOMPARE(std::chrono::duration_cast<std::chrono::milliseconds>(b.waitBefore(t0 + 50ms)).count(), 50);
    QCOMPARE(b.waitBefore(t0 + 200ms), Clock::duration::zero());
  }

  void theMeasuredShareNeverExceedsTheBudget_data() {
    QTest::addColumn<int>("frameMs");
    QTest::addColumn<double>("atLeast");  // fast frames at 30 Hz need less than the budget
    QTest::newRow("fast frames") << 3 << 3.0 / 33 * 0.9;
    QTest::newRow("slow frames") << 400 << 0.25;
    QTest::newRow("varying") << -1 << 0.2;
  }
  void theMeasuredShareNeverExceedsTheBudget() {
    QFETCH(int, frameMs);
    QFETCH(double, atLeast);
    LiveFrameBudget b(0.3);
    Clock::time_point now{};
    // Snapshots every 33 ms (30 Hz); a frame starts only when the budget allows.
    double share = 0;
    for (int tick = 0; tick < 3000; ++tick, now += 33ms) {
      if (!b.mayStart(now)) continue;
      // Whenever a frame may start, every frame so far has had its rest: the share is kept.
      share = b.measuredShare(now);
      QVERIFY2(share <= 0.3 + 1e-9, qPrintable(QString::number(share)));
      b.frameStarted(now);
      QCOMPARE(b.shareAtLastStart(), share);
      const int ms = frameMs > 0 ? frameMs : 5 + (tick * 37) % 300;
      b.frameFinished(now + std::chrono::milliseconds(ms));
    }
    QVERIFY(b.framesFinished() > 10);
    QVERIFY2(share >= atLeast, qPrintable(QString::number(share)));  // the budget is used, not wasted
  }

  void theLiveGridIsSmallAndKeepsTheRanges() {
    GridSpec full{{-2, 1, 51}, {-1, 3, 31}};
    const GridSpec live = liveGrid(full);
    QCOMPARE(live.alpha.points, kLiveGridPoints);
    QCOMPARE(live.beta.points, kLiveGridPoints);
    QCOMPARE(live.alpha.from, -2.0);
    QCOMPARE(live.beta.to, 3.0);
    full.beta.points = 11;
    QCOMPARE(liveGrid(full).beta.points, 11);  // never finer than asked
  }

  void resetForgetsTheFrames() {
    LiveFrameBudget b(0.5);
    b.frameStarted(Clock::time_point{});
    b.frameFinished(Clock::time_point{} + 1s);
    b.reset();
    QVERIFY(b.mayStart(Clock::time_point{} + 1s));
    QCOMPARE(b.measuredShare(Clock::time_point{} + 2s), 0.0);
    QCOMPARE(b.share(), 0.5);
  }
};

QTEST_APPLESS_MAIN(LiveFrameBudgetTest)
#include "test_live_frame_budget.moc"
