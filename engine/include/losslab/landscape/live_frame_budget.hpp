#pragma once
// Live landscapes while a run trains: the map follows the current parameters on a small grid,
// and its frames may take only a bounded share of wall time. At most one frame is in flight;
// after a frame of d seconds the next waits d (1 - s) / s, so busy time stays <= s of the
// elapsed time, however slow a frame is. Snapshots arriving meanwhile are not queued: the
// caller keeps the newest and starts it when a frame may start (frames are skipped, never late).
#include <chrono>

#include "losslab/landscape/landscape_surface.hpp"

namespace losslab {

inline constexpr double kDefaultLiveShare = 0.3;
inline constexpr int kLiveGridPoints = 21;

class LiveFrameBudget {
 public:
  using Clock = std::chrono::steady_clock;

  // share in (0, 1]; values outside are clamped to [0.01, 1].
  explicit LiveFrameBudget(double share = kDefaultLiveShare);

  double share() const { return share_; }
  bool inFlight() const { return inFlight_; }
  // No frame in flight and the rest after the last one is over.
  bool mayStart(Clock::time_point now) const;
  // How long until mayStart (zero if it may start now); meaningless while a frame is in flight.
  Clock::duration waitBefore(Clock::time_point now) const;
  void frameStarted(Clock::time_point now);
  // Also for a cancelled or failed frame: its time was spent all the same.
  void frameFinished(Clock::time_point now);
  // Busy time over the time since the first frame started (0 before any). Between a frame's
  // end and the end of its rest this is above the budget; over whole cycles it is not:
  double measuredShare(Clock::time_point now) const;
  // measuredShare when the latest frame started, i.e. over every completed frame and rest.
  double shareAtLastStart() const { return shareAtStart_; }
  int framesFinished() const { return finished_; }
  void reset();  // forgets every frame (a new run)

 private:
  double share_;
  bool inFlight_ = false, started_ = false;
  int finished_ = 0;
  double shareAtStart_ = 0;
  Clock::time_point first_, frameStart_, restUntil_;
  Clock::duration busy_{0};
};

// The grid a live frame evaluates: the requested ranges at min(points, requested) points per
// axis (a paused run gets the requested grid itself).
GridSpec liveGrid(const GridSpec& requested, int points = kLiveGridPoints);

}  // namespace losslab
