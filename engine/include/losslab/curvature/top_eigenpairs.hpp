#pragma once
// Extreme eigenpairs of a curvature operator: restarted Lanczos through Spectra (default), or
// power iteration with deflation (cheaper per step, as PyHessian; it converges to the largest
// |lambda|, so "smallest" runs it on the shifted operator lambda_max I - M).
#include <Eigen/Core>

#include "losslab/core/task_control.hpp"
#include "losslab/curvature/curvature_operator.hpp"

namespace losslab {

enum class SpectrumEnd { Largest, Smallest };  // largest or smallest algebraic
enum class EigenMethod { Lanczos, Power };

struct EigenOptions {
  int k = 1;
  SpectrumEnd end = SpectrumEnd::Largest;
  EigenMethod method = EigenMethod::Lanczos;
  double tolerance = 1e-8;   // relative accuracy of each eigenvalue
  int maxIterations = 1000;  // Lanczos restarts, or power iterations per eigenpair
  Eigen::MatrixXd warmStart; // previous eigenvectors (P x j): tracking costs a few products
  std::uint64_t seed = 0;
};

struct Eigenpairs {
  Eigen::VectorXd values;   // largest first for Largest, smallest first for Smallest
  Eigen::MatrixXd vectors;  // P x k, unit columns
  long products = 0;        // operator applications spent
  bool converged = false;
};

// Throws InputError for k < 1 or k >= P (a full spectrum is the dense solver's job).
Eigenpairs extremeEigenpairs(CurvatureOperator& op, const EigenOptions& options,
                             const TaskControl& control = {});

std::string toString(EigenMethod m);
EigenMethod eigenMethodFromString(const std::string& name);  // lanczos, power

}  // namespace losslab
