// The training options Prieto et al.'s experiments need: a full batch reshuffled every epoch
// (the same sum in another order: float32 rounds it differently, as the authors' permutation
// does) and the rate divided by alpha^2 for an output scale alpha.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/run/trainer.hpp"

using namespace losslab;

namespace {
ExperimentConfig modular(const char* precision, bool shuffle) {
  ExperimentConfig c = parseExperiment(std::string(R"({"seed": 1, "precision": ")") + precision + R"(",
      "data": {"kind": "modular", "p": 11, "train_fraction": 0.5},
      "model": {"hidden": [32], "activation": "relu", "bias": false},
      "optimizer": {"kind": "adamw", "lr": 0.01}})");
  c.optimizer.shuffleFullBatch = shuffle;
  return c;
}

Eigen::VectorXd after(const ExperimentConfig& c, int steps, std::vector<MetricsRow>* rows = nullptr) {
  auto trainer = Trainer::create(c);
  for (int s = 0; s < steps; ++s) {
    const MetricsRow row = trainer->step(true);
    if (rows) rows->push_back(row);
  }
  return trainer->parameters();
}
}  // namespace

class CollapseTrainingOptionsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void reshuffledFullBatchIsTheSameSumInAnotherOrder() {
    std::vector<MetricsRow> fixed, shuffled;
    const Eigen::VectorXd a = after(modular("float32", false), 30, &fixed);
    const Eigen::VectorXd b = after(modular("float32", true), 30, &shuffled);
    QVERIFY(a != b);                                    // float32 rounds the orders differently
    QVERIFY((a - b).norm() < 1e-3 * a.norm());          // ... and no more than that
    LOSSLAB_COMPARE_NEAR(fixed[0].trainLoss, shuffled[0].trainLoss, 1e-6);
    QCOMPARE(fixed[0].trainAccuracy, shuffled[0].trainAccuracy);
    QCOMPARE(shuffled.back().epoch, 29.0);              // still one step an epoch
    QVERIFY(after(modular("float32", true), 30) == b);   // and seeded: the same run again
    const Eigen::VectorXd a64 = after(modular("float64", false), 30);
    const Eigen::VectorXd b64 = after(modular("float64", true), 30);
    QVERIFY((a64 - b64).norm() < 1e-10 * a64.norm());
  }

  void rateOverOutputScaleSquared() {
    ExperimentConfig scaled = modular("float64", false);
    scaled.model.outputScale = 5.0;
    scaled.optimizer.lr = 0.25;
    scaled.optimizer.kind = OptimizerKind::Gd;
    scaled.optimizer.divideLrByOutputScaleSquared = true;
    ExperimentConfig plain = scaled;
    plain.optimizer.lr = 0.01;
    plain.optimizer.divideLrByOutputScaleSquared = false;
    std::vector<MetricsRow> rows;
    const Eigen::VectorXd a = after(scaled, 5, &rows);
    QCOMPARE(rows[0].lr, 0.01);
    QVERIFY(a == after(plain, 5));
  }
};

QTEST_APPLESS_MAIN(CollapseTrainingOptionsTest)
#include "test_collapse_training_options.moc"
