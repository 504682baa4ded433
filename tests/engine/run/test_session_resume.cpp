// A run continued from its saved state takes the steps the uninterrupted run takes, number for
// number: the same losses, curvature, collapse records and parameters. What a continuation
// needs — Adam's moments and step count, momentum, the minibatch order and its random
// generator, the curvature tracker's warm starts — goes through a session file's bytes.
#include <QtTest>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/io/session_file.hpp"
#include "losslab/io/session_records.hpp"
#include "session_capture.hpp"

using namespace losslab;

namespace {

struct Run {
  std::vector<MetricsRow> history;
  Eigen::VectorXd parameters;
  std::vector<Checkpoint> checkpoints;
};

Run finished(TrainingRun& run) {
  const SnapshotPtr s = run.latest();
  return {*s->history, s->parameters, s->checkpoints ? *s->checkpoints : std::vector<Checkpoint>{}};
}

void track(TrainingRun& run, const CurvatureTracking& curvature, const CollapseTracking& collapse) {
  if (curvature.every > 0) run.setCurvatureTracking(curvature);
  if (collapse.every > 0) run.setCollapseTracking(collapse);
}

void compareRuns(const Run& a, const Run& b) {
  QCOMPARE(a.history.size(), b.history.size());
  for (std::size_t i = 0; i < a.history.size(); ++i) {
    QCOMPARE(test::rowText(a.history[i]), test::rowText(b.history[i]));
    QCOMPARE(bool(a.history[i].collapse), bool(b.history[i].collapse));
    QCOMPARE(bool(a.history[i].layers), bool(b.history[i].layers));
    if (a.history[i].layers) {
      QVERIFY(a.history[i].layers->sharpness == b.history[i].layers->sharpness);
      QVERIFY(a.history[i].layers->trace == b.history[i].layers->trace);
    }
    if (a.history[i].collapse) QCOMPARE(toJson(*a.history[i].collapse).dump(), toJson(*b.history[i].collapse).dump());
  }
  QVERIFY(a.parameters == b.parameters);  // bit for bit
  QCOMPARE(a.checkpoints.size(), b.checkpoints.size());
  for (std::size_t i = 0; i < a.checkpoints.size(); ++i) {
    QCOMPARE(a.checkpoints[i].step, b.checkpoints[i].step);
    QVERIFY(*a.checkpoints[i].parameters == *b.checkpoints[i].parameters);
  }
}

}  // namespace

class SessionResumeTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void resumedRunMatchesTheUninterruptedOne_data() {
    QTest::addColumn<QString>("experiment");
    QTest::addColumn<long>("curvatureEvery");
    QTest::addColumn<long>("collapseEvery");
    // Adam moments and bias corrections, in float32, on reshuffled minibatches, with every
    // curvature column (warm-started Lanczos), mid-epoch.
    QTest::newRow("adamw float32 minibatches") << QString(R"({"seed": 4, "precision": "float32",
        "data": {"kind": "spiral", "n": 200}, "model": {"hidden": [12]},
        "optimizer": {"kind": "adamw", "lr": 0.01, "batch_size": 48, "weight_decay": 0.01}})") << 3L << 0L;
    QTest::newRow("sgd nesterov full batch reshuffled") << QString(R"({"seed": 1, "data": {"kind": "moons", "n": 150},
        "model": {"hidden": [8, 8]}, "optimizer": {"kind": "sgd", "lr": 0.2, "momentum": 0.9,
        "nesterov": true, "shuffle_full_batch": true}})") << 5L << 0L;
    QTest::newRow("softmax collapse records") << QString(R"({"seed": 0, "precision": "float32",
        "data": {"kind": "modular", "p": 7, "train_fraction": 0.5}, "model": {"hidden": [16], "activation": "relu",
        "bias": false}, "optimizer": {"kind": "adamw", "lr": 0.01, "eps": 1e-25}})") << 0L << 4L;
    // A layer list (issue #16): residual LayerNorm blocks, Adam, minibatches, curvature and collapse.
    QTest::newRow("residual layer list") << QString(R"({"seed": 2, "data": {"kind": "spiral", "n": 120},
        "model": {"kind": "network", "layers": [{"kind": "linear", "out": 8}, {"kind": "residual", "repeat": 2,
        "body": [{"kind": "layernorm"}, {"kind": "linear", "out": 8}, {"kind": "activation", "fn": "gelu"}]},
        {"kind": "linear"}]}, "optimizer": {"kind": "adam", "lr": 0.01, "batch_size": 40}})") << 4L << 6L;
    // The reference gradient flow beside plain gradient descent: its point and step size are saved.
    QTest::newRow("gradient flow beside gd") << QString(R"({"seed": 0, "data": {"kind": "points", "x": [[1.0]],
        "y": [[2.0]], "task": "regression", "train_fraction": 1.0}, "model": {"hidden": [1, 1, 1],
        "activation": "linear", "bias": false, "init_scale": 2.0}, "loss": "mse", "optimizer": {"kind": "gd", "lr": 0.17}})")
                                             << 3L << 0L;
    // Training in a random subspace (Li et al. 2018): its coordinates z are saved, not only θ.
    QTest::newRow("fastfood subspace") << QString(R"({"seed": 3, "data": {"kind": "spiral", "n": 100},
        "model": {"hidden": [8]}, "optimizer": {"kind": "adam", "lr": 0.05},
        "subspace": {"dim": 12, "projection": "fastfood"}})") << 4L << 0L;
    QTest::newRow("quadratic model") << QString(R"({"model": {"kind": "quadratic", "params": 20, "residuals": 10},
        "loss": "mse", "optimizer": {"kind": "gd", "lr": 2.0}})") << 2L << 0L;
  }

  void resumedRunMatchesTheUninterruptedOne() {
    QFETCH(QString, experiment);
    QFETCH(long, curvatureEvery);
    QFETCH(long, collapseEvery);
    const ExperimentConfig config = parseExperiment(experiment.toStdString());
    CurvatureTracking curvature;
    curvature.every = curvatureEvery;
    curvature.trace = curvatureEvery > 0;
    curvature.gaussNewton = curvatureEvery > 0 && config.model.kind != "quadratic";
    curvature.preconditioned = config.optimizer.kind == OptimizerKind::AdamW;
    curvature.perLayer = curvature.gaussNewton;  // its block vectors are warm starts too
    curvature.flow = curvatureEvery > 0 && isPlainDescent(config.optimizer);
    CollapseTracking collapse;
    collapse.every = collapseEvery;

    TrainingRun whole(config);
    track(whole, curvature, collapse);
    whole.step(37);
    whole.waitIdle();

    TrainingRun first(config);
    track(first, curvature, collapse);
    first.step(23);
    first.waitIdle();
    const std::string bytes = encodeSession({*test::capturedState(first), {}, {}, {}});
    const SessionFile reopened = decodeSession(bytes);
    QCOMPARE(reopened.run.trainer.step, 23L);
    TrainingRun resumed(reopened.run);
    QCOMPARE(resumed.latest()->step, 23L);
    QCOMPARE(resumed.latest()->tracking.every, curvatureEvery);
    QCOMPARE(resumed.latest()->collapseTracking.every, collapseEvery);
    resumed.step(14);
    resumed.waitIdle();
    compareRuns(finished(whole), finished(resumed));
    const std::vector<MetricsRow> rows = finished(whole).history;
    QCOMPARE(std::any_of(rows.begin(), rows.end(), [](const MetricsRow& r) { return bool(r.layers); }),
             curvature.perLayer);
    QCOMPARE(std::any_of(rows.begin(), rows.end(), [](const MetricsRow& r) { return r.flowDistance > 0; }),
             curvature.flow && config.model.kind != "quadratic");
  }

  // A long history keeps thinning the same way after a resume: the stride it reached is saved.
  void thinnedHistoryResumesWithItsStride() {
    const ExperimentConfig config = parseExperiment(R"({"data": {"kind": "xor", "n": 40}, "model": {"hidden": [4]}})");
    TrainingRun whole(config);
    whole.step(9000);
    whole.waitIdle();
    TrainingRun first(config);
    first.step(5000);
    first.waitIdle();
    const auto state = test::capturedState(first);
    QVERIFY(state->historyStride > 1);
    TrainingRun resumed(decodeSession(encodeSession({*state, {}, {}, {}})).run);
    resumed.step(4000);
    resumed.waitIdle();
    compareRuns(finished(whole), finished(resumed));
  }

  void stateOfAnotherNetworkIsRefused() {
    TrainingRun small(parseExperiment(R"({"data": {"kind": "xor", "n": 40}, "model": {"hidden": [4]}})"));
    small.step(3);
    small.waitIdle();
    RunState state = *test::capturedState(small);
    state.config.model.hidden = {5};
    try {
      TrainingRun wrong(state);
      QFAIL("a state of another network was accepted");
    } catch (const InputError& e) {
      QVERIFY2(std::string(e.what()).find("trainer.parameters") != std::string::npos, e.what());
    }
    state = *test::capturedState(small);
    state.trainer.order[0] = state.trainer.order[1];
    QVERIFY_THROWS_EXCEPTION(InputError, TrainingRun{state});
  }

  // The capture waits for no pause: a run stepping towards 400 steps gets there all the same.
  void captureBetweenStepsLeavesPendingStepsAlone() {
    TrainingRun run(parseExperiment(R"({"data": {"kind": "xor", "n": 40}, "model": {"hidden": [4]}})"));
    run.step(400);
    const auto state = test::capturedState(run);
    run.waitIdle();
    QVERIFY(state->trainer.step <= 400);
    QCOMPARE(run.latest()->step, 400L);
    QCOMPARE(long(state->history.size()), state->trainer.step);
  }
};

QTEST_APPLESS_MAIN(SessionResumeTest)
#include "test_session_resume.moc"
