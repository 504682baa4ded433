// The logit-gap histogram counts every sample once, in equal bins over the gaps' range, and
// carries each precision's collapse gap for the summation order and class count.
#include <QtTest>

#include <cmath>

#include "losslab/diagnostics/logit_gap_histogram.hpp"

using namespace losslab;

class LogitGapHistogramTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void equalBinsOverTheRange() {
    const std::vector<double> gaps{-2.0, -1.0, 0.5, 1.0, 3.0, 3.0, NAN};
    const LogitGapHistogram h = logitGapHistogram(gaps, 5, SummationOrder::LargestFirst, 113);
    QCOMPARE(h.lo, -2.0);
    QCOMPARE(h.width, 1.0);
    QCOMPARE(h.samples, 6);  // the NaN is left out
    QCOMPARE(h.counts, (std::vector<int>{1, 1, 1, 1, 2}));  // the maximum falls in the last bin
    QCOMPARE(h.binCenter(0), -1.5);
  }

  void thresholdsFollowTheOrderAndTheClasses() {
    const LogitGapHistogram largest = logitGapHistogram({1.0}, 10, SummationOrder::LargestFirst, 113);
    QCOMPARE(largest.thresholds[int(FloatFormat::Float32)], 24 * std::log(2.0));
    QCOMPARE(largest.thresholds[int(FloatFormat::Float16)], 11 * std::log(2.0));
    const LogitGapHistogram smallest = logitGapHistogram({1.0}, 10, SummationOrder::SmallestFirst, 113);
    QCOMPARE(smallest.thresholds[int(FloatFormat::Float64)], std::log(112.0) + 53 * std::log(2.0));
    // One value: a unit-wide range around it, everything in one bin.
    QCOMPARE(largest.lo, 0.5);
    QCOMPARE(largest.counts[5], 1);
  }

  // Given a range (both sets' together), gaps outside it land in the end bins.
  void sharedRangeForTwoSets() {
    const std::vector<double> train{0.0, 1.0, 2.0}, test{-4.0, 6.0};
    const auto [lo, hi] = gapRange(train, test);
    QCOMPARE(lo, -4.0);
    QCOMPARE(hi, 6.0);
    const LogitGapHistogram a = logitGapHistogram(train, 10, SummationOrder::LargestFirst, 113, lo, hi);
    const LogitGapHistogram b = logitGapHistogram(test, 10, SummationOrder::LargestFirst, 113, lo, hi);
    QCOMPARE(a.lo, b.lo);
    QCOMPARE(a.width, 1.0);
    QCOMPARE(a.counts[4], 1);
    QCOMPARE(b.counts[0], 1);
    QCOMPARE(b.counts[9], 1);
    QCOMPARE(logitGapHistogram({-9.0, 9.0}, 4, SummationOrder::LargestFirst, 3, 0.0, 4.0).counts,
             (std::vector<int>{1, 0, 0, 1}));
  }

  void emptyGapsGiveAnEmptyHistogram() {
    const LogitGapHistogram h = logitGapHistogram({}, 4, SummationOrder::LargestFirst, 10);
    QCOMPARE(h.samples, 0);
    QCOMPARE(h.counts, (std::vector<int>(4, 0)));
  }
};

QTEST_APPLESS_MAIN(LogitGapHistogramTest)
#include "test_logit_gap_histogram.moc"
