#include "losslab/widgets/timeline_axis.hpp"

#include <algorithm>
#include <cmath>

namespace losslab {

double timelineAxisEnd(double lastStep, double timeRange) {
  const double needed = std::max(10.0, std::isfinite(lastStep) ? lastStep : 0.0);
  const double decade = std::pow(10.0, std::floor(std::log10(needed)));
  double end = 10.0 * decade;
  for (double m : {1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.5}) {
    if (m * decade >= needed * (1.0 - 1e-12)) {
      end = m * decade;
      break;
    }
  }
  if (timeRange > 0.0 && lastStep <= timeRange) end = std::min(end, timeRange);
  return end;
}

}  // namespace losslab
