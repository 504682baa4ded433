#pragma once
// The exact Hessian (or Gauss-Newton matrix) of the mean training loss, column by column from
// exact matrix-vector products, and its full spectrum. For small networks: every iterative
// curvature estimate is tested against it, and the window shows it.
#include <Eigen/Core>

#include "losslab/curvature/curvature_operator.hpp"

namespace losslab {

// Largest parameter count for which a dense matrix is formed (4000^2 doubles = 128 MB).
constexpr Index kDenseCurvatureMaxParameters = 4000;

// Throws InputError, naming the limit, when a dense matrix of `parameters` is not formed: a
// request is refused before any work, not after the other probes asked with it.
void checkDenseCurvatureSize(Index parameters);

// Symmetric P x P matrix (the rounding asymmetry is averaged out), for any network (an
// Architecture converts). Throws InputError above kDenseCurvatureMaxParameters.

Eigen::MatrixXd denseCurvature(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                               const Samples<double>& data,
                               CurvatureKind kind = CurvatureKind::Hessian,
                               const TaskControl& control = {});

// The square block of rows and columns [offset, offset + size) of the same matrix: `size`
// products (one per column), each column's other rows dropped, so a block of a large network
// costs its own size in memory. The whole network's size is not limited; the block's is.
Eigen::MatrixXd denseCurvatureBlock(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                                    const Samples<double>& data, Index offset, Index size,
                                    CurvatureKind kind = CurvatureKind::Hessian,
                                    const TaskControl& control = {});

// All eigenvalues, ascending.

Eigen::VectorXd denseSpectrum(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                              const Samples<double>& data,
                              CurvatureKind kind = CurvatureKind::Hessian,
                              const TaskControl& control = {});

}  // namespace losslab
