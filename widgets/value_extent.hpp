#pragma once
// The y range [lo, hi] of everything drawn on one curvature axis (the sharpness view, the
// per-layer stack); empty until a value arrives.
#include <algorithm>
#include <limits>

#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

struct ValueExtent {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  void add(double v) { lo = std::min(lo, v), hi = std::max(hi, v); }
  bool empty() const { return !(lo <= hi); }
  QCPRange range(bool log) const {
    if (empty()) return log ? QCPRange(0.1, 100.0) : QCPRange(0.0, 1.0);
    if (log) return QCPRange(lo / 1.5, hi * 1.5);
    const double low = std::min(0.0, lo);  // curvature near 0 is the start of the story
    return QCPRange(low, hi > low ? low + (hi - low) * 1.12 : low + 1.0);
  }
};

}  // namespace losslab
