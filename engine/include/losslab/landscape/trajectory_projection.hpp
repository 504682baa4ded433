#pragma once
// Drawing a training path over a landscape: each recorded parameter vector is mapped to the
// (alpha, beta) of the plane's point nearest to it, by least squares, min ||D c - (theta - o)||
// with D = [dir1 dir2] (the directions need not be orthogonal: filter-normalised ones are not).
#include <Eigen/Core>
#include <Eigen/QR>
#include <vector>

#include "losslab/landscape/landscape_plane.hpp"

namespace losslab {

struct PlaneCoordinates {
  double alpha = 0, beta = 0;
  double distance = 0;  // ||theta - nearest point of the plane||: how far off the picture it is
};

// The least-squares coordinates on one plane, factorised once: projecting a point costs O(P).
// Coordinates are affine in the point, so for another origin o' on the same directions
// c'(theta) = c(theta) - c(o') (what a live landscape uses as its centre moves).
class PlaneProjector {
 public:
  // Throws InputError if the directions are (numerically) parallel or zero.
  explicit PlaneProjector(const LandscapePlane& plane);
  // Throws InputError if the point's length differs from the origin's.
  PlaneCoordinates project(const Eigen::VectorXd& point) const;

 private:
  Eigen::VectorXd origin_;
  Eigen::MatrixXd directions_;
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr_;
};

// Throws InputError if a point's length differs from the origin's, or the directions are
// (numerically) parallel or zero, so that coordinates are not defined.
std::vector<PlaneCoordinates> projectOntoPlane(const std::vector<Eigen::VectorXd>& points,
                                               const LandscapePlane& plane);

}  // namespace losslab
