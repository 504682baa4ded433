#pragma once
// A paused run after `steps` steps, as the window holds it: the snapshot a probe reads.
#include "losslab/session/training_session.hpp"

namespace losslab::test {

inline SnapshotPtr trainedSnapshot(const ExperimentConfig& config, long steps) {
  TrainingSession session(config);
  session.step(steps);
  session.waitIdle();
  return session.latest();
}

}  // namespace losslab::test
