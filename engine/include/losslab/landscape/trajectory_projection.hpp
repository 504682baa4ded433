#pragma once
// Drawing a training path over a landscape: each recorded parameter vector is mapped to the
// (alpha, beta) of the plane's point nearest to it, by least squares, min ||D c - (theta - o)||
// with D = [dir1 dir2] (the directions need not be orthogonal: filter-normalised ones are not).
#include <Eigen/Core>
#include <vector>

#include "losslab/landscape/landscape_plane.hpp"

namespace losslab {

struct PlaneCoordinates {
  double alpha = 0, beta = 0;
  double distance = 0;  // ||theta - nearest point of the plane||: how far off the picture it is
};

// Throws InputError if a point's length differs from the origin's, or the directions are
// (numerically) parallel or zero, so that coordinates are not defined.
std::vector<PlaneCoordinates> projectOntoPlane(const std::vector<Eigen::VectorXd>& points,
                                               const LandscapePlane& plane);

}  // namespace losslab
