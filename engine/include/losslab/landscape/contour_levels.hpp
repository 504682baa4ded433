#pragma once
// Where to draw contour lines of a landscape: equally spaced levels in the value or in its
// logarithm (loss landscapes span decades, so log spacing is the useful default for them).
#include <Eigen/Core>
#include <limits>
#include <vector>

namespace losslab {

enum class LevelSpacing { Linear, Log };

struct ContourLevels {
  std::vector<double> levels;  // ascending
  // Values left out: a log scale has no place for loss <= 0, NaN and infinity have none anywhere.
  Eigen::Index skippedNonPositive = 0;
  Eigen::Index skippedNonFinite = 0;
};

// The values a colour scale, an axis or contour levels can show: finite ones, and under Log
// only positive ones (a log scale has no place for loss <= 0). lo > hi (NaN) when none is.
struct FieldRange {
  double lo = std::numeric_limits<double>::quiet_NaN(), hi = lo;
  Eigen::Index skippedNonPositive = 0;  // Log only
  Eigen::Index skippedNonFinite = 0;
  bool empty() const { return !(lo <= hi); }
};
FieldRange usableRange(const Eigen::MatrixXd& field, LevelSpacing spacing);

// `count` levels strictly between the smallest and largest usable value of `field`, equally
// spaced (in log10 for Log, over the positive values only). Empty when fewer than two distinct
// usable values exist, e.g. a log scale over a field with no positive value.
ContourLevels contourLevels(const Eigen::MatrixXd& field, int count, LevelSpacing spacing);

}  // namespace losslab
