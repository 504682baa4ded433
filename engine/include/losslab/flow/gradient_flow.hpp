#pragma once
// Gradient flow dθ/dt = −∇L(θ), the continuous-time limit gradient descent departs from (Cohen
// et al. 2021 compare the two with their flow.py), integrated by the Dormand–Prince 5(4) pair
// (Dormand & Prince 1980; scipy's RK45) with local error control: each step's error estimate is
// kept under atol + rtol·|θ| per parameter, in the root-mean-square norm, as scipy does.
#include <Eigen/Core>
#include <functional>

#include "losslab/core/task_control.hpp"
#include "losslab/core/types.hpp"

namespace losslab {

// The loss at θ, and its gradient into `grad`.
using LossGradient = std::function<double(const Eigen::VectorXd& theta, Eigen::VectorXd& grad)>;

struct FlowOptions {
  double rtol = 1e-7, atol = 1e-10;  // per-step local error, relative and absolute
  long maxGradients = 10'000'000;    // a budget of gradient evaluations (InputError past it)
};

// A step's error in the integrator's norm: root mean square of error / (atol + rtol·max(|from|, |to|))
// per parameter, as scipy's RK45; at most 1 is within tolerance.
double flowErrorNorm(const Eigen::VectorXd& error, const Eigen::VectorXd& from, const Eigen::VectorXd& to,
                     const FlowOptions& options);

class GradientFlow {
 public:
  GradientFlow(LossGradient lossGradient, Eigen::VectorXd theta0, FlowOptions options = {});
  // Resumes a flow that stood at `theta` at time t with next step size h (a saved FlowPoint): it
  // goes on exactly as the uninterrupted flow would.
  GradientFlow(LossGradient lossGradient, double t, Eigen::VectorXd theta, double h, FlowOptions options = {});

  // Integrates on to time t (>= time()), landing on t exactly. Throws Cancelled on a stop, and
  // InputError if the budget of gradients runs out or the flow leaves the finite numbers.
  void advanceTo(double t, const TaskControl& control = {});
  // One step of the size the error control chose (for integrating to convergence).
  void step(const TaskControl& control = {});

  double time() const { return t_; }
  double stepSize() const { return h_; }  // the next step the error control chose
  const Eigen::VectorXd& state() const { return theta_; }
  double loss() const { return loss_; }
  // ∇L at state() (from the step's last stage: no extra evaluation).
  const Eigen::VectorXd& gradient() const { return grad_; }
  long gradients() const { return gradients_; }
  long acceptedSteps() const { return accepted_; }
  long rejectedSteps() const { return rejected_; }

 private:
  bool attempt(double h);  // one Dormand–Prince step of size h; true if accepted
  double evaluate(const Eigen::VectorXd& theta, Eigen::VectorXd& grad);

  LossGradient f_;
  FlowOptions o_;
  double t_ = 0.0, h_ = 0.0, loss_ = 0.0, nextLoss_ = 0.0;
  Eigen::VectorXd theta_, grad_;
  Eigen::VectorXd k_[7], stage_, next_, nextGrad_;
  long gradients_ = 0, accepted_ = 0, rejected_ = 0;
};

}  // namespace losslab
