#pragma once
// A paused run after `steps` steps, as the window holds it: the snapshot a probe reads.
#include "losslab/run/training_run.hpp"

namespace losslab::test {

inline SnapshotPtr trainedSnapshot(const ExperimentConfig& config, long steps) {
  TrainingRun run(config);
  run.step(steps);
  run.waitIdle();
  return run.latest();
}

}  // namespace losslab::test
