// The bridge between the GUI thread and a training run: snapshots arrive on the GUI thread,
// commands take effect in order, and a replaced run says nothing more.
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include "losslab/core/error.hpp"
#include "runs/run_bridge.hpp"

using namespace losslab;

namespace {
ExperimentConfig smallSpiral() {
  ExperimentConfig c;
  c.data.kind = "spiral";
  c.data.n = 200;
  c.model.hidden = {8, 8};
  c.optimizer.lr = 0.1;
  return c;
}

// Waits (processing events) until the newest delivered snapshot satisfies `ok`.
template <class Pred>
SnapshotPtr waitFor(const RunBridge& bridge, Pred ok, int timeoutMs = 5000) {
  const bool found = QTest::qWaitFor([&] { return bridge.latest() && ok(*bridge.latest()); },
                                     timeoutMs);
  return found ? bridge.latest() : nullptr;
}

bool pausedAt(const Snapshot& s, long step) {
  return s.state == RunStatus::Paused && s.step == step;
}
}  // namespace

class RunBridgeTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void deliversSnapshotsOnTheGuiThreadOnly() {
    RunBridge bridge;
    QThread* deliveredOn = nullptr;
    int delivered = 0;
    connect(&bridge, &RunBridge::snapshotArrived, this, [&](const SnapshotPtr& s) {
      QVERIFY(s);
      deliveredOn = QThread::currentThread();
      ++delivered;
    });
    bridge.start(smallSpiral());
    bridge.play();
    QCOMPARE(delivered, 0);  // queued: nothing is emitted inside a command
    QTRY_VERIFY_WITH_TIMEOUT(bridge.latest() && bridge.latest()->step > 0, 5000);
    QVERIFY(delivered >= 2);
    QCOMPARE(deliveredOn, QCoreApplication::instance()->thread());
  }

  void stepTakesExactlyOneStepThenStands() {
    RunBridge bridge;
    bridge.start(smallSpiral());
    QVERIFY(waitFor(bridge, [](const Snapshot& s) { return pausedAt(s, 0); }));
    bridge.step(1);
    QVERIFY(waitFor(bridge, [](const Snapshot& s) { return pausedAt(s, 1); }));
    bridge.step(1);
    bridge.step(1);
    QVERIFY(waitFor(bridge, [](const Snapshot& s) { return pausedAt(s, 3); }));
    // Time, not a condition: a step still queued would run even after a state request's answer.
    QTest::qWait(150);
    QCOMPARE(bridge.latest()->step, 3L);
    QVERIFY(!bridge.isPlaying());
  }

  void playRunsAndPauseStops() {
    RunBridge bridge;
    QSignalSpy playing(&bridge, &RunBridge::playingChanged);
    bridge.start(smallSpiral());
    bridge.play();
    QCOMPARE(playing.count(), 1);
    QVERIFY(bridge.isPlaying());
    QVERIFY(waitFor(bridge, [](const Snapshot& s) {
      return s.state == RunStatus::Running && s.step > 50;
    }));
    bridge.togglePlay();
    QVERIFY(!bridge.isPlaying());
    const SnapshotPtr stopped = waitFor(bridge, [](const Snapshot& s) {
      return s.state == RunStatus::Paused;
    });
    QVERIFY(stopped);
    // Time, not a condition: a step still queued would run even after a state request's answer.
    QTest::qWait(150);
    QCOMPARE(bridge.latest()->step, stopped->step);
  }

  void stepWhilePlayingPausesAfterOneMoreStep() {
    RunBridge bridge;
    bridge.start(smallSpiral());
    bridge.play();
    QVERIFY(waitFor(bridge, [](const Snapshot& s) { return s.step > 20; }));
    bridge.step(1);
    const SnapshotPtr stopped = waitFor(bridge, [](const Snapshot& s) {
      return s.state == RunStatus::Paused;
    });
    QVERIFY(stopped);
    // Time, not a condition: a step still queued would run even after a state request's answer.
    QTest::qWait(150);
    QCOMPARE(bridge.latest()->step, stopped->step);
  }

  void resetReturnsToStepZeroAndReplaysTheSameRun() {
    RunBridge bridge;
    bridge.start(smallSpiral());
    bridge.step(5);
    const SnapshotPtr first = waitFor(bridge, [](const Snapshot& s) { return pausedAt(s, 5); });
    QVERIFY(first);
    bridge.reset();
    const SnapshotPtr zero = waitFor(bridge, [](const Snapshot& s) { return s.step == 0; });
    QVERIFY(zero);
    QVERIFY(!zero->history || zero->history->empty());
    bridge.step(5);
    const SnapshotPtr again = waitFor(bridge, [](const Snapshot& s) { return pausedAt(s, 5); });
    QVERIFY(again);
    QCOMPARE(again->history->front().trainLoss, first->history->front().trainLoss);
    QCOMPARE(again->history->back().trainLoss, first->history->back().trainLoss);
  }

  void learningRateChangesAtTheNextStepWithoutRestart() {
    RunBridge bridge;
    bridge.start(smallSpiral());
    bridge.step(2);
    QVERIFY(waitFor(bridge, [](const Snapshot& s) { return pausedAt(s, 2); }));
    bridge.setLearningRate(0.0316);
    QCOMPARE(bridge.config().optimizer.lr, 0.0316);
    bridge.step(1);
    const SnapshotPtr s = waitFor(bridge, [](const Snapshot& s) { return pausedAt(s, 3); });
    QVERIFY(s);
    QCOMPARE(s->config.optimizer.lr, 0.0316);
    QCOMPARE(s->history->at(1).lr, 0.1);  // steps before the change kept their rate
    QCOMPARE(s->history->back().lr, 0.0316);
  }

  void startReplacesTheRunAndKeepsPlaying() {
    RunBridge bridge;
    bridge.start(smallSpiral());
    bridge.play();
    QVERIFY(waitFor(bridge, [](const Snapshot& s) { return s.step > 100; }));
    ExperimentConfig circles = smallSpiral();
    circles.data.kind = "circles";
    circles.model.hidden = {4, 4};
    bridge.start(circles);
    QVERIFY(bridge.isPlaying());
    // Nothing from the old run may arrive after the restart.
    connect(&bridge, &RunBridge::snapshotArrived, this, [](const SnapshotPtr& s) {
      QCOMPARE(s->config.data.kind, std::string("circles"));
    });
    const SnapshotPtr s = waitFor(bridge, [](const Snapshot& s) { return s.step > 10; });
    QVERIFY(s);
    QCOMPARE(plainMlp(s->network)->layers, std::vector<int>({2, 4, 4, 2}));
    QVERIFY(s->state == RunStatus::Running);
  }

  void aRejectedConfigLeavesTheRunningRunAlone() {
    RunBridge bridge;
    bridge.start(smallSpiral());
    ExperimentConfig bad = smallSpiral();
    bad.data.kind = "no_such_data";
    QVERIFY_THROWS_EXCEPTION(InputError, bridge.start(bad));
    QCOMPARE(bridge.config().data.kind, std::string("spiral"));
    bridge.step(1);
    QVERIFY(waitFor(bridge, [](const Snapshot& s) { return pausedAt(s, 1); }));
  }
};

QTEST_MAIN(RunBridgeTest)
#include "test_run_bridge.moc"
