#include "losslab/landscape/checkpoint_plane.hpp"

#include <algorithm>

#include "losslab/core/error.hpp"
#include "losslab/landscape/direction_normalization.hpp"

namespace losslab {
namespace {

void checkSameLength(const Eigen::VectorXd& a, const Eigen::VectorXd& b, const char* what) {
  if (a.size() != b.size())
    throw InputError(std::string(what) + ": the checkpoints have " + std::to_string(a.size()) +
                     " and " + std::to_string(b.size()) + " parameters; they must be of one network");
}

}  // namespace

LandscapePlane interpolationLine(const Eigen::VectorXd& theta1, const Eigen::VectorXd& theta2) {
  checkSameLength(theta1, theta2, "interpolation");
  return LandscapePlane{theta1, theta2 - theta1, {}};
}

CheckpointPlane planeThroughCheckpoints(const Eigen::VectorXd& w1, const Eigen::VectorXd& w2,
                                        const Eigen::VectorXd& w3) {
  checkSameLength(w1, w2, "checkpoint plane");
  checkSameLength(w1, w3, "checkpoint plane");
  const Eigen::VectorXd a = w2 - w1, b = w3 - w1;
  const Eigen::VectorXd v = orthogonalizedAgainst(b, a);
  // Relative to the points' spread, so that the test is independent of the weights' scale.
  if (!(a.norm() > 0) || !(v.norm() > 1e-10 * std::max(a.norm(), b.norm())))
    throw InputError("checkpoint plane: the three checkpoints lie on one line (or coincide), so "
                     "they span no plane");
  CheckpointPlane r;
  r.plane = LandscapePlane{w1, a.normalized(), v.normalized()};
  r.coordinates[1][0] = a.norm();
  r.coordinates[2][0] = b.dot(r.plane.dir1);
  r.coordinates[2][1] = b.dot(r.plane.dir2);
  return r;
}

}  // namespace losslab
