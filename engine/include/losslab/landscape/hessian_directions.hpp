#pragma once
// The plane of the two sharpest directions: the unit eigenvectors of the Hessian's two largest
// eigenvalues at the current parameters (as in PyHessian's 2-D plots, Yao et al. 2020).
#include <Eigen/Core>

#include "losslab/core/task_control.hpp"
#include "losslab/curvature/curvature_operator.hpp"

namespace losslab {

struct EigenDirections {
  Eigen::VectorXd dir1, dir2;  // unit vectors, for lambda1 >= lambda2
  double lambda1 = 0, lambda2 = 0;
  bool converged = false;
};

// Lanczos on exact Hessian-vector products (curvature/top_eigenpairs). An eigenvector's sign is
// arbitrary; we fix it so that its entry of largest magnitude is positive, so the same model gives
// the same picture every time. Throws InputError for networks with fewer than 3 parameters.
EigenDirections hessianEigenDirections(CurvatureOperator& hessian, double tolerance = 1e-8,
                                       const TaskControl& control = {});

}  // namespace losslab
