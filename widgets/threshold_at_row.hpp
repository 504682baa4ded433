#pragma once
// The stability threshold in force at a history row, for the sharpness view's own run and for
// the runs compared with it: the engine's own value on each row.
#include <cmath>
#include <optional>

#include "losslab/curvature/stability_threshold.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {

// The engine's own value, which a tracked run records on every row with the optimizer and rate
// of that step: a threshold is a step function of time, and a later change of optimizer or rate
// never redraws the past (issue #21). None where a row carries none (an untracked stretch).
// The quantity it bounds and its formula are the optimizer's in force now (`o`).
inline std::optional<StabilityThreshold> thresholdAtRow(const OptimizerConfig& o, const MetricsRow& row) {
  if (!std::isfinite(row.sharpnessThreshold) || !(row.lr > 0.0)) return std::nullopt;
  StabilityThreshold t = sharpnessThreshold(o, row.lr, row.gradNorm);
  t.value = row.sharpnessThreshold;
  return t;
}

}  // namespace losslab
