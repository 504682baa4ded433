#include "losslab/flow/krylov_flow_step.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>

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
  const Index n = g.size();
  norm_ = g.norm();
  const int most = int(std::min<Index>(n, std::max(1, maxDimension)));
  Eigen::MatrixXd v(n, most);
  Eigen::VectorXd alpha(most), beta(most), w(n);
  if (norm_ == 0) {
    basis_ = Eigen::MatrixXd(n, 0);
    return;
  }
  v.col(0) = g / norm_;
  Eigen::VectorXd previous;
  int m = 0;
  for (int j = 0; j < most; ++j) {
    control.checkStop();
    h.apply(v.col(j), w);
    alpha[j] = v.col(j).dot(w);
    // Full reorthogonalisation, twice (Parlett): the basis stays orthonormal to rounding, so
    // the small Ritz values that decide the long-time flow are not ghosts of the large ones.
    for (int pass = 0; pass < 2; ++pass) w -= v.leftCols(j + 1) * (v.leftCols(j + 1).transpose() * w);
    beta[j] = w.norm();
    m = j + 1;
    const bool invariant = beta[j] <= 1e-12 * std::abs(alpha[j]) + 1e-300;
    if ((m % 10 == 0 || invariant || m == most)) {
      basis_ = v.leftCols(m);
      Eigen::MatrixXd t = Eigen::MatrixXd::Zero(m, m);
      for (int i = 0; i < m; ++i) {
        t(i, i) = alpha[i];
        if (i + 1 < m) t(i, i + 1) = t(i + 1, i) = beta[i];
      }
      const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(t);
      ritzValues_ = eig.eigenvalues();
      ritzVectors_ = eig.eigenvectors();
      Eigen::VectorXd c = coefficients(tau);
      c.conservativeResize(m);
      if (invariant) return;
      if (previous.size() > 0) {
        Eigen::VectorXd before = Eigen::VectorXd::Zero(m);
        before.head(previous.size()) = previous;
        if ((c - before).norm() <= tolerance * c.norm()) return;
      }
      previous = c;
    }
    if (invariant || j + 1 == most) break;
    v.col(j + 1) = w / beta[j];
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
