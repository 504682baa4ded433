#pragma once
// A training run on its own worker thread (docs/DESIGN.md "Threads"). Commands are queued and never
// block the caller; results leave as immutable snapshots through the callback, which runs on the
// worker thread (the GUI bridge re-posts it to the GUI thread).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "losslab/config/experiment.hpp"
#include "losslab/run/run_state.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {

class TrainingRun {
 public:
  using SnapshotCallback = std::function<void(SnapshotPtr)>;

  // Builds data and model from the config (throws InputError on a bad config) and starts the
  // worker paused at step 0. `publishHz` bounds how often snapshots are published while running.
  explicit TrainingRun(ExperimentConfig config, SnapshotCallback onSnapshot = {},
                           double publishHz = 30.0);
  // Continues a saved run paused where it stood: the same parameters, optimizer buffers, sample
  // order, history, trajectory and tracking, so its next steps are the uninterrupted run's.
  // Throws InputError naming what does not fit the run the config builds.
  explicit TrainingRun(const RunState& saved, SnapshotCallback onSnapshot = {},
                           double publishHz = 30.0);
  // Returns at once: the worker is told to stop (within one product, even mid-measurement),
  // calls back no more, and frees its memory when its thread ends (retired_threads.hpp).
  ~TrainingRun();
  TrainingRun(const TrainingRun&) = delete;
  TrainingRun& operator=(const TrainingRun&) = delete;

  void play();
  void pause();
  // n steps, then pause; commands sent after it wait for those steps, except pause and reset.
  void step(long n);
  void reset(std::optional<std::uint64_t> newSeed = std::nullopt);  // same seed by default
  // Softmax-collapse records in the history from the next step on (kept across reset); the
  // engine rejects it (InputError, in the caller's thread) for a run without classes.
  void setCollapseTracking(const CollapseTracking& tracking);
  void setOptimizer(const OptimizerConfig& optimizer);  // effective at the next step
  void setSchedule(const ScheduleConfig& schedule);     // effective at the next step
  // Curvature columns in the history from the next step on (kept across reset).
  void setCurvatureTracking(const CurvatureTracking& tracking);
  // Records the parameters every `every`-th step (0: off; default kDefaultCheckpointInterval)
  // into snapshots' `checkpoints`; the recorded trajectory restarts at the current step.
  // Throws InputError for every < 0.
  void setCheckpointInterval(long every);
  // While playing, at most this many steps per published frame (about 30 frames a second), so
  // a class can watch every step; 0 (the default) trains as fast as it can. Step(n) is unpaced.
  void setPace(long stepsPerFrame);

  // The run as it stands, captured between two steps without pausing it (a pending step(n)
  // goes on afterwards); onState runs on the worker thread, so it must only hand the state on.
  using StateCallback = std::function<void(std::shared_ptr<const RunState>)>;
  void requestState(StateCallback onState);

  SnapshotPtr latest() const;  // never blocks on the worker's computation
  // Blocks until every queued command is done and the worker is idle (paused or diverged).
  // For tests and the CLI; the GUI never calls it.
  void waitIdle();

 private:
  struct Worker;
  std::shared_ptr<Worker> worker_;  // shared with its thread, which may outlive the run
};

}  // namespace losslab
