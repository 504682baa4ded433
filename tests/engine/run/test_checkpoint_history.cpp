// The recorded trajectory: every k-th step's parameters in bounded memory, thinned evenly over
// the run, always ending at the newest step, shared cheaply with snapshots, and the run's real
// parameters (those the session trained through).
#include <QtTest>

#include "losslab/core/error.hpp"
#include "losslab/run/checkpoint_history.hpp"
#include "losslab/run/trainer.hpp"
#include "losslab/run/training_run.hpp"

using namespace losslab;

namespace {

ExperimentConfig smallSpiral() {
  ExperimentConfig c;
  c.data.kind = "spiral";
  c.data.n = 200;
  c.model.hidden = {8};
  c.optimizer.lr = 0.1;
  return c;
}

Eigen::VectorXd marked(long step) { return Eigen::VectorXd::Constant(3, double(step)); }

}  // namespace

class CheckpointHistoryTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void keepsEveryKthStepAndTheNewest() {
    CheckpointHistory h(3, 10);
    for (long s = 0; s <= 37; ++s) h.record(s, marked(s));
    std::vector<long> steps;
    for (const Checkpoint& c : h.checkpoints()) steps.push_back(c.step);
    QCOMPARE(steps, (std::vector<long>{0, 10, 20, 30, 37}));
    QCOMPARE((*h.checkpoints().back().parameters)[0], 37.0);  // the parameters of that step
  }

  void memoryIsBoundedAndThinningKeepsTheWholeRunEvenly() {
    // 1000 parameters in 160 kB: 20 checkpoints at most, wherever the run is.
    CheckpointHistory h(1000, 1, 160000);
    QCOMPARE(h.capacity(), size_t(20));
    for (long s = 0; s < 5000; ++s) {
      h.record(s, Eigen::VectorXd::Constant(1000, double(s)));
      QVERIFY(h.checkpoints().size() <= 21);
      QCOMPARE(h.checkpoints().back().step, s);
    }
    const auto& kept = h.checkpoints();
    QCOMPARE(kept.front().step, 0L);
    const long stride = kept[1].step - kept[0].step;
    for (size_t i = 1; i + 1 < kept.size(); ++i) QCOMPARE(kept[i].step - kept[i - 1].step, stride);
    QVERIFY(kept.size() >= 10);
  }

  void capacityStaysWithinItsLimits() {
    QCOMPARE(CheckpointHistory(1, 1).capacity(), kMaxCheckpoints);
    QCOMPARE(CheckpointHistory(100'000'000, 1).capacity(), kMinCheckpoints);
  }

  void sharedCopyIsReusedAndNeverChanges() {
    CheckpointHistory h(3, 1);
    h.record(0, marked(0));
    auto a = h.shared();
    QCOMPARE(a.get(), h.shared().get());
    h.record(1, marked(1));
    QVERIFY(h.shared().get() != a.get());
    QCOMPARE(a->size(), size_t(1));
    // Checkpoints are shared, not copied, between the published vectors.
    QCOMPARE(h.shared()->front().parameters.get(), a->front().parameters.get());
  }

  void intervalZeroRecordsNothing() {
    CheckpointHistory h(3, 0);
    h.record(0, marked(0));
    QVERIFY(h.checkpoints().empty());
    QVERIFY(!h.shared());
  }

  void sessionRecordsTheParametersItTrainedThrough() {
    TrainingRun s(smallSpiral());
    s.step(25);
    s.waitIdle();
    const SnapshotPtr snap = s.latest();
    QVERIFY(snap->checkpoints);
    QCOMPARE(snap->checkpointInterval, kDefaultCheckpointInterval);
    std::vector<long> steps;
    for (const Checkpoint& c : *snap->checkpoints) steps.push_back(c.step);
    QCOMPARE(steps, (std::vector<long>{0, 10, 20, 25}));
    QCOMPARE(*snap->checkpoints->back().parameters, snap->parameters);
    // Step 10's checkpoint is what a synchronous trainer holds after 10 steps.
    auto trainer = Trainer::create(smallSpiral());
    for (int i = 0; i < 10; ++i) trainer->step(false);
    QCOMPARE(*(*snap->checkpoints)[1].parameters, trainer->parameters());
    QCOMPARE(*snap->checkpoints->front().parameters, Trainer::create(smallSpiral())->parameters());
  }

  void resetStartsANewTrajectoryAndTheIntervalCanChange() {
    TrainingRun s(smallSpiral());
    s.step(12);
    s.reset();
    s.waitIdle();
    QCOMPARE(s.latest()->checkpoints->size(), size_t(1));
    s.setCheckpointInterval(3);
    s.step(7);
    s.waitIdle();
    std::vector<long> steps;
    for (const Checkpoint& c : *s.latest()->checkpoints) steps.push_back(c.step);
    QCOMPARE(steps, (std::vector<long>{0, 3, 6, 7}));  // restarted at the step it was set
    s.setCheckpointInterval(0);
    s.step(1);
    s.waitIdle();
    QVERIFY(!s.latest()->checkpoints);
    QVERIFY_THROWS_EXCEPTION(InputError, s.setCheckpointInterval(-1));
  }
};

QTEST_APPLESS_MAIN(CheckpointHistoryTest)
#include "test_checkpoint_history.moc"
