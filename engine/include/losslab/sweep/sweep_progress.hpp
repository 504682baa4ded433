#pragma once
// How far a sweep has come, for the CLI's progress line and the window's progress bar.
#include <limits>
#include <string>

namespace losslab {

struct SweepProgress {
  long runsDone = 0;        // finished, those found on disk included
  long runsTotal = 0;
  long runsResumed = 0;     // found finished on disk when the sweep started
  double elapsedSeconds = 0;
  // From this session's throughput (its finished runs per second so far, all workers together);
  // NaN until the first run of this session finishes.
  double secondsLeft = std::numeric_limits<double>::quiet_NaN();
};

// "42 s", "3 min 05 s", "2 h 07 min".
std::string durationText(double seconds);
// "12/40 runs (4 resumed), 1 min 05 s elapsed, about 2 min 10 s left".
std::string progressText(const SweepProgress& progress);

}  // namespace losslab
