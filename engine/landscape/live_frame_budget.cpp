#include "losslab/landscape/live_frame_budget.hpp"

#include <algorithm>

namespace losslab {

LiveFrameBudget::LiveFrameBudget(double share) : share_(std::clamp(share, 0.01, 1.0)) {}

bool LiveFrameBudget::mayStart(Clock::time_point now) const { return !inFlight_ && now >= restUntil_; }

LiveFrameBudget::Clock::duration LiveFrameBudget::waitBefore(Clock::time_point now) const {
  return std::max(Clock::duration::zero(), restUntil_ - now);
}

void LiveFrameBudget::frameStarted(Clock::time_point now) {
  shareAtStart_ = measuredShare(now);
  if (!started_) first_ = now;
  started_ = inFlight_ = true;
  frameStart_ = now;
}

void LiveFrameBudget::frameFinished(Clock::time_point now) {
  if (!inFlight_) return;
  inFlight_ = false;
  ++finished_;
  const Clock::duration took = now - frameStart_;
  busy_ += took;
  // Busy d, then idle d (1 - s) / s: each frame's own duty cycle is s.
  restUntil_ = now + std::chrono::duration_cast<Clock::duration>(took * ((1.0 - share_) / share_));
}

double LiveFrameBudget::measuredShare(Clock::time_point now) const {
  if (!started_) return 0.0;
  const Clock::duration busy = busy_ + (inFlight_ ? now - frameStart_ : Clock::duration::zero());
  const double elapsed = std::chrono::duration<double>(now - first_).count();
  return elapsed > 0 ? std::chrono::duration<double>(busy).count() / elapsed : 0.0;
}

void LiveFrameBudget::reset() { *this = LiveFrameBudget(share_); }

GridSpec liveGrid(const GridSpec& requested, int points) {
  GridSpec g = requested;
  g.alpha.points = std::min(g.alpha.points, std::max(points, kMinAxisPoints));
  g.beta.points = std::min(g.beta.points, std::max(points, kMinAxisPoints));
  return g;
}

}  // namespace losslab
