// The gradient flow beside a training run (tracking.flow): its columns are the flow from the
// run's initial parameters at each row's effective time t = Σ η; gradient descent, a first-order
// method, stays within O(η) of it, so halving η halves the distance at a fixed time; the rows'
// effective time is the sum of the rates in force; plain descent only; saved histories keep it.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/curvature/dense_curvature.hpp"
#include "losslab/flow/gfs_sharpness.hpp"
#include "losslab/io/metrics_csv.hpp"
#include "losslab/io/session_records.hpp"
#include "losslab/optim/schedule.hpp"
#include "losslab/run/trainer.hpp"

using namespace losslab;

namespace {

// A depth-4 scalar network fitting y = 2 at x = 1 (the preset gfs-scalar-network's), at rate lr.
ExperimentConfig scalarRun(double lr, const std::string& optimizerExtra = "") {
  return parseExperiment(R"({"seed": 0, "data": {"kind": "points", "x": [[1.0]], "y": [[2.0]], "task": "regression",
      "train_fraction": 1.0}, "model": {"hidden": [1, 1, 1], "activation": "linear", "bias": false, "init_scale": 2.0},
      "loss": "mse", "optimizer": {"kind": "gd", "lr": )" + std::to_string(lr) + optimizerExtra + "}}");
}

std::vector<MetricsRow> train(const ExperimentConfig& c, long steps, long every) {
  auto trainer = Trainer::create(c);
  CurvatureTracking t;
  t.every = every;
  t.flow = true;
  trainer->setCurvatureTracking(t);
  std::vector<MetricsRow> rows;
  for (long k = 0; k < steps; ++k) rows.push_back(trainer->step(true));
  return rows;
}

}  // namespace

class FlowReferenceTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // Each measured row holds the flow from θ0 at the row's t: an independent integration, in
  // one go to t, lands within the integrator's tolerance of the tracker's, which stopped at
  // every earlier measurement on the way; λmax there is the dense Hessian's.
  void theColumnsAreTheFlowAtTheRowsEffectiveTime() {
    const ExperimentConfig c = scalarRun(0.05);
    auto trainer = Trainer::create(c);
    const Eigen::VectorXd theta0 = trainer->parameters();
    const std::vector<MetricsRow> rows = train(c, 81, 20);
    const Samples<double> data = toSamples<double>(trainer->data().train);
    int measured = 0;
    for (const MetricsRow& row : rows) {
      if (row.step % 20 != 0) {
        QVERIFY(std::isnan(row.flowDistance) && std::isnan(row.flowSharpness));
        continue;
      }
      ++measured;
      GradientFlow flow(networkLossGradient(trainer->network(), c.loss, data), theta0);
      flow.advanceTo(row.effectiveTime);
      auto gd = Trainer::create(c);
      for (long k = 0; k < row.step; ++k) gd->step(false);
      LOSSLAB_COMPARE_NEAR(row.flowDistance, (gd->parameters() - flow.state()).norm(), 1e-6);
      LOSSLAB_COMPARE_NEAR(row.flowTrainLoss, flow.loss(), 1e-7 * std::max(1.0, flow.loss()));
      const double top = denseSpectrum(trainer->network(), c.loss, flow.state(), data, CurvatureKind::Hessian).maxCoeff();
      LOSSLAB_COMPARE_NEAR(row.flowSharpness, top, 1e-5 * top);
    }
    QCOMPARE(measured, 5);
    QCOMPARE(rows[0].flowDistance, 0.0);  // both start at θ0
    QVERIFY(rows[80].flowDistance > 1e-4);
  }

  // Gradient descent is Euler's method on the flow: its global error at a fixed time T is O(η).
  void gradientDescentStaysWithinOrderEtaOfTheFlow() {
    const double T = 2.0;
    double distance[2];
    for (int i = 0; i < 2; ++i) {
      const double lr = i == 0 ? 0.01 : 0.005;
      const long steps = std::lround(T / lr);
      const std::vector<MetricsRow> rows = train(scalarRun(lr), steps + 1, steps);
      const MetricsRow& last = rows.back();
      QCOMPARE(last.step, steps);
      LOSSLAB_COMPARE_NEAR(last.effectiveTime, T, 1e-12);
      distance[i] = last.flowDistance;
    }
    QVERIFY2(distance[0] > 1e-4 && distance[0] < 0.1, qPrintable(QString::number(distance[0])));
    const double ratio = distance[0] / distance[1];
    QVERIFY2(ratio > 1.85 && ratio < 2.15, qPrintable(QString("distance ratio %1 at η and η/2").arg(ratio)));
  }

  // t is the sum of the rates in force: step × η at a constant rate, the schedule's rates
  // summed otherwise, continued across a change of rate.
  void effectiveTimeIsTheSumOfTheRates() {
    ExperimentConfig c = parseExperiment(R"({"data": {"kind": "xor", "n": 40}, "model": {"hidden": [4]},
        "optimizer": {"kind": "gd", "lr": 0.3}, "schedule": {"kind": "cosine", "warmup_steps": 5}, "steps": 30})");
    auto trainer = Trainer::create(c);
    double sum = 0;
    for (long k = 0; k < 30; ++k) {
      const MetricsRow row = trainer->step(false);
      LOSSLAB_COMPARE_NEAR(row.effectiveTime, sum, 1e-14);
      sum += learningRateAt(c, k);
    }
    QCOMPARE(trainer->measure().effectiveTime, trainer->state().effectiveTime);
    LOSSLAB_COMPARE_NEAR(trainer->state().effectiveTime, sum, 1e-14);
    OptimizerConfig faster = c.optimizer;
    faster.lr = 0.6;
    trainer->setOptimizer(faster);
    trainer->setSchedule(ScheduleConfig{});
    trainer->step(false);
    LOSSLAB_COMPARE_NEAR(trainer->measure().effectiveTime, sum + 0.6, 1e-14);
  }

  // The flow is the limit of plain gradient descent; beside momentum or Adam the columns stay empty.
  void measuredBesidePlainDescentOnly() {
    OptimizerConfig o;
    QVERIFY(isPlainDescent(o));
    o.kind = OptimizerKind::Sgd;
    QVERIFY(isPlainDescent(o));
    for (auto change : std::vector<std::function<void(OptimizerConfig&)>>{
             [](OptimizerConfig& x) { x.momentum = 0.9; }, [](OptimizerConfig& x) { x.weightDecay = 1e-4; },
             [](OptimizerConfig& x) { x.samRho = 0.05; }, [](OptimizerConfig& x) { x.perpGrad = true; },
             [](OptimizerConfig& x) { x.clipNorm = 1.0; }, [](OptimizerConfig& x) { x.kind = OptimizerKind::Adam; }}) {
      OptimizerConfig x;
      change(x);
      QVERIFY(!isPlainDescent(x));
    }
    const std::vector<MetricsRow> rows = train(scalarRun(0.05, R"(, "momentum": 0.9)"), 3, 1);
    for (const MetricsRow& row : rows) {
      QVERIFY(std::isfinite(row.sharpness));
      QVERIFY(std::isnan(row.flowDistance) && std::isnan(row.flowTrainLoss) && std::isnan(row.flowSharpness));
    }
  }

  // The columns follow the spec's; a saved history keeps them, and an older history without
  // effective_time gets it back from its rates.
  void columnsAndHistoriesKeepTheFlow() {
    CurvatureTracking t;
    t.every = 5;
    t.flow = true;
    const std::vector<std::string> columns = curvatureColumns(t, Network(Architecture::mlp({1, 1}, Activation::Linear)));
    const std::vector<std::string> tail(columns.end() - 4, columns.end());
    QCOMPARE(tail, (std::vector<std::string>{"effective_time", "flow_distance", "flow_train_loss", "flow_sharpness"}));
    const std::vector<MetricsRow> rows = train(scalarRun(0.1), 11, 5);
    QCOMPARE(std::stod(metricsLine(rows[10], {"effective_time"})), rows[10].effectiveTime);
    QCOMPARE(std::stod(metricsLine(rows[10], {"flow_distance"})), rows[10].flowDistance);
    QCOMPARE(metricsLine(rows[9], {"flow_distance"}), std::string("\n"));  // not a measured step: empty
    long stride = 0;
    const nlohmann::json saved = historyToJson(rows, 1);
    const std::vector<MetricsRow> back = historyFromJson(saved, "history", stride);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      QCOMPARE(back[i].effectiveTime, rows[i].effectiveTime);
      QCOMPARE(std::isnan(back[i].flowDistance), std::isnan(rows[i].flowDistance));
      if (!std::isnan(rows[i].flowDistance)) QCOMPARE(back[i].flowDistance, rows[i].flowDistance);
    }
    nlohmann::json older = saved;
    for (const char* key : {"effective_time", "flow_distance", "flow_train_loss", "flow_sharpness"}) older.erase(key);
    const std::vector<MetricsRow> rebuilt = historyFromJson(older, "history", stride);
    for (std::size_t i = 0; i < rows.size(); ++i) LOSSLAB_COMPARE_NEAR(rebuilt[i].effectiveTime, rows[i].effectiveTime, 1e-14);
    QVERIFY(std::isnan(rebuilt[5].flowDistance));
  }
};

QTEST_GUILESS_MAIN(FlowReferenceTest)
#include "test_flow_reference.moc"
