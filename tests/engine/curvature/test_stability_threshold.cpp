// Stability thresholds of each optimizer, as the issue states them.
#include <QtTest>

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
    QCOMPARE(traceThreshold(0.5).value, 4.0);
    QCOMPARE(traceThreshold(0.5).quantity, std::string("tr(H)"));
  }
};

QTEST_APPLESS_MAIN(StabilityThresholdTest)
#include "test_stability_threshold.moc"
