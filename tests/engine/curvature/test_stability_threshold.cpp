// Stability thresholds of each optimizer, as the issue states them.
#include <QtTest>

#include <cmath>

#include "fuzzy_compare.hpp"
#include "losslab/curvature/stability_threshold.hpp"

using namespace losslab;

class StabilityThresholdTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void formulas() {
    OptimizerConfig o;
    QCOMPARE(sharpnessThreshold(o, 0.01, 1).value, 200.0);  // 2/eta
    o.momentum = 0.9;
    QCOMPARE(sharpnessThreshold(o, 0.01, 1).value, 380.0);  // (2+2b)/eta
    o.nesterov = true;
    LOSSLAB_COMPARE_NEAR(sharpnessThreshold(o, 0.01, 1).value, 380.0 / 2.8, 1e-9);
    OptimizerConfig adam;
    adam.kind = OptimizerKind::Adam;
    LOSSLAB_COMPARE_NEAR(sharpnessThreshold(adam, 0.01, 1).value, 3800.0, 1e-9);  // 38/eta
    QCOMPARE(sharpnessThreshold(adam, 0.01, 1).quantity, std::string("lambda_max(P^-1 H)"));
    OptimizerConfig sam;
    sam.samRho = 0.05;
    const double g = 2.0, eta = 0.1, lambda = sharpnessThreshold(sam, eta, g).value;
    LOSSLAB_COMPARE_NEAR(eta * lambda * (1 + sam.samRho * lambda / g), 2, 1e-12);  // on the edge
    QVERIFY(lambda < 2 / eta);  // SAM is stable only at lower curvature than GD
    QCOMPARE(sharpnessThreshold(sam, eta, g).quantity, std::string("lambda_max(H)"));
    QCOMPARE(traceThreshold(0.5).value, 4.0);
    QCOMPARE(traceThreshold(0.5).quantity, std::string("tr(H)"));
  }

  // Long & Bartlett 2024's SAM edge by hand: eta = 0.1, rho = 0.05, |g| = 2 give
  // (2/0.1)(sqrt(1 + 0.4/0.2) - 1) = 20 (sqrt 3 - 1) = 14.641; |g| = 0.01 gives
  // 0.1 (sqrt(401) - 1) = 1.9025; as |g| -> 0 the edge falls to 0, never back to 2/eta.
  void samEdgeByHandAndAtAZeroGradient() {
    OptimizerConfig sam;
    sam.samRho = 0.05;
    LOSSLAB_COMPARE_NEAR(sharpnessThreshold(sam, 0.1, 2.0).value, 20 * (std::sqrt(3.0) - 1), 1e-12);
    LOSSLAB_COMPARE_NEAR(sharpnessThreshold(sam, 0.1, 0.01).value, 0.1 * (std::sqrt(401.0) - 1), 1e-12);
    const double small = std::sqrt(2e-12 / (0.05 * 0.1));  // the leading term, relative error ~1e-6
    LOSSLAB_COMPARE_NEAR(sharpnessThreshold(sam, 0.1, 1e-12).value, small, 1e-5 * small);
    QCOMPARE(sharpnessThreshold(sam, 0.1, 0.0).value, 0.0);
    QVERIFY(sharpnessThreshold(sam, 0.1, 0.0).known());
  }

  // SAM over heavy ball, Nesterov, Adam or AdamW has no derived edge: none, with the reason.
  void noThresholdForSamOverMomentumOrAdam() {
    OptimizerConfig momentum;
    momentum.samRho = 0.05;
    momentum.momentum = 0.9;
    OptimizerConfig adamw = momentum;
    adamw.momentum = 0.0;
    adamw.kind = OptimizerKind::AdamW;
    for (const OptimizerConfig& o : {momentum, adamw}) {
      const StabilityThreshold t = sharpnessThreshold(o, 0.01, 1.0);
      QVERIFY(std::isnan(t.value));
      QVERIFY(!t.known());
      QVERIFY(t.source.find("Long & Bartlett") != std::string::npos);
    }
    momentum.samRho = 0.0;  // without SAM, heavy ball's own
    QCOMPARE(sharpnessThreshold(momentum, 0.01, 1.0).value, 380.0);
  }
};

QTEST_APPLESS_MAIN(StabilityThresholdTest)
#include "test_stability_threshold.moc"
