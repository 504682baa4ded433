#pragma once
// The curvature above which an optimizer's step is unstable on a quadratic model, for the
// sharpness view's threshold lines (each carries its formula and the quantity it bounds).
#include <limits>
#include <string>

#include "losslab/optim/optimizer_config.hpp"

namespace losslab {

// With no threshold known for an optimizer, value is NaN, quantity and formula are empty and
// source says why (the sharpness view shows that instead of a line).
struct StabilityThreshold {
  double value = 0.0;
  std::string quantity;  // what it bounds: "lambda_max(H)", "lambda_max(P^-1 H)" or "tr(H)"
  std::string formula;   // e.g. "2/eta"
  std::string source;    // the paper, for tooltips and exported metadata
  bool known() const { return !quantity.empty(); }
};

// lr: the learning rate in force; gradNorm: ||g|| (normalised SAM's edge depends on it).
//  GD: 2/eta. Heavy ball beta: (2+2 beta)/eta; Nesterov: (2+2 beta)/(eta (1+2 beta)).
//  Adam/AdamW: (2+2 beta1)/((1-beta1) eta) on lambda_max(P^-1 H) (Cohen et al. 2022).
//  SAM rho over plain GD (normalised, as Foret et al. and this engine): the SAM edge of Long &
//  Bartlett 2024 ("Sharpness-aware minimization and the edge of stability", JMLR), from
//  eta lambda (1 + rho lambda/||g||) = 2: lambda* = (||g||/(2 rho)) (sqrt(1 + 8 rho/(eta ||g||)) - 1),
//  which falls to 0 (not 2/eta) as ||g|| -> 0. SAM over momentum or Adam: no threshold (none
//  is derived for them; the GD-SAM edge would be silently wrong).
StabilityThreshold sharpnessThreshold(const OptimizerConfig& optimizer, double lr, double gradNorm);

// SGD's linear-stability bound on the trace, tr H <= 2/eta (Wu & Su 2023); a quadratic-model
// bound, stated as such in tooltips.
StabilityThreshold traceThreshold(double lr);

}  // namespace losslab
