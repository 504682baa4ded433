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

// One product per call: the Rayleigh quotient v^T H v of the start, and H v / ||H v|| as the
// next start, i.e. power iteration carried across training steps. Cheap enough for every step;
// it converges over steps to the eigenvalue of largest magnitude (lambda_max where sharpness
// dominates, as at the edge of stability). `converged`: residual ||Hv - lambda v|| <=
// tolerance |lambda|, which bounds the eigenvalue's error.
TrackedEigenpair streamTopEigenpair(CurvatureOperator& op, const Eigen::VectorXd& start,
                                    double tolerance = 1e-6, std::uint64_t seed = 0);
// The same from a product computed elsewhere (fused with the training step's gradient):
// v of unit norm and hv = H v.
TrackedEigenpair streamFromProduct(const Eigen::VectorXd& v, const Eigen::VectorXd& hv, double tolerance);
// A tracker's starting vector of unit norm: `start` when it has n entries and is nonzero,
// otherwise a seeded Gaussian one.
Eigen::VectorXd startingVector(Index n, const Eigen::VectorXd& start, std::uint64_t seed);

}  // namespace losslab
