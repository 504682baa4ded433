#include "losslab/sweep/sweep_progress.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace losslab {

std::string durationText(double seconds) {
  if (!std::isfinite(seconds)) return "?";
  const long s = std::lround(std::max(seconds, 0.0));
  char buffer[48];
  if (s < 60)
    std::snprintf(buffer, sizeof buffer, "%ld s", s);
  else if (s < 3600)
    std::snprintf(buffer, sizeof buffer, "%ld min %02ld s", s / 60, s % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%ld h %02ld min", s / 3600, (s % 3600) / 60);
  return buffer;
}

std::string progressText(const SweepProgress& p) {
  std::string text = std::to_string(p.runsDone) + "/" + std::to_string(p.runsTotal) + " runs";
  if (p.runsResumed > 0) text += " (" + std::to_string(p.runsResumed) + " resumed)";
  text += ", " + durationText(p.elapsedSeconds) + " elapsed";
  if (p.runsDone == p.runsTotal) return text;
  text += std::isnan(p.secondsLeft) ? std::string(", estimating time left") : ", about " + durationText(p.secondsLeft) + " left";
  return text;
}

}  // namespace losslab
