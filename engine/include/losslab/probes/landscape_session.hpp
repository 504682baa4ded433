#pragma once
// The landscape tab's picture as a session file keeps it (SessionLandscape) and back: the
// directions, plane, grid and slice, with the projector and the path rebuilt on reading, so a
// reopened session draws the same map with its path over it.
#include <memory>
#include <vector>

#include "losslab/io/session_probes.hpp"
#include "losslab/probes/landscape_probe.hpp"

namespace losslab {

SessionLandscape toSessionLandscape(const LandscapeResult& result);
// Throws InputError when the saved plane cannot be projected on (parallel directions). The
// result has no contour lines: a session keeps no display settings, so the window traces them
// for its own, off the GUI thread (LandscapeTab::showRestored).
std::shared_ptr<const LandscapeResult> landscapeResultFrom(const SessionLandscape& saved,
                                                           const std::vector<Checkpoint>& checkpoints);

}  // namespace losslab
