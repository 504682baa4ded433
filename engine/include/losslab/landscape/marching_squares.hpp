#pragma once
// Contour lines of a gridded field by marching squares (Lorensen & Cline's cube cases in 2-D),
// joined into polylines, computed in the engine so they can be tested without a display.
#include <Eigen/Core>
#include <vector>

#include "losslab/landscape/contour_levels.hpp"

namespace losslab {

using Polyline = std::vector<Eigen::Vector2d>;  // (x, y) points; closed ones end on their start

struct ContourLine {
  double level = 0;
  std::vector<Polyline> polylines;
};

struct ContourSet {
  std::vector<ContourLine> lines;  // one per level, in the order asked
  Eigen::Index skippedNonPositive = 0;  // Log: field values <= 0, treated as gaps
};

// field(i, j) is the value at (xs[i], ys[j]). A cell with a NaN or infinite corner (or, under Log,
// a corner <= 0) is a gap: no segment passes through it, and lines end at its border. Under Log
// the crossing points are interpolated in log10 of the values (where they sit on a log colour
// scale) and levels <= 0 give no line. Saddle cells are resolved by the cell's centre value
// (mean of its corners). Throws InputError if the axes do not match the field's shape.
ContourSet contourLines(const std::vector<double>& xs, const std::vector<double>& ys,
                        const Eigen::MatrixXd& field, const std::vector<double>& levels,
                        LevelSpacing spacing = LevelSpacing::Linear);

}  // namespace losslab
