#include "losslab/curvature/lanczos_process.hpp"

#include <cmath>

namespace losslab {

LanczosProcess::LanczosProcess(CurvatureOperator& op, const Eigen::VectorXd& start, int maxSteps,
                               bool fullReorth)
    : op_(op),
      fullReorth_(fullReorth),
      maxSteps_(static_cast<int>(std::min<Index>(maxSteps, op.size()))),
      basis_(op.size(), fullReorth ? maxSteps_ : 0),
      alpha_(maxSteps_),
      beta_(maxSteps_),
      v_(start.normalized()),
      previous_(Eigen::VectorXd::Zero(op.size())) {
  if (start.size() != op.size() || !(start.norm() > 0))
    throw InputError("lanczos: the start vector must be a non-zero vector of the parameter count");
}

bool LanczosProcess::step(const TaskControl& control) {
  if (steps_ >= maxSteps_ || exhausted_) return false;
  control.checkStop();
  const int j = steps_;
  if (j > 0) {  // the residual of the previous step is the next Lanczos vector
    previous_ = v_;
    v_ = w_ / beta_[j - 1];
  }
  if (fullReorth_) basis_.col(j) = v_;
  op_.apply(v_, w_);
  alpha_[j] = v_.dot(w_);
  w_ -= alpha_[j] * v_;
  if (j > 0) w_ -= beta_[j - 1] * previous_;
  if (fullReorth_)
    for (int pass = 0; pass < 2; ++pass)
      w_ -= basis_.leftCols(j + 1) * (basis_.leftCols(j + 1).transpose() * w_);
  residual_ = w_.norm();
  beta_[j] = residual_;
  steps_ = j + 1;
  exhausted_ = residual_ <= 1e-12 * std::max(1.0, alpha_.head(steps_).cwiseAbs().maxCoeff());
  return true;
}

}  // namespace losslab
