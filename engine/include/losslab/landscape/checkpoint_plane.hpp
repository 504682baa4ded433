#pragma once
// Landscapes spanned by checkpoints rather than by chosen directions: the line from one
// checkpoint to another (linear interpolation, Goodfellow et al. 2015) and the plane through
// three of them (Garipov et al. 2018, "Loss Surfaces, Mode Connectivity, and Fast Ensembling").
#include <Eigen/Core>

#include "losslab/landscape/grid_axes.hpp"
#include "losslab/landscape/landscape_plane.hpp"

namespace losslab {

// theta(t) = (1 - t) theta1 + t theta2 = theta1 + t (theta2 - theta1): origin theta1, dir1 the
// difference to the other checkpoint. t = 0 is theta1, t = 1 is theta2.
LandscapePlane interpolationLine(const Eigen::VectorXd& theta1, const Eigen::VectorXd& theta2);
// The usual interpolation range, past both ends: t in [-0.5, 1.5].
// 41 points (steps of 0.05) put t = 0 and t = 1, the two checkpoints themselves, on the grid.
inline constexpr AxisRange kInterpolationRange{-0.5, 1.5, 41};

struct CheckpointPlane {
  LandscapePlane plane;  // origin w1, orthonormal dir1 and dir2
  // (alpha, beta) of w1, w2, w3 on the plane: (0, 0), (||w2 - w1||, 0), (<w3 - w1, u>, <w3 - w1, v>).
  double coordinates[3][2] = {};
};

// Garipov et al.'s construction: u = (w2 - w1) / ||w2 - w1||, v = the part of w3 - w1 orthogonal
// to u, normalised. Orthonormal axes keep distances and angles true in the picture. Throws
// InputError if the lengths differ or the three points are (numerically) on one line.
CheckpointPlane planeThroughCheckpoints(const Eigen::VectorXd& w1, const Eigen::VectorXd& w2,
                                        const Eigen::VectorXd& w3);

}  // namespace losslab
