// Softmax Collapse at and around each precision's threshold, on constructed logits: 113 classes,
// the correct one ahead of all others by a gap d. With the largest term summed first, S == 1
// exactly when exp(-d) is below half an ulp of 1: d > 24 ln 2 (float32), 11 ln 2 (float16),
// 53 ln 2 (float64).
#include <QtTest>

#include <cmath>

#include "losslab/diagnostics/softmax_collapse.hpp"

using namespace losslab;

namespace {
Eigen::VectorXd equalGaps(double d) {
  Eigen::VectorXd z = Eigen::VectorXd::Zero(113);
  z[0] = d;
  return z;
}
}  // namespace

class SoftmaxCollapseTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void thresholdsOfEachPrecision_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<double>("threshold");
    QTest::newRow("float16") << int(FloatFormat::Float16) << 11 * std::log(2.0);
    QTest::newRow("float32") << int(FloatFormat::Float32) << 24 * std::log(2.0);
    QTest::newRow("float64") << int(FloatFormat::Float64) << 53 * std::log(2.0);
  }
  void thresholdsOfEachPrecision() {
    QFETCH(int, format);
    QFETCH(double, threshold);
    const FloatFormat f = FloatFormat(format);
    QVERIFY(!softmaxCollapsed(equalGaps(threshold - 0.05), f));
    QVERIFY(softmaxCollapsed(equalGaps(threshold + 0.05), f));
    QVERIFY(!softmaxCollapsed(equalGaps(1.0), f));
  }

  void float32CollapsesNear16point6() {
    QVERIFY(!softmaxCollapsed(equalGaps(16.5), FloatFormat::Float32));
    QVERIFY(softmaxCollapsed(equalGaps(16.7), FloatFormat::Float32));
  }

  void fractionsLossGradientAndNorms() {
    Eigen::MatrixXd logits(113, 4);
    logits.col(0) = equalGaps(20.0);   // collapsed in float16 and float32, not float64
    logits.col(1) = equalGaps(5.0);    // collapsed nowhere
    logits.col(2) = equalGaps(40.0);   // collapsed everywhere
    logits.col(3) = equalGaps(20.0);
    const std::vector<int> labels{0, 0, 0, 1};  // sample 3: collapsed, but on the wrong class
    const CollapseDiagnostics d = softmaxCollapse(logits, labels);
    QCOMPARE(d.scFraction[int(FloatFormat::Float16)], 0.75);
    QCOMPARE(d.scFraction[int(FloatFormat::Float32)], 0.75);
    QCOMPARE(d.scFraction[int(FloatFormat::Float64)], 0.25);
    // Loss and gradient vanish only where the correct class is the collapsed one.
    QCOMPARE(d.zeroLossFraction[int(FloatFormat::Float32)], 0.5);
    QCOMPARE(d.zeroGradFraction[int(FloatFormat::Float32)], 0.5);
    QCOMPARE(d.zeroGradFraction[int(FloatFormat::Float64)], 0.25);
    QCOMPARE(d.logitGaps[0], 20.0);
    QCOMPARE(d.logitGaps[3], -20.0);
    QCOMPARE(d.logitNormMax, 40.0);
    QCOMPARE(d.logitNormMean, (20 + 5 + 40 + 20) / 4.0);
  }
};

QTEST_APPLESS_MAIN(SoftmaxCollapseTest)
#include "test_softmax_collapse.moc"
