#include "losslab/optim/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace losslab {

namespace {

// Linear warm-up: base*(step+1)/warmupSteps, so the first step already moves and step
// warmupSteps-1 reaches the full rate.
double warmedUp(double baseLr, long step, long warmupSteps) {
  if (step >= warmupSteps) return baseLr;
  return baseLr * double(step + 1) / double(warmupSteps);
}

}  // namespace

double learningRateAt(const ScheduleConfig& s, double baseLr, long step, long runSteps) {
  switch (s.kind) {
    case ScheduleKind::Constant: return baseLr;
    case ScheduleKind::Warmup: return warmedUp(baseLr, step, s.warmupSteps);
    case ScheduleKind::Cosine: {
      if (step < s.warmupSteps) return warmedUp(baseLr, step, s.warmupSteps);
      const long total = s.totalSteps.value_or(runSteps);
      const double span = double(std::max(1L, total - s.warmupSteps));
      const double progress = std::clamp(double(step - s.warmupSteps) / span, 0.0, 1.0);
      return baseLr * 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
    }
    case ScheduleKind::Step:
      return baseLr * std::pow(s.gamma, double(step / std::max(1L, s.stepEvery)));
  }
  return baseLr;
}

}  // namespace losslab
