#include "losslab/model/quadratic_model.hpp"

#include <cmath>

#include "losslab/core/error.hpp"
#include "losslab/core/random.hpp"

namespace losslab {

QuadraticModel QuadraticModel::random(int params, int residuals, double curvature, std::uint64_t seed) {
  if (params < 1 || params > 2000)
    throw InputError("model.params: " + std::to_string(params) + " must be in 1..2000");
  if (residuals < 1 || residuals > 2000)
    throw InputError("model.residuals: " + std::to_string(residuals) + " must be in 1..2000");
  if (double(params) * params * residuals > 5e7)
    throw InputError("model: params^2 x residuals = " + std::to_string(double(params) * params * residuals) +
                     " exceeds 5e7 (the Q tensor would not fit comfortably in memory)");
  if (!(curvature >= 0)) throw InputError("model.init_scale: the curvature scale must be >= 0");
  Rng rng(seed);
  const double s = 1.0 / std::sqrt(double(params));
  Eigen::MatrixXd j0 = Eigen::MatrixXd::NullaryExpr(residuals, params, [&] { return s * rng.normal(); });
  std::vector<Eigen::MatrixXd> q;
  for (int a = 0; a < residuals; ++a) {
    Eigen::MatrixXd m = Eigen::MatrixXd::NullaryExpr(params, params, [&] { return curvature * s * rng.normal(); });
    q.push_back(0.5 * (m + m.transpose()));
  }
  Eigen::VectorXd y = Eigen::VectorXd::NullaryExpr(residuals, [&] { return rng.normal(); });
  return QuadraticModel(std::move(j0), std::move(q), std::move(y));
}

QuadraticModel::QuadraticModel(Eigen::MatrixXd j0, std::vector<Eigen::MatrixXd> q, Eigen::VectorXd y)
    : j0_(std::move(j0)), q_(std::move(q)), y_(std::move(y)) {
  if (Index(q_.size()) != j0_.rows() || y_.size() != j0_.rows())
    throw InputError("quadratic model: J0, Q and y disagree on the number of residuals");
  for (const auto& m : q_)
    if (m.rows() != j0_.cols() || m.cols() != j0_.cols())
      throw InputError("quadratic model: every Q_a must be P x P");
}

Eigen::VectorXd QuadraticModel::residuals(const Eigen::VectorXd& theta) const {
  Eigen::VectorXd z = j0_ * theta - y_;
  for (Index a = 0; a < residualCount(); ++a) z[a] += 0.5 * theta.dot(q_[a] * theta);
  return z;
}

Eigen::MatrixXd QuadraticModel::jacobian(const Eigen::VectorXd& theta) const {
  Eigen::MatrixXd j = j0_;
  for (Index a = 0; a < residualCount(); ++a) j.row(a) += (q_[a] * theta).transpose();
  return j;
}

double QuadraticModel::loss(const Eigen::VectorXd& theta) const {
  return 0.5 * residuals(theta).squaredNorm() / double(residualCount());
}

double QuadraticModel::lossAndGradient(const Eigen::VectorXd& theta, Eigen::VectorXd& grad) const {
  const Eigen::VectorXd z = residuals(theta);
  grad = jacobian(theta).transpose() * z / double(residualCount());
  return 0.5 * z.squaredNorm() / double(residualCount());
}

void QuadraticModel::hessianVectorProduct(const Eigen::VectorXd& theta, const Eigen::VectorXd& v,
                                          Eigen::VectorXd& hv) const {
  const Eigen::VectorXd z = residuals(theta);
  const Eigen::MatrixXd j = jacobian(theta);
  hv = j.transpose() * (j * v);
  for (Index a = 0; a < residualCount(); ++a) hv += z[a] * (q_[a] * v);
  hv /= double(residualCount());
}

Eigen::MatrixXd QuadraticModel::hessian(const Eigen::VectorXd& theta) const {
  const Eigen::VectorXd z = residuals(theta);
  const Eigen::MatrixXd j = jacobian(theta);
  Eigen::MatrixXd h = j.transpose() * j;
  for (Index a = 0; a < residualCount(); ++a) h += z[a] * q_[a];
  return h / double(residualCount());
}

}  // namespace losslab
