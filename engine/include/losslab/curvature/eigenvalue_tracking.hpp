#pragma once
// The top eigenpair of a slowly changing curvature operator, followed during training: Lanczos
// started from the previous step's eigenvector stops as soon as the Ritz pair's residual bound
// beta_m |s_m| falls below tolerance * |lambda| (the same test ARPACK and Spectra use), which
// from a good start takes a handful of products instead of a cold solve's dozens.
#include <Eigen/Core>

#include "losslab/curvature/curvature_operator.hpp"

namespace losslab {

struct TrackedEigenpair {
  double value = 0.0;
  Eigen::VectorXd vector;  // unit; feed it back as the next start
  long products = 0;
  bool converged = false;
};

// `start` may be empty (a seeded random start). maxSteps bounds the Krylov dimension.
TrackedEigenpair trackTopEigenpair(CurvatureOperator& op, const Eigen::VectorXd& start,
                                   double tolerance = 1e-6, int maxSteps = 80,
                                   std::uint64_t seed = 0, const TaskControl& control = {});

}  // namespace losslab
