#include "losslab/flow/gradient_flow.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "losslab/core/error.hpp"

namespace losslab {

namespace {
// The Dormand–Prince tableau: stage times c, stage weights a (row i for stage i + 1), the
// fifth-order weights b (the seventh stage's row: first same as last) and b − b̂, the
// difference to the embedded fourth-order solution, which estimates the step's error.
constexpr double c[7] = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1};
constexpr double a[7][6] = {
    {},
    {1.0 / 5},
    {3.0 / 40, 9.0 / 40},
    {44.0 / 45, -56.0 / 15, 32.0 / 9},
    {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
    {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
    {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}};
constexpr double e[7] = {71.0 / 57600,      0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200,
                         22.0 / 525, -1.0 / 40};
// Step-size control (Hairer, Nørsett & Wanner, II.4): a safety factor and the bounds of a change.
constexpr double kSafety = 0.9, kMinFactor = 0.2, kMaxFactor = 5.0;
}  // namespace

double flowErrorNorm(const Eigen::VectorXd& error, const Eigen::VectorXd& from, const Eigen::VectorXd& to,
                     const FlowOptions& o) {
  const Eigen::ArrayXd scale = o.atol + o.rtol * from.array().abs().max(to.array().abs());
  return std::sqrt((error.array() / scale).square().mean());
}

GradientFlow::GradientFlow(LossGradient lossGradient, Eigen::VectorXd theta0, FlowOptions options)
    : f_(std::move(lossGradient)), o_(options), theta_(std::move(theta0)) {
  if (!(o_.rtol > 0) || !(o_.atol > 0)) throw InputError("gradient flow: rtol and atol must be > 0");
  loss_ = evaluate(theta_, grad_);
  // The first step (Hairer et al., II.4): a hundredth of |θ| / |θ'| in the error's own scale.
  const Eigen::ArrayXd scale = o_.atol + o_.rtol * theta_.array().abs();
  const double d0 = std::sqrt((theta_.array() / scale).square().mean());
  const double d1 = std::sqrt((grad_.array() / scale).square().mean());
  h_ = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
}

GradientFlow::GradientFlow(LossGradient lossGradient, double t, Eigen::VectorXd theta, double h, FlowOptions options)
    : f_(std::move(lossGradient)), o_(options), t_(t), h_(h), theta_(std::move(theta)) {
  if (!(o_.rtol > 0) || !(o_.atol > 0)) throw InputError("gradient flow: rtol and atol must be > 0");
  if (!(t >= 0) || !std::isfinite(t)) throw InputError("gradient flow: the time must be finite and >= 0");
  if (!(h > 0) || !std::isfinite(h)) throw InputError("gradient flow: the step size must be finite and > 0");
  loss_ = evaluate(theta_, grad_);
}

double GradientFlow::evaluate(const Eigen::VectorXd& theta, Eigen::VectorXd& grad) {
  if (gradients_ >= o_.maxGradients)
    throw InputError("gradient flow: the budget of " + std::to_string(o_.maxGradients) +
                     " gradient evaluations ran out at t = " + std::to_string(t_));
  ++gradients_;
  return f_(theta, grad);
}

bool GradientFlow::attempt(double h) {
  const Index n = theta_.size();
  k_[0] = -grad_;  // first same as last: the gradient at the state is known
  for (int i = 1; i < 7; ++i) {
    stage_ = theta_;
    for (int j = 0; j < i; ++j)
      if (a[i][j] != 0) stage_.noalias() += (h * a[i][j]) * k_[j];
    if (i == 6) next_ = stage_;  // the seventh stage sits at the fifth-order solution
    Eigen::VectorXd& g = i == 6 ? nextGrad_ : k_[i];
    const double value = evaluate(stage_, g);
    k_[i] = -g;
    if (i == 6) nextLoss_ = value;
  }
  if (!std::isfinite(nextLoss_) || !next_.allFinite() || !nextGrad_.allFinite()) {
    h_ = h * kMinFactor;  // the step left the finite numbers: far too large
    return false;
  }
  Eigen::VectorXd error = Eigen::VectorXd::Zero(n);
  for (int i = 0; i < 7; ++i)
    if (e[i] != 0) error.noalias() += (h * e[i]) * k_[i];
  const double norm = flowErrorNorm(error, theta_, next_, o_);
  const double factor = norm == 0 ? kMaxFactor : std::clamp(kSafety * std::pow(norm, -0.2), kMinFactor, kMaxFactor);
  if (!(norm <= 1.0)) {
    h_ = h * std::min(1.0, factor);
    return false;
  }
  theta_.swap(next_);
  grad_.swap(nextGrad_);
  loss_ = nextLoss_;
  t_ += h;
  h_ = h * factor;
  return true;
}

void GradientFlow::step(const TaskControl& control) {
  for (;;) {
    control.checkStop();
    if (attempt(h_)) {
      ++accepted_;
      return;
    }
    ++rejected_;
    if (!(h_ > 1e-300)) throw InputError("gradient flow: the step size underflowed at t = " + std::to_string(t_));
  }
}

void GradientFlow::advanceTo(double t, const TaskControl& control) {
  if (t < t_) throw InputError("gradient flow: cannot integrate back from t = " + std::to_string(t_) + " to " + std::to_string(t));
  while (t_ < t) {
    control.checkStop();
    const double remaining = t - t_;
    const double free = h_;  // the step the control chose, restored after a step cut to land on t
    if (remaining <= h_) {
      if (attempt(remaining)) {
        ++accepted_;
        t_ = t;  // exactly, not t_ + remaining rounded
        h_ = std::max(h_, free);
        return;
      }
      ++rejected_;
      continue;
    }
    step(control);
  }
}

}  // namespace losslab
