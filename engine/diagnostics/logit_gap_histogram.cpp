#include "losslab/diagnostics/logit_gap_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace losslab {

std::pair<double, double> gapRange(const std::vector<double>& a, const std::vector<double>& b) {
  double lo = INFINITY, hi = -INFINITY;
  for (const auto* set : {&a, &b})
    for (double g : *set)
      if (std::isfinite(g)) lo = std::min(lo, g), hi = std::max(hi, g);
  return {lo, hi};
}

LogitGapHistogram logitGapHistogram(const std::vector<double>& gaps, int bins, SummationOrder order,
                                    int classes) {
  const auto [lo, hi] = gapRange(gaps, {});
  return logitGapHistogram(gaps, bins, order, classes, lo, hi);
}

LogitGapHistogram logitGapHistogram(const std::vector<double>& gaps, int bins, SummationOrder order,
                                    int classes, double lo, double hi) {
  LogitGapHistogram h;
  h.classes = classes;
  for (FloatFormat f : kFloatFormats)
    h.thresholds[static_cast<int>(f)] = collapseGapThreshold(f, order, classes);
  bins = std::max(bins, 1);
  h.counts.assign(bins, 0);
  if (!(lo <= hi)) return h;
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(lo))) lo -= 0.5, hi += 0.5;
  h.lo = lo;
  h.width = (hi - lo) / bins;
  for (double g : gaps) {
    if (!std::isfinite(g)) continue;
    const int i = std::clamp(static_cast<int>(std::floor((g - lo) / h.width)), 0, bins - 1);
    ++h.counts[i];
    ++h.samples;
  }
  return h;
}

}  // namespace losslab
