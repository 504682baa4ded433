#pragma once
// Where a diverged run's numbers ran away: the views fit their axes to the history before it,
// so a loss of 1e244 at the end does not flatten everything the class watched (issue #21); the
// runaway values still leave the plot through its top edge, and the divergence is marked.
#include <algorithm>
#include <cmath>
#include <limits>

#include "losslab/run/snapshot.hpp"

namespace losslab {

// A loss this many times the run's first is no longer training but blowing up.
inline constexpr double kRunawayFactor = 10.0;

// The first step of the trailing rows whose train loss is non-finite or above kRunawayFactor
// times the first row's; +infinity for a run that has not diverged (nothing is left out).
inline double runawayStep(const Snapshot& s) {
  constexpr double none = std::numeric_limits<double>::infinity();
  if (s.state != RunStatus::Diverged || !s.history || s.history->empty()) return none;
  const auto& rows = *s.history;
  double first = std::numeric_limits<double>::quiet_NaN();
  for (const MetricsRow& r : rows)
    if (std::isfinite(r.trainLoss)) {
      first = r.trainLoss;
      break;
    }
  if (!std::isfinite(first)) return none;
  const double bound = kRunawayFactor * std::max(std::abs(first), 1e-12);
  double from = none;
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    if (std::isfinite(it->trainLoss) && it->trainLoss <= bound) break;
    from = double(it->step);  // also rows without a loss (minibatch steps not evaluated)
  }
  return from;
}

}  // namespace losslab
