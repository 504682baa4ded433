#include "losslab/landscape/trajectory_projection.hpp"

#include "losslab/core/error.hpp"

namespace losslab {

PlaneProjector::PlaneProjector(const LandscapePlane& plane)
    : origin_(plane.origin), directions_(plane.origin.size(), plane.isLine() ? 1 : 2) {
  directions_.col(0) = plane.dir1;
  if (!plane.isLine()) directions_.col(1) = plane.dir2;
  qr_.compute(directions_);
  if (qr_.rank() < directions_.cols())
    throw InputError("trajectory projection: the plane's directions are zero or parallel, so "
                     "points have no coordinates on it");
}

PlaneCoordinates PlaneProjector::project(const Eigen::VectorXd& point) const {
  if (point.size() != origin_.size())
    throw InputError("trajectory projection: a point has " + std::to_string(point.size()) +
                     " parameters, the plane " + std::to_string(origin_.size()));
  const Eigen::VectorXd offset = point - origin_;
  const Eigen::VectorXd c = qr_.solve(offset);
  return {c[0], directions_.cols() == 2 ? c[1] : 0.0, (directions_ * c - offset).norm()};
}

std::vector<PlaneCoordinates> projectOntoPlane(const std::vector<Eigen::VectorXd>& points,
                                               const LandscapePlane& plane) {
  const PlaneProjector projector(plane);
  std::vector<PlaneCoordinates> out;
  out.reserve(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    if (points[i].size() != plane.origin.size())
      throw InputError("trajectory projection: point " + std::to_string(i) + " has " +
                       std::to_string(points[i].size()) + " parameters, the plane " +
                       std::to_string(plane.origin.size()));
    out.push_back(projector.project(points[i]));
  }
  return out;
}

}  // namespace losslab
