// A short float32 run on a tiny modular task collapses (Prieto et al. 2025): after the training
// set is fitted, AdamW keeps scaling the logits up along the weights (NLM cosine near 1) until
// float16 and then float32 softmax round to exactly one-hot, and the gradient vanishes. Tracked
// rows carry the whole record: every precision, the test set, each layer, neural collapse.
#include <QtTest>

#include <cmath>

#include "fuzzy_compare.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/diagnostics/collapse_record.hpp"
#include "losslab/io/collapse_columns.hpp"
#include "losslab/io/metrics_csv.hpp"
#include "losslab/run/trainer.hpp"
#include "losslab/run/training_run.hpp"

using namespace losslab;

namespace {
ExperimentConfig tinyModular(const char* hidden = "[16, 16]") {
  return parseExperiment(std::string(R"({"seed": 3, "precision": "float32",
      "data": {"kind": "modular", "p": 7, "op": "add", "train_fraction": 0.5},
      "model": {"hidden": )") + hidden + R"(, "activation": "relu", "bias": false},
      "optimizer": {"kind": "adamw", "lr": 0.01, "betas": [0.9, 0.99], "eps": 1e-25}})");
}
}  // namespace

class CollapseTrackingTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void float32ModularRunCollapses() {
    const ExperimentConfig c = parseExperiment(R"({"seed": 0, "precision": "float32",
        "data": {"kind": "modular", "p": 11, "op": "add", "train_fraction": 0.6},
        "model": {"hidden": [64], "activation": "relu", "bias": false}, "loss": "cross_entropy",
        "optimizer": {"kind": "adamw", "lr": 0.01, "betas": [0.9, 0.99], "eps": 1e-25}})");
    auto trainer = Trainer::create(c);
    trainer->setCollapseTracking({100});
    MetricsRow first, at400, last;
    for (int s = 0; s <= 2100; ++s) {
      const MetricsRow row = trainer->step(false);
      if (s == 0) first = row;
      if (s == 400) at400 = row;
      if (s % 100 == 0) last = row;
      QCOMPARE(std::isnan(row.scFraction32), s % 100 != 0);
      QVERIFY(!(row.trainLoss < 0));  // a mean of non-negative losses, even in float32
    }
    QCOMPARE(first.scFraction16, 0.0);
    QVERIFY(at400.scFraction16 > 0.25);  // float16 collapses first (summed as torch.sum does)
    QCOMPARE(at400.scFraction32, 0.0);
    QVERIFY(at400.nlmCosine > 0.7);      // the steps mostly scale the weights up
    QVERIFY(last.scFraction32 > 0.5);    // then float32
    QCOMPARE(last.scFraction64, 0.0);    // float64 would not have
    QCOMPARE(last.zeroGradFraction, last.scFraction32);
    QVERIFY(last.logitNorm > at400.logitNorm);
    // The whole record agrees: while the logits grow, every layer's step points along its
    // weights; the unseen test pairs get large logits too, but no confident class to collapse on.
    for (double c : at400.collapse->stepAlignment.perLayer) QVERIFY(c > 0.5);
    QVERIFY(last.collapse->test->logitNormMean > 0.5 * last.collapse->train.logitNormMean);
    QVERIFY(last.collapse->test->scFraction[int(FloatFormat::Float32)] < last.scFraction32);
  }

  void trackedRowsCarryEveryPrecisionTheTestSetAndEachLayer() {
    auto trainer = Trainer::create(tinyModular());
    CollapseTracking t;
    t.every = 5;
    trainer->setCollapseTracking(t);
    for (int s = 0; s < 11; ++s) {
      const Eigen::VectorXd theta = trainer->parameters();
      const MetricsRow row = trainer->step(true);
      QCOMPARE(bool(row.collapse), s % 5 == 0);
      if (!row.collapse) continue;
      const CollapseRecord& r = *row.collapse;
      QCOMPARE(r.step, long(s));
      QCOMPARE(r.runFormat, FloatFormat::Float32);
      QVERIFY(r.test.has_value());  // 24 of the 49 pairs
      QCOMPARE(r.train.gaps.samples, 24);
      QCOMPARE(r.test->gaps.samples, 25);
      QCOMPARE(r.test->gaps.lo, r.train.gaps.lo);  // one set of bins for both
      QCOMPARE(r.test->gaps.width, r.train.gaps.width);
      QCOMPARE(r.weightNorm.perLayer.size(), size_t(3));
      LOSSLAB_COMPARE_WITHIN(r.weightNorm.total, theta.norm(), 1e-6 * theta.norm());
      QCOMPARE(r.stepAlignment.total, row.nlmCosine);
      QCOMPARE(row.zeroGradFraction, r.train.zeroGradFraction[int(FloatFormat::Float32)]);
      QCOMPARE(row.scFraction16, r.train.scFraction[int(FloatFormat::Float16)]);
      QVERIFY(r.gradAlignment.total >= -1 && r.gradAlignment.total <= 1);
      QVERIFY(std::isfinite(r.neural.nc1) && r.neural.nc4 >= 0 && r.neural.nc4 <= 1);
      // Every added column reads a value from the record (the empty-cell test of metrics.csv).
      for (const std::string& c : addedCollapseColumns(t, trainer->network(), true))
        QVERIFY2(!std::isnan(collapseColumnValue(r, c)), c.c_str());
    }
  }

  // The columns a run writes: the spec's first, the added ones after, per layer and NC1-NC4
  // only where there is a hidden layer.
  void addedColumnsFollowTheSpecsOwn() {
    CollapseTracking t;
    t.every = 10;
    const Architecture deep = Architecture::mlp({14, 16, 16, 7}, Activation::Relu, false);
    const auto added = addedCollapseColumns(t, deep, true);
    const auto columns = metricsColumns(true, true, [&] {
      auto c = collapseColumns(t);
      c.insert(c.end(), added.begin(), added.end());
      return c;
    }());
    const auto wall = std::find(columns.begin(), columns.end(), "wall_seconds");
    QCOMPARE(*(wall + 1), std::string("zero_loss_fraction_float16"));
    QVERIFY(std::find(wall, columns.end(), "nlm_grad_cosine_layer3") != columns.end());
    QVERIFY(std::find(wall, columns.end(), "test_sc_fraction_float32") != columns.end());
    QCOMPARE(columns.back(), std::string("nc4"));
    const auto flat = addedCollapseColumns(t, Architecture::mlp({14, 7}, Activation::Relu), false);
    QVERIFY(std::find(flat.begin(), flat.end(), "nc1") == flat.end());
    QVERIFY(std::find(flat.begin(), flat.end(), "test_logit_norm") == flat.end());
    QVERIFY(addedCollapseColumns({}, deep, true).empty());
  }

  // Without a hidden layer there are no last-layer features: NC stays NaN, the rest is measured.
  void noHiddenLayerNoNeuralCollapse() {
    auto trainer = Trainer::create(tinyModular("[]"));
    trainer->setCollapseTracking({1});
    const MetricsRow row = trainer->step(true);
    QVERIFY(row.collapse && std::isnan(row.collapse->neural.nc1));
    QCOMPARE(row.collapse->weightNorm.perLayer.size(), size_t(1));
  }

  // The session keeps the tracking across reset, says so in snapshots, and rejects it for a
  // regression run in the caller's thread.
  void sessionsCarryCollapseTracking() {
    TrainingRun s(tinyModular());
    CollapseTracking t;
    t.every = 2;
    t.order = SummationOrder::SmallestFirst;
    s.setCollapseTracking(t);
    s.step(4);
    s.waitIdle();
    QCOMPARE(s.latest()->collapseTracking, t);
    QVERIFY(s.latest()->history->at(2).collapse);
    QCOMPARE(s.latest()->history->at(2).collapse->order, SummationOrder::SmallestFirst);
    QVERIFY(!s.latest()->history->at(3).collapse);
    s.reset();
    s.step(1);
    s.waitIdle();
    QVERIFY(s.latest()->history->at(0).collapse);
    ExperimentConfig regression;
    regression.data.kind = "reg_plane";
    regression.data.n = 20;
    regression.loss = LossKind::Mse;
    TrainingRun r(regression);
    QVERIFY_THROWS_EXCEPTION(InputError, r.setCollapseTracking(t));
    t.gapBins = 0;
    QVERIFY_THROWS_EXCEPTION(InputError, s.setCollapseTracking(t));
  }

  void regressionRunsHaveNoSoftmax() {
    ExperimentConfig c;
    c.data.kind = "reg_plane";
    c.data.n = 50;
    c.loss = LossKind::Mse;
    auto trainer = Trainer::create(c);
    QVERIFY_THROWS_EXCEPTION(InputError, trainer->setCollapseTracking({1}));
  }
};

QTEST_APPLESS_MAIN(CollapseTrackingTest)
#include "test_collapse_tracking.moc"
