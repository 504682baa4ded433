#pragma once
// The stability threshold in force at a history row, for the sharpness view's own run and for
// the runs compared with it: the engine's own value where it measured one, else the row's rate's.
#include <cmath>
#include <optional>

#include "losslab/curvature/stability_threshold.hpp"
#include "losslab/session/snapshot.hpp"

namespace losslab {

// None where a row has no rate, or for SAM, whose threshold needs the measured gradient norm.
inline std::optional<StabilityThreshold> thresholdAtRow(const OptimizerConfig& o, const MetricsRow& row) {
  if (!(row.lr > 0.0) || (o.samRho > 0 && !std::isfinite(row.sharpnessThreshold))) return std::nullopt;
  StabilityThreshold t = sharpnessThreshold(o, row.lr, row.gradNorm);
  if (std::isfinite(row.sharpnessThreshold)) t.value = row.sharpnessThreshold;
  return t;
}

}  // namespace losslab
