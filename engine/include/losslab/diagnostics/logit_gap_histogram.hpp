#pragma once
// The distribution of logit gaps z_y - max_{k != y} z_k as histogram data, beside the gap at which
// each precision's softmax collapses (collapseGapThreshold): the window draws both, so one sees
// how much of the training set sits past float16's, float32's or float64's edge.
#include <array>
#include <utility>
#include <vector>

#include "losslab/diagnostics/softmax_collapse.hpp"

namespace losslab {

struct LogitGapHistogram {
  double lo = 0.0, width = 1.0;  // bin i covers [lo + i width, lo + (i + 1) width)
  std::vector<int> counts;       // the last bin also holds the maximum
  int samples = 0;
  int classes = 0;                     // C, on which the smallest-first thresholds depend
  std::array<double, 3> thresholds{};  // collapse gap per FloatFormat, for this order and C
  double binCenter(int i) const { return lo + (i + 0.5) * width; }
};

// `bins` equal bins over [min gap, max gap] (a unit-wide range around a single value).
LogitGapHistogram logitGapHistogram(const std::vector<double>& gaps, int bins, SummationOrder order,
                                    int classes);
// The same bins over [lo, hi] (gaps outside go to the end bins), so that two sets compare bin by bin.
LogitGapHistogram logitGapHistogram(const std::vector<double>& gaps, int bins, SummationOrder order,
                                    int classes, double lo, double hi);
// The [min, max] of the finite gaps of both sets (lo > hi when there are none).
std::pair<double, double> gapRange(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace losslab
