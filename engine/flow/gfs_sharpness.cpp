#include "losslab/flow/gfs_sharpness.hpp"

#include <memory>

#include "losslab/core/error.hpp"
#include "losslab/curvature/dense_curvature.hpp"
#include "losslab/curvature/top_eigenpairs.hpp"
#include "losslab/flow/krylov_flow_step.hpp"

#include <algorithm>
#include <cmath>

namespace losslab {

namespace {
// Small enough to form H densely at the end point (exact, and Lanczos needs a few dimensions).
constexpr Index kDenseGfsParameters = 200;

double topEigenvalue(const Network& net, const Loss& loss, const Eigen::VectorXd& theta, const Samples<double>& data,
                     double tolerance, const TaskControl& control) {
  if (net.parameterCount() <= kDenseGfsParameters)
    return denseSpectrum(net, loss, theta, data, CurvatureKind::Hessian, {control.stop, {}}).maxCoeff();
  CurvatureOperator op(net, loss, theta, data);
  EigenOptions e;
  e.tolerance = tolerance;
  return extremeEigenpairs(op, e, {control.stop, {}}).values[0];
}
// Krylov dimensions for φ₁: enough for a small network's whole spectrum, fewer where the basis
// would pass 160 MB.
int krylovDimension(Index parameters) {
  return int(std::clamp<double>(2e7 / double(std::max<Index>(parameters, 1)), 20.0, 150.0));
}
// The flow on from r.solution (gradient `grad`) by exponential Rosenbrock–Euler steps, τ from
// step doubling: the order-2 step's local error is about (two half steps − one step)/3
// (Richardson), kept under the flow's own tolerance.
void continueExponentially(const Network& net, const Loss& loss, const Samples<double>& data, const LossGradient& f,
                           const GfsOptions& o, double firstStep, Eigen::VectorXd& grad, GfsSharpness& r,
                           const TaskControl& control) {
  if (o.maxExponentialSteps <= 0 || grad.norm() <= o.gradientTolerance) return;
  auto samples = std::make_shared<const Samples<double>>(data);
  CurvatureOperator h(net, loss, r.solution, samples, CurvatureKind::Hessian);
  const int dimension = krylovDimension(r.solution.size());
  double tau = 4.0 * std::max(firstStep, 1e-6);
  Eigen::VectorXd halfGrad, next, nextGrad;
  for (long attempts = 0; grad.norm() > o.gradientTolerance && r.exponentialSteps < o.maxExponentialSteps &&
                          r.time < o.maxTime && attempts < 4 * o.maxExponentialSteps;
       ++attempts) {
    h.setParameters(r.solution);
    const KrylovFlowStep here(h, grad, tau, dimension, 1e-10, control);
    const Eigen::VectorXd whole = r.solution - here.displacement(tau);
    const Eigen::VectorXd half = r.solution - here.displacement(0.5 * tau);
    f(half, halfGrad);
    ++r.gradients;
    h.setParameters(half);
    const KrylovFlowStep there(h, halfGrad, 0.5 * tau, dimension, 1e-10, control);
    next = half - there.displacement(0.5 * tau);
    const double value = f(next, nextGrad);
    ++r.gradients;
    const double error = std::isfinite(value) && next.allFinite()
                             ? flowErrorNorm((next - whole) / 3.0, r.solution, next, o.flow)
                             : INFINITY;
    const double factor = error == 0 ? 5.0 : std::clamp(0.9 * std::pow(error, -1.0 / 3.0), 0.2, 5.0);
    if (error <= 1.0 && value <= r.loss) {
      r.solution.swap(next), grad.swap(nextGrad);
      r.loss = value;
      r.time += tau;
      ++r.exponentialSteps;
      tau *= factor;
    } else {
      tau *= std::min(factor, 0.5);
    }
  }
}

// What is left: descent at rate 1/λmax, halved whenever a step raises the loss (λmax grew under it).
void finishByDescent(const Network& net, const Loss& loss, const Samples<double>& data, const LossGradient& f,
                     const GfsOptions& o, Eigen::VectorXd& grad, GfsSharpness& r, const TaskControl& control) {
  double rate = 0;
  Eigen::VectorXd next, nextGrad;
  while (grad.norm() > o.gradientTolerance && r.polishSteps < o.maxPolishSteps && r.time < o.maxTime) {
    control.checkStop();
    if (rate == 0) rate = 1.0 / topEigenvalue(net, loss, r.solution, data, o.eigenTolerance, control);
    next = r.solution - rate * grad;
    const double value = f(next, nextGrad);
    ++r.gradients;
    if (!(value <= r.loss)) {
      rate *= 0.5;
      continue;
    }
    r.solution.swap(next), grad.swap(nextGrad);
    r.loss = value;
    r.time += rate;
    ++r.polishSteps;
  }
}
}  // namespace

LossGradient networkLossGradient(const Network& net, const Loss& loss, const Samples<double>& data) {
  auto objective = std::make_shared<Objective<double>>(net, loss);
  objective->checkCompatible(data);
  auto samples = std::make_shared<const Samples<double>>(data);
  return [objective, samples](const Eigen::VectorXd& theta, Eigen::VectorXd& grad) {
    return objective->lossAndGradient(theta, *samples, grad);
  };
}

GfsSharpness gfsSharpness(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                          const Samples<double>& data, const GfsOptions& o, const TaskControl& control) {
  if (!(o.gradientTolerance > 0)) throw InputError("GFS sharpness: the gradient tolerance must be > 0");
  if (!(o.maxTime > 0)) throw InputError("GFS sharpness: the longest flow time must be > 0");
  if (theta.size() != net.parameterCount())
    throw InputError("GFS sharpness: " + std::to_string(theta.size()) + " parameters for a network of " +
                     std::to_string(net.parameterCount()));
  if (o.maxPolishSteps < 0 || o.maxExponentialSteps < 0)
    throw InputError("GFS sharpness: the exponential and descent steps must be >= 0");
  const LossGradient f = networkLossGradient(net, loss, data);
  GradientFlow flow(f, theta, o.flow);
  // The flow until its gradient stops falling: by a factor 2 at least every 50 steps.
  double checkpoint = flow.gradient().norm();
  for (long steps = 1; flow.gradient().norm() > o.gradientTolerance && flow.time() < o.maxTime; ++steps) {
    flow.step(control);
    if (steps % 50 != 0) continue;
    if (flow.gradient().norm() > 0.5 * checkpoint) break;
    checkpoint = flow.gradient().norm();
  }
  GfsSharpness r;
  r.solution = flow.state();
  r.time = flow.time();
  r.loss = flow.loss();
  Eigen::VectorXd grad = flow.gradient();
  r.gradients = flow.gradients();
  continueExponentially(net, loss, data, f, o, flow.stepSize(), grad, r, control);
  finishByDescent(net, loss, data, f, o, grad, r, control);
  r.gradNorm = grad.norm();
  r.converged = r.gradNorm <= o.gradientTolerance;
  r.sharpness = topEigenvalue(net, loss, r.solution, data, o.eigenTolerance, control);
  return r;
}

}  // namespace losslab
