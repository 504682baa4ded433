// Curvature workloads: hvp, top-eigs and slq-density on the train-spiral model at init over its
// full data set, float64 (shared/BENCHMARKS.md).
#include <chrono>
#include <functional>

#include "bench_workloads.hpp"
#include "losslab/core/random.hpp"
#include "losslab/curvature/spectral_density.hpp"
#include "losslab/curvature/top_eigenpairs.hpp"
#include "losslab/run/trainer.hpp"

namespace losslab::cli {

namespace {

CurvatureOperator spiralHessian() {
  auto trainer = Trainer::create(spiralBenchConfig());
  return CurvatureOperator(trainer->network(), trainer->config().loss, trainer->parameters(),
                           toSamples<double>(trainer->data().train));
}

double seconds(const std::function<void()>& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

nlohmann::json benchHvp() {
  CurvatureOperator op = spiralHessian();
  Rng rng(0);
  const Eigen::VectorXd v = Eigen::VectorXd::NullaryExpr(op.size(), [&] { return rng.normal(); });
  Eigen::VectorXd hv;
  return {{"value", timedRate([&] { op.apply(v, hv); })}, {"unit", "hvp/s"}};
}

nlohmann::json benchTopEigs() {
  CurvatureOperator op = spiralHessian();
  EigenOptions o;
  o.k = 5;
  o.tolerance = 1e-6;
  Eigenpairs result;
  const double s = seconds([&] { result = extremeEigenpairs(op, o); });
  return {{"value", s}, {"unit", "s"}, {"products", result.products}, {"converged", result.converged}};
}

nlohmann::json benchSlqDensity() {
  CurvatureOperator op = spiralHessian();
  DensityOptions o;  // 5 runs x 80 steps, full reorthogonalisation
  o.runs = 5;
  o.steps = 80;
  o.fullReorthogonalization = true;
  const double s = seconds([&] { spectralDensity(op, o); });
  return {{"value", s}, {"unit", "s"}};
}

}  // namespace losslab::cli
