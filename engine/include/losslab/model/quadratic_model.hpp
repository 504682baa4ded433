#pragma once
// The second-order regression model of Agarwala, Pedregosa & Pennington (ICLR 2023): residuals
// z_a(theta) = J0_a . theta + 1/2 theta^T Q_a theta - y_a, loss 1/2 ||z||^2 / n. Its Jacobian is
// J = J0 + Q theta and its Hessian (J^T J + sum_a z_a Q_a) / n, so the curvature moves with the
// parameters: progressive sharpening and the edge of stability without a network.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "losslab/core/types.hpp"

namespace losslab {

class QuadraticModel {
 public:
  // J0 entries N(0, 1/P), Q_a symmetric with entries N(0, curvature^2 / P), y ~ N(0, 1).
  static QuadraticModel random(int params, int residuals, double curvature, std::uint64_t seed);
  QuadraticModel(Eigen::MatrixXd j0, std::vector<Eigen::MatrixXd> q, Eigen::VectorXd y);

  Index parameterCount() const { return j0_.cols(); }
  Index residualCount() const { return j0_.rows(); }

  Eigen::VectorXd residuals(const Eigen::VectorXd& theta) const;
  Eigen::MatrixXd jacobian(const Eigen::VectorXd& theta) const;  // n x P
  double loss(const Eigen::VectorXd& theta) const;
  double lossAndGradient(const Eigen::VectorXd& theta, Eigen::VectorXd& grad) const;
  void hessianVectorProduct(const Eigen::VectorXd& theta, const Eigen::VectorXd& v,
                            Eigen::VectorXd& hv) const;
  Eigen::MatrixXd hessian(const Eigen::VectorXd& theta) const;

 private:
  Eigen::MatrixXd j0_;
  std::vector<Eigen::MatrixXd> q_;
  Eigen::VectorXd y_;
};

}  // namespace losslab
