#include "losslab/curvature/eigenvalue_tracking.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>

#include "losslab/core/random.hpp"
#include "losslab/curvature/lanczos_process.hpp"

namespace losslab {

TrackedEigenpair trackTopEigenpair(CurvatureOperator& op, const Eigen::VectorXd& start,
                                   double tolerance, int maxSteps, std::uint64_t seed,
                                   const TaskControl& control) {
  Eigen::VectorXd v0 = start;
  if (v0.size() != op.size() || !(v0.norm() > 0)) {
    Rng rng(seed);
    v0 = Eigen::VectorXd::NullaryExpr(op.size(), [&] { return rng.normal(); });
  }
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
