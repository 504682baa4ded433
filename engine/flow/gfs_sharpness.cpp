#include "losslab/flow/gfs_sharpness.hpp"

#include <memory>

#include "losslab/core/error.hpp"
#include "losslab/curvature/dense_curvature.hpp"
#include "losslab/curvature/top_eigenpairs.hpp"

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
  if (o.maxPolishSteps < 0) throw InputError("GFS sharpness: the descent steps must be >= 0");
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
  // Descent at rate 1/λmax, halved whenever a step raises the loss (λmax grew under it).
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
  r.gradNorm = grad.norm();
  r.converged = r.gradNorm <= o.gradientTolerance;
  r.sharpness = topEigenvalue(net, loss, r.solution, data, o.eigenTolerance, control);
  return r;
}

}  // namespace losslab
