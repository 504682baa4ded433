#pragma once
// Where a landscape lives in parameter space: an origin and one or two directions, all flat
// vectors in the spec's order. A point (alpha, beta) of the picture is the parameter vector
// origin + alpha * dir1 + beta * dir2 (a line when dir2 is empty).
#include <Eigen/Core>
#include <string>

#include "losslab/model/network/network.hpp"

namespace losslab {

struct LandscapePlane {
  Eigen::VectorXd origin, dir1, dir2;

  bool isLine() const { return dir2.size() == 0; }
  // origin + alpha * dir1 + beta * dir2, summed in that order (as PyTorch's p0 + a*u + b*w).
  void pointAt(double alpha, double beta, Eigen::VectorXd& out) const;
};

// Throws InputError if a vector's length is not the network's parameter count or a direction
// holds NaN or infinity; `what` names the source in the message (e.g. "--dirs dirs.json").
void validatePlane(const LandscapePlane& plane, const Network& net, const std::string& what);

}  // namespace losslab
