#include "losslab/landscape/trajectory_projection.hpp"

#include <Eigen/QR>

#include "losslab/core/error.hpp"

namespace losslab {

std::vector<PlaneCoordinates> projectOntoPlane(const std::vector<Eigen::VectorXd>& points,
                                               const LandscapePlane& plane) {
  const Index p = plane.origin.size();
  const int k = plane.isLine() ? 1 : 2;
  Eigen::MatrixXd d(p, k);
  d.col(0) = plane.dir1;
  if (k == 2) d.col(1) = plane.dir2;
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(d);
  if (qr.rank() < k)
    throw InputError("trajectory projection: the plane's directions are zero or parallel, so "
                     "points have no coordinates on it");
  std::vector<PlaneCoordinates> out;
  out.reserve(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    if (points[i].size() != p)
      throw InputError("trajectory projection: point " + std::to_string(i) + " has " +
                       std::to_string(points[i].size()) + " parameters, the plane " + std::to_string(p));
    const Eigen::VectorXd offset = points[i] - plane.origin;
    const Eigen::VectorXd c = qr.solve(offset);
    out.push_back({c[0], k == 2 ? c[1] : 0.0, (d * c - offset).norm()});
  }
  return out;
}

}  // namespace losslab
