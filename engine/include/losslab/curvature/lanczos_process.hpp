#pragma once
// The Lanczos three-term recurrence on a curvature operator, one step at a time, with optional
// full reorthogonalisation ("twice is enough"). Builds the tridiagonal T = tridiag(beta, alpha,
// beta) whose eigenvalues are the Ritz values; used by the spectral density and by eigenvalue
// tracking during training.
#include <Eigen/Core>

#include "losslab/core/task_control.hpp"
#include "losslab/curvature/curvature_operator.hpp"

namespace losslab {

class LanczosProcess {
 public:
  LanczosProcess(CurvatureOperator& op, const Eigen::VectorXd& start, int maxSteps, bool fullReorth);
  // One more Lanczos vector. False (and nothing done) once maxSteps are taken or the Krylov
  // space is exhausted (an invariant subspace: the Ritz values are then exact).
  bool step(const TaskControl& control = {});
  int steps() const { return steps_; }
  Eigen::VectorXd alpha() const { return alpha_.head(steps_); }
  Eigen::VectorXd beta() const { return beta_.head(std::max(0, steps_ - 1)); }
  double residualNorm() const { return residual_; }  // beta_{m+1}: ||r|| after the last step
  // The Lanczos vectors (full reorthogonalisation only), n x steps.
  auto basis() const { return basis_.leftCols(steps_); }

 private:
  CurvatureOperator& op_;
  bool fullReorth_;
  int maxSteps_, steps_ = 0;
  bool exhausted_ = false;
  Eigen::MatrixXd basis_;
  Eigen::VectorXd alpha_, beta_, v_, previous_, w_;
  double residual_ = 0.0;
};

}  // namespace losslab
