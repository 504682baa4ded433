#pragma once
// The exact Hessian of the mean training loss, column by column from exact Hessian-vector
// products. For small networks: every iterative curvature estimate is tested against it.
#include <Eigen/Core>

#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/architecture.hpp"
#include "losslab/model/samples.hpp"

namespace losslab {

// Largest parameter count for which a dense Hessian is formed (4000^2 doubles = 128 MB).
constexpr Index kDenseHessianMaxParameters = 4000;

// Symmetric P x P matrix (the tiny asymmetry of rounding is averaged out). Throws InputError
// above kDenseHessianMaxParameters.
Eigen::MatrixXd denseHessian(const Architecture& arch, LossKind loss, const Eigen::VectorXd& theta,
                             const Samples<double>& data);

}  // namespace losslab
