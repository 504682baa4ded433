#pragma once
// The GUI's handle on a training run (docs/DESIGN.md "Threads"): owns the TrainingRun, forwards
// commands (which never block), and re-posts each snapshot from the worker thread to the GUI
// thread, where snapshotArrived is emitted. The GUI thread never waits on the engine.
#include <QObject>
#include <functional>
#include <map>
#include <memory>

#include "losslab/config/experiment.hpp"
#include "losslab/run/curvature_tracking.hpp"
#include "losslab/run/run_state.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {
class TrainingRun;
}
// Types crossing queued connections need no Q_DECLARE_METATYPE in Qt 6 (moc registers them);
// declaring one after another header's moc code used it is an error once sources are globbed.


namespace losslab {

class RunBridge : public QObject {
  Q_OBJECT

 public:
  explicit RunBridge(QObject* parent = nullptr);
  ~RunBridge() override;

  // Starts a fresh run of `config` at step 0, replacing the current run; keeps playing if the
  // current run was playing. Throws InputError (leaving the current run alone) when the engine
  // rejects the config.
  void start(const ExperimentConfig& config);
  // Continues a saved run paused at its step, with its own tracking (session files), replacing
  // the current run. Throws InputError (leaving the current run alone) when it does not fit.
  void restore(const RunState& saved);
  // The run as it stands, captured between two steps without pausing it; `done` runs on the GUI
  // thread, with null when the run was replaced first (a start, a restore) or there is none.
  using StateCallback = std::function<void(std::shared_ptr<const RunState>)>;
  void requestState(StateCallback done);
  bool hasRun() const { return run_ != nullptr; }
  const ExperimentConfig& config() const { return config_; }  // as last commanded
  bool isPlaying() const { return playing_; }                 // as last commanded
  const CurvatureTracking& curvatureTracking() const { return tracking_; }  // as last commanded
  // Optimizer and schedule for the running network from its next step, no restart. Throws
  // InputError (and changes nothing) when the engine rejects a value.
  void setTraining(const OptimizerConfig& optimizer, const ScheduleConfig& schedule);
  const CollapseTracking& collapseTracking() const { return collapse_; }    // as last commanded
  SnapshotPtr latest() const { return latest_; }              // last delivered to the GUI
  long pace() const { return pace_; }

 public Q_SLOTS:
  void play();
  void pause();
  void togglePlay();
  void step(long n = 1);  // n steps, then pause
  void reset();           // back to step 0 with the same seed: the same run again
  void setLearningRate(double lr);  // effective at the next step, no restart
  // At most n steps per frame while playing (0: as fast as possible); kept across restarts.
  void setPace(long stepsPerFrame);
  // Curvature columns from the next step on; kept across reset and restarts.
  void setCurvatureTracking(const losslab::CurvatureTracking& tracking);
  // Softmax-collapse records from the next step on; kept across reset and restarts, and simply
  // not applied to a run without softmax (a regression run), until a classification run starts.
  void setCollapseTracking(const losslab::CollapseTracking& tracking);

 Q_SIGNALS:
  void snapshotArrived(losslab::SnapshotPtr snapshot);
  void playingChanged(bool playing);
  // After step(n) and reset() were commanded: runs trained beside this one follow them.
  void stepped(long n);
  void wasReset();

 private:
  void post(quint64 generation, SnapshotPtr snapshot);  // any thread
  void deliver(quint64 generation, const SnapshotPtr& snapshot);  // GUI thread
  void setPlaying(bool playing);
  void applyCollapseTracking(TrainingRun& run);
  // Makes `fresh` (built with generation_ + 1) the current run and publishes its first snapshot.
  void install(std::unique_ptr<TrainingRun> fresh, const ExperimentConfig& config);
  void deliverState(quint64 request, std::shared_ptr<const RunState> state);  // GUI thread

  std::unique_ptr<TrainingRun> run_;
  ExperimentConfig config_;
  CurvatureTracking tracking_;
  CollapseTracking collapse_;
  long pace_ = 0;
  // Bumped on every start, so that snapshots still in flight from a replaced run are dropped.
  quint64 generation_ = 0;
  bool playing_ = false;
  SnapshotPtr latest_;
  // State requests not answered yet, by serial: answered with null when their run is replaced.
  std::map<quint64, StateCallback> stateRequests_;
  quint64 stateSerial_ = 0;
};

}  // namespace losslab
