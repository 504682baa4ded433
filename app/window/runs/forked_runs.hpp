#pragma once
// Runs forked from a base run at step 0 and trained beside it, each a RunBridge of its own:
// the collapse tab's StableMax and ⊥Grad twins, the window's compared runs. They follow the
// base run's play, pause, steps, reset and pace, and measure what it measures.
#include <QObject>
#include <memory>
#include <vector>

#include "losslab/config/experiment.hpp"
#include "losslab/run/collapse_tracking.hpp"
#include "losslab/run/curvature_tracking.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {

class RunBridge;

class ForkedRuns : public QObject {
  Q_OBJECT

 public:
  explicit ForkedRuns(QObject* parent = nullptr);
  ~ForkedRuns() override;

  // Starts a run of `config` at step 0 after the others, playing if `playing`, with the
  // tracking and pace set here. Throws InputError, adding nothing, when the engine rejects it.
  void add(const ExperimentConfig& config, bool playing);
  // All runs replaced by runs of `configs`; throws InputError, leaving none, if one is rejected.
  void replace(const std::vector<ExperimentConfig>& configs, bool playing);
  void remove(int run);
  void clear();
  int count() const { return static_cast<int>(bridges_.size()); }
  bool empty() const { return bridges_.empty(); }
  RunBridge* bridge(int run) const { return bridges_.at(static_cast<size_t>(run)).get(); }

  void setPlaying(bool playing);
  void step(long n);
  void reset();  // every run back to step 0, same seed: the base run was reset
  void setPace(long stepsPerFrame);
  void setCollapseTracking(const CollapseTracking& tracking);
  void setCurvatureTracking(const CurvatureTracking& tracking);

 Q_SIGNALS:
  void snapshotArrived(int run, losslab::SnapshotPtr snapshot);
  void changed();  // a run added or removed

 private:
  std::unique_ptr<RunBridge> makeRun(const ExperimentConfig& config);  // throws InputError
  int indexOf(const RunBridge* bridge) const;

  std::vector<std::unique_ptr<RunBridge>> bridges_;
  CollapseTracking collapse_;
  CurvatureTracking curvature_;
  long pace_ = 0;
};

}  // namespace losslab
