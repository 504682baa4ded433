#include "losslab/flow/krylov_flow_step.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "losslab/curvature/lanczos_process.hpp"

namespace losslab {

namespace {
// τ φ₁(−τλ) = (1 − e^{−λτ})/λ, and τ at λ = 0 (its limit; a series where the quotient cancels).
double phi(double lambda, double tau) {
  const double z = lambda * tau;
  if (std::abs(z) < 1e-8) return tau * (1.0 - 0.5 * z);
  return -std::expm1(-z) / lambda;
}
}  // namespace

KrylovFlowStep::KrylovFlowStep(CurvatureOperator& h, const Eigen::VectorXd& g, double tau, int maxDimension,
                               double tolerance, const TaskControl& control) {
  norm_ = g.norm();
  basis_ = Eigen::MatrixXd(g.size(), 0);
  if (norm_ == 0) return;
  // Full reorthogonalisation: the small Ritz values that decide the long-time flow must not be
  // ghosts of the large ones.
  LanczosProcess lanczos(h, g, std::max(1, maxDimension), true);
  Eigen::VectorXd previous;
  for (;;) {
    const bool more = lanczos.step(control);
    if (more && lanczos.steps() % 10 != 0) continue;
    const int m = lanczos.steps();
    Eigen::MatrixXd t = Eigen::MatrixXd::Zero(m, m);
    t.diagonal() = lanczos.alpha();
    t.diagonal(1) = t.diagonal(-1) = lanczos.beta();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(t);
    basis_ = lanczos.basis();
    ritzValues_ = eig.eigenvalues();
    ritzVectors_ = eig.eigenvectors();
    if (!more) return;  // the dimension cap, or an invariant subspace (then exact)
    const Eigen::VectorXd c = coefficients(tau);
    if (previous.size() > 0) {
      Eigen::VectorXd before = Eigen::VectorXd::Zero(m);
      before.head(previous.size()) = previous;
      if ((c - before).norm() <= tolerance * c.norm()) return;
    }
    previous = c;
  }
}

Eigen::VectorXd KrylovFlowStep::coefficients(double tau) const {
  const Index m = ritzValues_.size();
  Eigen::VectorXd c(m);
  for (Index i = 0; i < m; ++i) c[i] = phi(ritzValues_[i], tau) * ritzVectors_(0, i);
  return norm_ * (ritzVectors_ * c);
}

Eigen::VectorXd KrylovFlowStep::displacement(double tau) const {
  if (basis_.cols() == 0) return Eigen::VectorXd::Zero(basis_.rows());
  return basis_ * coefficients(tau);
}

}  // namespace losslab
