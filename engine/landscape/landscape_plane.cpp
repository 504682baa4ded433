#include "losslab/landscape/landscape_plane.hpp"

#include "losslab/core/error.hpp"

namespace losslab {

void LandscapePlane::pointAt(double alpha, double beta, Eigen::VectorXd& out) const {
  if (isLine())
    out = origin + alpha * dir1;
  else
    out = origin + alpha * dir1 + beta * dir2;
}

void validatePlane(const LandscapePlane& plane, const Network& net, const std::string& what) {
  const Index p = net.parameterCount();
  auto check = [&](const Eigen::VectorXd& v, const char* name) {
    if (v.size() != p)
      throw InputError(what + ": " + name + " has " + std::to_string(v.size()) +
                       " numbers, but the network has " + std::to_string(p) +
                       " parameters (flat order of the model format)");
    if (!v.allFinite()) throw InputError(what + ": " + name + " contains NaN or infinite values");
  };
  check(plane.origin, "the origin");
  check(plane.dir1, "dir1");
  if (!plane.isLine()) check(plane.dir2, "dir2");
}

}  // namespace losslab
