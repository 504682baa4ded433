// Softmax Collapse at and around each precision's threshold, on constructed logits: 113 classes,
// the first ahead of all others by a gap d. Summed as torch.sum does in Prieto et al.'s code (the
// default), float16 adds the terms in float32 and rounds once: S == 1 when 112 exp(-d) is at
// most half an ulp of float16's 1, d > ln 112 + 11 ln 2 = 12.3; float32 adds them in 8 lanes of
// 14 before they meet the 1: d > ln 14 + 24 ln 2 = 19.3. With the largest term summed first,
// S == 1 exactly when exp(-d), rounded to the precision, is at most half an ulp of 1 (2^-p,
// p = 11, 24, 53): d > p ln 2. With the small terms first they add up before meeting the 1:
// d > ln 112 + p ln 2 (float32: 16.6 and 21.4).
#include <QtTest>

#include <cmath>

#include "fuzzy_compare.hpp"
#include "losslab/core/error.hpp"
#include "losslab/diagnostics/softmax_collapse.hpp"

using namespace losslab;

namespace {
Eigen::VectorXd equalGaps(double d) {
  Eigen::VectorXd z = Eigen::VectorXd::Zero(113);
  z[0] = d;
  return z;
}

constexpr auto kLargest = SummationOrder::LargestFirst;
constexpr auto kSmallest = SummationOrder::SmallestFirst;
constexpr auto kTorch = SummationOrder::Torch;

// 113 logits, the top one at class `top`, the other 112 a gap d below it.
Eigen::VectorXd equalGapsWithTopAt(int top, double d) {
  Eigen::VectorXd z = Eigen::VectorXd::Constant(113, -d);
  z[top] = 0.0;
  return z;
}

int significandBits(FloatFormat f) { return f == FloatFormat::Float16 ? 11 : f == FloatFormat::Float32 ? 24 : 53; }

// Largest first, S == 1 exactly when every other term rounds to at most 2^-p (1 + 2^-p is a tie
// that rounds to the even 1): checked over gaps within 0.5% of p ln 2, finer than T resolves.
template <class T> void checkExactLargestFirstBoundary(FloatFormat f) {
  const T halfUlp = T(std::ldexp(1.0, -significandBits(f)));
  const double threshold = significandBits(f) * std::log(2.0);
  int flips = 0;
  bool before = false;
  for (int i = 0; i <= 1000; ++i) {
    const double gap = threshold * (1.0 - 5e-3 + 1e-5 * i);
    const T d = T(gap);
    const bool expected = T(std::exp(T(-d))) <= halfUlp;
    const bool collapsed = softmaxCollapsed(equalGaps(gap), f, kLargest);
    QVERIFY2(collapsed == expected, qPrintable(QString("%1 at d = %2").arg(toString(f)).arg(gap, 0, 'g', 17)));
    if (i > 0 && collapsed != before) ++flips;
    before = collapsed;
  }
  QCOMPARE(flips, 1);  // one edge, from not collapsed to collapsed
  QVERIFY(before);
}
}  // namespace

class SoftmaxCollapseTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void thresholdsOfEachPrecisionAndOrder_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("order");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<double>("margin");  // above the rounding of d and of the sum
    const double ln2 = std::log(2.0), ln112 = std::log(112.0);
    QTest::newRow("float16 largest first") << int(FloatFormat::Float16) << int(kLargest) << 11 * ln2 << 0.01;
    QTest::newRow("float32 largest first") << int(FloatFormat::Float32) << int(kLargest) << 24 * ln2 << 1e-5;
    QTest::newRow("float64 largest first") << int(FloatFormat::Float64) << int(kLargest) << 53 * ln2 << 1e-12;
    QTest::newRow("float16 smallest first") << int(FloatFormat::Float16) << int(kSmallest) << ln112 + 11 * ln2 << 0.15;
    QTest::newRow("float32 smallest first") << int(FloatFormat::Float32) << int(kSmallest) << ln112 + 24 * ln2 << 1e-4;
    QTest::newRow("float64 smallest first") << int(FloatFormat::Float64) << int(kSmallest) << ln112 + 53 * ln2 << 1e-9;
  }
  void thresholdsOfEachPrecisionAndOrder() {
    QFETCH(int, format);
    QFETCH(int, order);
    QFETCH(double, threshold);
    QFETCH(double, margin);
    const FloatFormat f = FloatFormat(format);
    const SummationOrder o = SummationOrder(order);
    QVERIFY(!softmaxCollapsed(equalGaps(threshold - margin), f, o));
    QVERIFY(softmaxCollapsed(equalGaps(threshold + margin), f, o));
    QVERIFY(!softmaxCollapsed(equalGaps(1.0), f, o));
    QVERIFY(softmaxCollapsed(equalGaps(threshold + 5.0), f, o));
    QCOMPARE(collapseGapThreshold(f, o, 113), threshold);
  }

  void exactBoundaryLargestFirst() {
    checkExactLargestFirstBoundary<Eigen::half>(FloatFormat::Float16);
    checkExactLargestFirstBoundary<float>(FloatFormat::Float32);
    checkExactLargestFirstBoundary<double>(FloatFormat::Float64);
  }

  // Prieto et al.'s float16 metric, by hand: torch.sum accumulates the float16 terms
  // t = half(exp(-half(d))) in float32 and rounds the total to float16 once, so S == 1 exactly
  // when 1 + 112 t rounds to 1, i.e. 112 t <= 2^-11 (a tie rounds to the even 1): near
  // d = ln 112 + 11 ln 2 = 12.343 (the paper's 12.3), not at 11 ln 2 = 7.6 as float16 sums
  // rounded term by term collapse largest first. t is a multiple of 2^-24 there (subnormal), so
  // the flip is where t steps from 74 to 73 times 2^-24: half(d) from 12.3359375 to 12.34375.
  void float16CollapsesNear12point3AsPyTorchSumsIt() {
    int flips = 0;
    bool before = false;
    for (int i = 0; i <= 700; ++i) {
      const double gap = 12.0 + 1e-3 * i;
      const Eigen::half d(gap);
      const float t = float(Eigen::half(std::exp(-float(d))));
      const bool expected = 112.0 * double(t) <= std::ldexp(1.0, -11);
      const bool collapsed = softmaxCollapsed(equalGaps(gap), FloatFormat::Float16, kTorch);
      QVERIFY2(collapsed == expected, qPrintable(QString("float16 at d = %1").arg(gap, 0, 'g', 17)));
      if (i > 0 && collapsed != before) ++flips;
      before = collapsed;
    }
    QCOMPARE(flips, 1);
    QVERIFY(!softmaxCollapsed(equalGaps(12.33), FloatFormat::Float16));  // the default is PyTorch's
    QVERIFY(softmaxCollapsed(equalGaps(12.35), FloatFormat::Float16));
    QVERIFY(softmaxCollapsed(equalGaps(7.7), FloatFormat::Float16, kLargest));  // the old default
    LOSSLAB_COMPARE_NEAR(collapseGapThreshold(FloatFormat::Float16, kTorch, 113), 12.34, 0.01);
  }

  // torch.sum in float32 on a CPU, by hand for 113 terms: lane l of eight holds classes
  // 8v + l (v < 14), class 112 is the scalar tail; the total is the tail plus the lanes in order.
  // With the top at class 0 its lane adds partial sums of at most 3t to the 1, then the seven
  // other lanes, 14 t each, meet it: S == 1 when 14 t <= 2^-24, d > ln 14 + 24 ln 2 = 19.275.
  // With the top at class 7 the tail and lanes 0-6, 99 t, meet it: d > ln 99 + 24 ln 2 = 21.23.
  // float64 has four lanes of 28: ln 28 + 53 ln 2 = 40.07 (top at class 0), ln 85 + 53 ln 2 =
  // 41.18 (top at class 3, after 1 + 3 x 28 terms).
  void float32AndFloat64CollapseWherePyTorchsLanesMeetTheOne_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("top");
    QTest::addColumn<double>("edge");
    QTest::addColumn<double>("margin");
    const double ln2 = std::log(2.0);
    QTest::newRow("float32, top at 0") << int(FloatFormat::Float32) << 0 << std::log(14.0) + 24 * ln2 << 1e-4;
    QTest::newRow("float32, top at 7") << int(FloatFormat::Float32) << 7 << std::log(99.0) + 24 * ln2 << 1e-4;
    QTest::newRow("float32, top at 112") << int(FloatFormat::Float32) << 112 << std::log(14.0) + 24 * ln2 << 1e-4;
    QTest::newRow("float64, top at 0") << int(FloatFormat::Float64) << 0 << std::log(28.0) + 53 * ln2 << 1e-9;
    QTest::newRow("float64, top at 3") << int(FloatFormat::Float64) << 3 << std::log(85.0) + 53 * ln2 << 1e-9;
  }
  void float32AndFloat64CollapseWherePyTorchsLanesMeetTheOne() {
    QFETCH(int, format);
    QFETCH(int, top);
    QFETCH(double, edge);
    QFETCH(double, margin);
    const FloatFormat f = FloatFormat(format);
    QVERIFY(!softmaxCollapsed(equalGapsWithTopAt(top, edge - margin), f, kTorch));
    QVERIFY(softmaxCollapsed(equalGapsWithTopAt(top, edge + margin), f, kTorch));
    if (top == 0) LOSSLAB_COMPARE_NEAR(collapseGapThreshold(f, kTorch, 113), edge, margin);
  }

  // The figures of the issue: float32, 113 classes, equal gaps.
  void float32CollapsesNear16point6LargestFirstAnd21SmallestFirst() {
    QVERIFY(!softmaxCollapsed(equalGaps(16.5), FloatFormat::Float32, kLargest));
    QVERIFY(softmaxCollapsed(equalGaps(16.7), FloatFormat::Float32, kLargest));
    QVERIFY(!softmaxCollapsed(equalGaps(21.3), FloatFormat::Float32, kSmallest));
    QVERIFY(softmaxCollapsed(equalGaps(21.45), FloatFormat::Float32, kSmallest));
    // Between the two, the order alone decides.
    QVERIFY(softmaxCollapsed(equalGaps(19.0), FloatFormat::Float32, kLargest));
    QVERIFY(!softmaxCollapsed(equalGaps(19.0), FloatFormat::Float32, kSmallest));
  }

  // Largest first, only the runner-up matters; smallest first, the crowd behind it does too.
  void unequalGapsCollapseByTheRunnerUpLargestFirst() {
    Eigen::VectorXd z = Eigen::VectorXd::Constant(113, -100.0);
    z[0] = 0.0;
    z[57] = -17.0;  // one runner-up past float32's edge, the rest far behind
    QVERIFY(softmaxCollapsed(z, FloatFormat::Float32, kLargest));
    QVERIFY(softmaxCollapsed(z, FloatFormat::Float32, kSmallest));
    z.setConstant(-17.0);  // 112 of them at 17: together above half an ulp
    z[0] = 0.0;
    QVERIFY(softmaxCollapsed(z, FloatFormat::Float32, kLargest));
    QVERIFY(!softmaxCollapsed(z, FloatFormat::Float32, kSmallest));
  }

  void fractionsLossGradientAndNorms() {
    Eigen::MatrixXd logits(113, 4);
    logits.col(0) = equalGaps(20.0);   // collapsed in float16 and float32, not float64
    logits.col(1) = equalGaps(5.0);    // collapsed nowhere
    logits.col(2) = equalGaps(40.0);   // collapsed everywhere
    logits.col(3) = equalGaps(20.0);
    const std::vector<int> labels{0, 0, 0, 1};  // sample 3: collapsed, but on the wrong class
    const CollapseDiagnostics d = softmaxCollapse(logits, labels, kLargest);
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
    // Summed small terms first, a gap of 20 no longer collapses float32.
    const CollapseDiagnostics s = softmaxCollapse(logits, labels, kSmallest);
    QCOMPARE(s.scFraction[int(FloatFormat::Float16)], 0.75);
    QCOMPARE(s.scFraction[int(FloatFormat::Float32)], 0.25);
    QCOMPARE(s.zeroGradFraction[int(FloatFormat::Float32)], 0.25);
  }

  // A StableMax run's zero loss and gradient are its own loss's: none at a gap of 40, where
  // every precision's softmax has collapsed; SC is still softmax's.
  void stableMaxRunsCountTheirOwnZeros() {
    Eigen::MatrixXd logits(113, 2);
    logits.col(0) = equalGaps(40.0);
    logits.col(1) = equalGaps(1e4);
    const std::vector<int> labels{0, 0};
    const CollapseDiagnostics soft = softmaxCollapse(logits, labels, kLargest);
    const CollapseDiagnostics stable = softmaxCollapse(logits, labels, kLargest, LossKind::StableMaxCrossEntropy);
    for (int f = 0; f < 3; ++f) {
      QCOMPARE(soft.zeroGradFraction[f], 1.0);
      QCOMPARE(stable.scFraction[f], 1.0);
    }
    QCOMPARE(stable.zeroGradFraction[int(FloatFormat::Float32)], 0.0);
    QCOMPARE(stable.zeroLossFraction[int(FloatFormat::Float32)], 0.0);
    QCOMPARE(stable.zeroGradFraction[int(FloatFormat::Float64)], 0.0);
    // Even float16 keeps a gradient there: R/S ~ 1e-2 and s'/s ~ 1e-4 are representable.
    QCOMPARE(stable.zeroGradFraction[int(FloatFormat::Float16)], 0.0);
  }

  void orderNames() {
    QCOMPARE(summationOrderFromString("smallest-first"), kSmallest);
    QCOMPARE(summationOrderFromString(toString(kLargest)), kLargest);
    QCOMPARE(summationOrderFromString("pytorch"), kTorch);
    QVERIFY_THROWS_EXCEPTION(InputError, summationOrderFromString("random"));
  }
};

QTEST_APPLESS_MAIN(SoftmaxCollapseTest)
#include "test_softmax_collapse.moc"
