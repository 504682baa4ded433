#include "losslab/curvature/eigenvalue_tracking.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>

#include "losslab/core/random.hpp"
#include "losslab/curvature/lanczos_process.hpp"

namespace losslab {

Eigen::VectorXd startingVector(Index n, const Eigen::VectorXd& start, std::uint64_t seed) {
  if (start.size() == n && start.norm() > 0) return start.normalized();
  Rng rng(seed);
  return Eigen::VectorXd::NullaryExpr(n, [&] { return rng.normal(); }).normalized();
}

TrackedEigenpair streamFromProduct(const Eigen::VectorXd& v, const Eigen::VectorXd& hv, double tolerance) {
  TrackedEigenpair r;
  r.value = v.dot(hv);
  r.products = 1;
  r.converged = (hv - r.value * v).norm() <= tolerance * std::max(std::abs(r.value), 1e-300);
  const double n = hv.norm();
  r.vector = n > 0 ? Eigen::VectorXd(hv / n) : v;
  return r;
}

TrackedEigenpair streamTopEigenpair(CurvatureOperator& op, const Eigen::VectorXd& start,
                                    double tolerance, std::uint64_t seed) {
  const Eigen::VectorXd v = startingVector(op.size(), start, seed);
  Eigen::VectorXd hv;
  op.apply(v, hv);
  return streamFromProduct(v, hv, tolerance);
}

TrackedEigenpair trackTopEigenpair(CurvatureOperator& op, const Eigen::VectorXd& start,
                                   double tolerance, int maxSteps, std::uint64_t seed,
                                   const TaskControl& control) {
  const Eigen::VectorXd v0 = startingVector(op.size(), start, seed);
  const long before = op.products();
  LanczosProcess lanczos(op, v0, maxSteps, true);
  TrackedEigenpair r;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> t;
  while (lanczos.step(control)) {
    const Eigen::VectorXd alpha = lanczos.alpha(), beta = lanczos.beta();
    t.computeFromTridiagonal(alpha, beta, Eigen::ComputeEigenvectors);
    const Index top = alpha.size() - 1;  // eigenvalues ascending
    r.value = t.eigenvalues()[top];
    const double bound = lanczos.residualNorm() * std::abs(t.eigenvectors()(top, top));
    r.converged = bound <= tolerance * std::max(std::abs(r.value), 1e-300);
    if (r.converged) break;
  }
  const Index top = lanczos.steps() - 1;
  if (!r.converged && lanczos.residualNorm() <= 1e-12 * std::max(1.0, std::abs(r.value))) r.converged = true;
  r.vector = (lanczos.basis() * t.eigenvectors().col(top)).normalized();
  r.products = op.products() - before;
  return r;
}

}  // namespace losslab
