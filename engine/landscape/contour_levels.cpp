#include "losslab/landscape/contour_levels.hpp"

#include <algorithm>
#include <cmath>

namespace losslab {

FieldRange usableRange(const Eigen::MatrixXd& field, LevelSpacing spacing) {
  FieldRange r;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (Eigen::Index k = 0; k < field.size(); ++k) {
    const double v = field.data()[k];
    if (!std::isfinite(v)) {
      ++r.skippedNonFinite;
    } else if (spacing == LevelSpacing::Log && v <= 0) {
      ++r.skippedNonPositive;
    } else {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (lo <= hi) r.lo = lo, r.hi = hi;
  return r;
}

ContourLevels contourLevels(const Eigen::MatrixXd& field, int count, LevelSpacing spacing) {
  const FieldRange range = usableRange(field, spacing);
  ContourLevels r;
  r.skippedNonPositive = range.skippedNonPositive;
  r.skippedNonFinite = range.skippedNonFinite;
  if (range.empty() || !(range.lo < range.hi)) return r;
  const bool log = spacing == LevelSpacing::Log;
  const double lo = log ? std::log10(range.lo) : range.lo, hi = log ? std::log10(range.hi) : range.hi;
  for (int k = 1; k <= count; ++k) {
    const double u = lo + (hi - lo) * double(k) / double(count + 1);
    r.levels.push_back(log ? std::pow(10.0, u) : u);
  }
  return r;
}

}  // namespace losslab
