#include "losslab/landscape/contour_levels.hpp"

#include <cmath>
#include <limits>

namespace losslab {

ContourLevels contourLevels(const Eigen::MatrixXd& field, int count, LevelSpacing spacing) {
  ContourLevels r;
  const bool log = spacing == LevelSpacing::Log;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (Eigen::Index k = 0; k < field.size(); ++k) {
    const double v = field.data()[k];
    if (!std::isfinite(v)) {
      ++r.skippedNonFinite;
    } else if (log && v <= 0) {
      ++r.skippedNonPositive;
    } else {
      const double u = log ? std::log10(v) : v;
      lo = std::min(lo, u);
      hi = std::max(hi, u);
    }
  }
  if (!(lo < hi)) return r;
  for (int k = 1; k <= count; ++k) {
    const double u = lo + (hi - lo) * double(k) / double(count + 1);
    r.levels.push_back(log ? std::pow(10.0, u) : u);
  }
  return r;
}

}  // namespace losslab
