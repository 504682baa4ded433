// A short float32 run on a tiny modular task collapses (Prieto et al. 2025): after the training
// set is fitted, AdamW keeps scaling the logits up along the weights (NLM cosine near 1) until
// float16 and then float32 softmax round to exactly one-hot, and the gradient vanishes.
#include <QtTest>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/session/trainer.hpp"

using namespace losslab;

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
    QCOMPARE(at400.scFraction16, 1.0);   // float16 collapses first
    QCOMPARE(at400.scFraction32, 0.0);
    QVERIFY(at400.nlmCosine > 0.7);      // the steps mostly scale the weights up
    QVERIFY(last.scFraction32 > 0.5);    // then float32
    QCOMPARE(last.scFraction64, 0.0);    // float64 would not have
    QCOMPARE(last.zeroGradFraction, last.scFraction32);
    QVERIFY(last.logitNorm > at400.logitNorm);
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
