#pragma once
// The exponential Rosenbrock–Euler step of the gradient flow dθ/dt = −∇L (Hochbruck, Ostermann &
// Schweitzer 2009): θ(t + τ) ≈ θ − τ φ₁(−τH) ∇L with φ₁(z) = (e^z − 1)/z, exact when L is
// quadratic and second order otherwise. Where the flow is stiff (near a minimum, curvatures from
// 10⁻⁴ to 10 in a small MLP) it takes steps as long as the path's bending allows, not the 3/λmax an
// explicit method is held to. φ₁ is applied in the Krylov space of H and ∇L (Lanczos with full
// reorthogonalisation; Hochbruck & Lubich 1997), so one step costs a few dozen H-vector products.
#include <Eigen/Core>

#include "losslab/core/task_control.hpp"
#include "losslab/curvature/curvature_operator.hpp"

namespace losslab {

class KrylovFlowStep {
 public:
  // The Krylov space of H (the operator at θ) and g = ∇L(θ), grown until τ φ₁(−τH) g changes by
  // less than `tolerance` (relative) over ten more vectors, or to `maxDimension`.
  KrylovFlowStep(CurvatureOperator& h, const Eigen::VectorXd& g, double tau, int maxDimension, double tolerance,
                 const TaskControl& control = {});
  // τ φ₁(−τH) g, for this τ or any other: θ(t + τ) ≈ θ − displacement(τ).
  Eigen::VectorXd displacement(double tau) const;
  int dimension() const { return int(basis_.cols()); }

 private:
  Eigen::VectorXd coefficients(double tau) const;  // in the Krylov basis
  Eigen::MatrixXd basis_;
  Eigen::VectorXd ritzValues_;
  Eigen::MatrixXd ritzVectors_;  // of the tridiagonal matrix
  double norm_ = 0.0;            // ||g||
};

}  // namespace losslab
