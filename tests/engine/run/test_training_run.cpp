// A training run on its worker thread: play, pause, step(n), set-hyperparameter, reset,
// divergence, determinism, and snapshots that never block the caller.
#include <QtTest>

#include <atomic>
#include <thread>

#include "fuzzy_compare.hpp"
#include "losslab/core/error.hpp"
#include "losslab/run/trainer.hpp"
#include "losslab/run/training_run.hpp"
#include "sanitized.hpp"

using namespace losslab;

namespace {

ExperimentConfig smallSpiral() {
  ExperimentConfig c;
  c.data.kind = "spiral";
  c.data.n = 200;
  c.model.hidden = {16, 16};
  c.optimizer.lr = 0.1;
  return c;
}

}  // namespace

class TrainingRunTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void startsPausedAtStepZero() {
    TrainingRun s(smallSpiral());
    s.waitIdle();
    QVERIFY(s.latest());
    QCOMPARE(s.latest()->step, 0L);
    QVERIFY(s.latest()->state == RunStatus::Paused);
  }

  void stepTakesExactlyNStepsThenPauses() {
    TrainingRun s(smallSpiral());
    s.step(5);
    s.waitIdle();
    SnapshotPtr snap = s.latest();
    QCOMPARE(snap->step, 5L);
    QVERIFY(snap->state == RunStatus::Paused);
    QCOMPARE(snap->history->size(), size_t(5));
    QCOMPARE(snap->history->back().step, 4L);  // row k: the parameters after k steps
    QVERIFY(snap->history->back().trainLoss < snap->history->front().trainLoss);
  }

  void playRunsUntilPaused() {
    std::atomic<int> published{0};
    TrainingRun s(smallSpiral(), [&](SnapshotPtr) { ++published; }, 100.0);
    s.play();
    QTRY_VERIFY_WITH_TIMEOUT(s.latest()->step > 50, 5000);
    QVERIFY(s.latest()->state == RunStatus::Running);
    s.pause();
    s.waitIdle();
    const long stopped = s.latest()->step;
    // A fixed wait, not a condition: the test asserts that no step arrives after the pause.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    QCOMPARE(s.latest()->step, stopped);
    QVERIFY(s.latest()->state == RunStatus::Paused);
    QVERIFY(published > 1);
  }

  // A paced run takes at most `pace` steps a frame (here 20 frames a second) while playing; a
  // pause still acts at once, and step(n) is not paced.
  void pacedPlayTakesAFewStepsPerFrame() {
    TrainingRun s(smallSpiral(), {}, 20.0);
    s.setPace(2);
    s.play();
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    s.pause();
    s.waitIdle();
    const long paced = s.latest()->step;
    QVERIFY2(paced >= 10 && paced <= 50, qPrintable(QString::number(paced)));  // about 2 x 20
    const auto start = std::chrono::steady_clock::now();
    s.step(200);
    s.waitIdle();
    QCOMPARE(s.latest()->step, paced + 200);
    // 200 steps unpaced (a sanitizer slows each step a few times)
    QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(test::kSanitized ? 10 : 2));
    s.setPace(0);
    s.play();
    QTRY_VERIFY_WITH_TIMEOUT(s.latest()->step > paced + 600, test::kSanitized ? 30000 : 5000);
    QVERIFY_THROWS_EXCEPTION(InputError, s.setPace(-1));
  }

  void learningRateChangeActsAtTheNextStep() {
    TrainingRun s(smallSpiral());
    s.step(3);
    OptimizerConfig o = smallSpiral().optimizer;
    o.lr = 0.025;
    s.setOptimizer(o);
    s.step(2);
    s.waitIdle();
    const auto& h = *s.latest()->history;
    QCOMPARE(h.size(), size_t(5));
    QCOMPARE(h[2].lr, 0.1);
    QCOMPARE(h[3].lr, 0.025);
    QCOMPARE(s.latest()->config.optimizer.lr, 0.025);
  }

  void badHyperparameterIsRejectedInTheCallersThread() {
    TrainingRun s(smallSpiral());
    OptimizerConfig o;
    o.lr = -1;
    QVERIFY_THROWS_EXCEPTION(InputError, s.setOptimizer(o));
  }

  void resetWithTheSameSeedRepeatsTheRun() {
    TrainingRun s(smallSpiral());
    s.step(4);
    s.waitIdle();
    const double first = s.latest()->history->front().trainLoss;
    const Eigen::VectorXd after4 = s.latest()->parameters;
    s.reset();
    s.waitIdle();
    QCOMPARE(s.latest()->step, 0L);
    QCOMPARE(s.latest()->history->size(), size_t(0));
    s.step(4);
    s.waitIdle();
    QCOMPARE(s.latest()->history->front().trainLoss, first);
    QCOMPARE(s.latest()->parameters, after4);
    s.reset(12345);
    s.step(1);
    s.waitIdle();
    QVERIFY(s.latest()->history->front().trainLoss != first);
    QCOMPARE(s.latest()->config.seed, std::uint64_t(12345));
  }

  void divergenceKeepsTheLastFiniteParameters() {
    ExperimentConfig c = smallSpiral();
    c.optimizer.lr = 1e3;
    c.loss = LossKind::Mse;
    TrainingRun s(c);
    s.step(200);
    s.waitIdle();
    SnapshotPtr snap = s.latest();
    QVERIFY(snap->state == RunStatus::Diverged);
    QVERIFY(snap->divergedAtStep >= 0);
    QCOMPARE(snap->step, snap->divergedAtStep);
    QVERIFY(snap->parameters.allFinite());
    s.play();  // a diverged run does not move
    s.step(3);
    s.waitIdle();
    QCOMPARE(s.latest()->step, snap->step);
  }

  void sameConfigAndSeedGiveTheSameNumbers() {
    ExperimentConfig c = smallSpiral();
    c.optimizer.kind = OptimizerKind::Sgd;
    c.optimizer.batchSize = 32;
    c.optimizer.momentum = 0.9;
    auto a = Trainer::create(c), b = Trainer::create(c);
    for (int i = 0; i < 20; ++i) {
      const MetricsRow ra = a->step(true), rb = b->step(true);
      QCOMPARE(ra.trainLoss, rb.trainLoss);
    }
    QCOMPARE(a->parameters(), b->parameters());
  }

  void float32RunsTrainInFloat32() {
    ExperimentConfig c = smallSpiral();
    c.precision = Precision::Float32;
    auto t32 = Trainer::create(c);
    c.precision = Precision::Float64;
    auto t64 = Trainer::create(c);
    const MetricsRow r32 = t32->step(true), r64 = t64->step(true);
    QVERIFY(r32.trainLoss != r64.trainLoss);  // rounded differently...
    LOSSLAB_COMPARE_NEAR(r32.trainLoss, r64.trainLoss, 1e-5);  // ...but the same loss
  }

  void minibatchEpochsCountSamples() {
    ExperimentConfig c = smallSpiral();
    c.optimizer.kind = OptimizerKind::Sgd;
    c.optimizer.batchSize = 40;  // 160 training samples: 4 steps an epoch
    auto t = Trainer::create(c);
    for (int i = 0; i < 6; ++i) t->step(false);
    QCOMPARE(t->epoch(), 1.5);
  }

  void curvatureTrackingFillsTheHistoryAndSurvivesReset() {
    TrainingRun s(smallSpiral());
    CurvatureTracking t;
    t.every = 2;
    s.setCurvatureTracking(t);
    s.step(4);
    s.waitIdle();
    auto h = *s.latest()->history;
    QVERIFY(h[0].sharpness > 0 && std::isnan(h[1].sharpness) && h[2].sharpness > 0);
    QCOMPARE(h[0].sharpnessThreshold, 20.0);  // 2/eta
    QCOMPARE(s.latest()->tracking.every, 2L);
    QVERIFY(s.latest()->data && s.latest()->data->train.size() == 160);
    s.reset();
    s.step(1);
    s.waitIdle();
    QVERIFY(s.latest()->history->front().sharpness > 0);
    t.every = -1;
    QVERIFY_THROWS_EXCEPTION(InputError, s.setCurvatureTracking(t));
  }

  void badConfigThrowsFromTheConstructor() {
    ExperimentConfig c = smallSpiral();
    c.data.kind = "reg_plane";  // regression data with cross-entropy
    QVERIFY_THROWS_EXCEPTION(InputError, TrainingRun{c});
  }
};

QTEST_GUILESS_MAIN(TrainingRunTest)
#include "test_training_run.moc"
