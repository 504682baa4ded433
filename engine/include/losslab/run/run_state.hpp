#pragma once
// A training run as it stands: what a session file holds of it and what a TrainingRun
// continues from. The experiment in force, what the run tracks, its history and trajectory with
// the thinning strides they reached, and the trainer's own state (trainer_state.hpp).
#include <vector>

#include "losslab/config/experiment.hpp"
#include "losslab/run/checkpoint_history.hpp"
#include "losslab/run/collapse_tracking.hpp"
#include "losslab/run/curvature_tracking.hpp"
#include "losslab/run/snapshot.hpp"
#include "losslab/run/trainer_state.hpp"

namespace losslab {

struct RunState {
  ExperimentConfig config;  // as in force (hyperparameters may have changed since step 0)
  CurvatureTracking curvature;
  CollapseTracking collapse;
  std::vector<MetricsRow> history;  // thinned, in step order
  long historyStride = 1;
  long checkpointInterval = kDefaultCheckpointInterval;  // 0: recording off
  std::vector<Checkpoint> checkpoints;  // thinned, in step order, the newest at trainer.step
  long checkpointStride = kDefaultCheckpointInterval;
  TrainerState trainer;
};

}  // namespace losslab
