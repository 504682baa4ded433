#include "losslab/curvature/stability_threshold.hpp"

#include <cmath>

namespace losslab {

StabilityThreshold sharpnessThreshold(const OptimizerConfig& o, double lr, double gradNorm) {
  if (o.samRho > 0 && gradNorm > 0) {
    const double g = gradNorm, rho = o.samRho;
    return {(g / (2 * rho)) * (std::sqrt(1 + 8 * rho / (lr * g)) - 1), "lambda_max(H)",
            "(|g|/(2 rho))(sqrt(1+8 rho/(eta |g|))-1)",
            "normalised SAM on a quadratic model: eta lambda (1 + rho lambda/|g|) = 2"};
  }
  if (o.kind == OptimizerKind::Adam || o.kind == OptimizerKind::AdamW) {
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
