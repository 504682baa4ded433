#include "losslab/curvature/stability_threshold.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslab {

StabilityThreshold sharpnessThreshold(const OptimizerConfig& o, double lr, double gradNorm) {
  const bool adaptive = o.kind == OptimizerKind::Adam || o.kind == OptimizerKind::AdamW;
  if (o.samRho > 0 && (adaptive || o.momentum > 0))
    return {std::numeric_limits<double>::quiet_NaN(), "", "",
            "none known for SAM over momentum or Adam: Long & Bartlett's SAM edge is derived for "
            "SAM over plain gradient descent, and no edge has been derived for SAM over momentum "
            "or Adam"};
  if (o.samRho > 0) {
    // The conjugate form 4/(eta (1 + sqrt(1 + 8 rho/(eta |g|)))) of the SAM edge: no cancellation
    // at small |g|, and its limit 0 at |g| = 0 (8 rho/0 is +inf).
    const double g = std::max(gradNorm, 0.0), rho = o.samRho;
    return {4 / (lr * (1 + std::sqrt(1 + 8 * rho / (lr * g)))), "lambda_max(H)",
            "(|g|/(2 rho))(sqrt(1+8 rho/(eta |g|))-1)",
            "the SAM edge of Long & Bartlett 2024 (normalised SAM over gradient descent on a "
            "quadratic model: eta lambda (1 + rho lambda/|g|) = 2; 0 at |g| = 0)"};
  }
  if (adaptive) {
    const double b = o.beta1;
    return {(2 + 2 * b) / ((1 - b) * lr), "lambda_max(P^-1 H)", "(2+2 beta1)/((1-beta1) eta)",
            "Cohen et al. 2022, adaptive edge of stability"};
  }
  const double b = o.momentum;
  if (b > 0 && o.nesterov)
    return {(2 + 2 * b) / (lr * (1 + 2 * b)), "lambda_max(H)", "(2+2 beta)/(eta (1+2 beta))",
            "Nesterov momentum on a quadratic model"};
  if (b > 0)
    return {(2 + 2 * b) / lr, "lambda_max(H)", "(2+2 beta)/eta", "heavy-ball momentum on a quadratic model"};
  return {2 / lr, "lambda_max(H)", "2/eta", "gradient descent on a quadratic model (Cohen et al. 2021)"};
}

StabilityThreshold traceThreshold(double lr) {
  return {2 / lr, "tr(H)", "2/eta", "linear stability of SGD on a quadratic model (Wu & Su 2023)"};
}

}  // namespace losslab
