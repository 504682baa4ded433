#pragma once
// The Training tab's Inside picture of one sample of the run's training set: what the network
// computes inside (losslab/diagnostics/network_inside.hpp) with a caption a class reads ("17 + 40
// = ? → 57 · predicted 57 (98%)", "training sample 5: a 3 · predicted 3 (99%)").
#include <memory>

#include "losslab/run/snapshot.hpp"
#include "losslab/widgets/network_inside_view.hpp"

namespace losslab {

// Whether the run's network works on images or token sequences (the Inside picture's networks).
bool looksInside(const Snapshot& snapshot);
// Null when the snapshot has no data or parameters that fit its network; sample is clamped.
std::shared_ptr<const InsidePicture> insidePicture(const Snapshot& snapshot, int sample);

}  // namespace losslab
