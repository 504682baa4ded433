#pragma once
// One training run, stepped synchronously: data, network, optimizer and schedule built from an
// experiment config. A TrainingRun runs it on a worker thread; the CLI and the benchmark run it
// directly. The numeric type (float32 or float64) is chosen by config.precision.
#include <memory>
#include <stop_token>

#include "losslab/config/experiment.hpp"
#include "losslab/data/dataset.hpp"
#include "losslab/run/curvature_tracker.hpp"
#include "losslab/run/snapshot.hpp"
#include "losslab/run/trainer_state.hpp"

namespace losslab {

class Trainer {
 public:
  // Builds everything (throws InputError on a bad config or data the network cannot fit).
  static std::unique_ptr<Trainer> create(const ExperimentConfig& config);
  // Trains a given network (a model file's) on a given data split with the config's optimizer.
  // An Architecture converts (an MLP is a network).
  static std::unique_ptr<Trainer> create(const ExperimentConfig& config, const Network& net,
                                         const Eigen::VectorXd& parameters, DataSplit data);
  virtual ~Trainer() = default;

  // One optimizer step. Returns the metrics row of the parameters the step started from
  // (row `step` = after `step` updates): the step's full-batch loss is that row's train loss
  // for free. Test metrics (and, for minibatches, full train metrics) are measured when
  // `evaluate` is true. After a non-finite loss or parameter the run is diverged: the step is
  // undone, the last finite parameters kept, and further steps do nothing.
  virtual MetricsRow step(bool evaluate) = 0;
  // Metrics of the current parameters on the full train and test sets (no step taken).
  virtual MetricsRow measure() = 0;

  virtual void setOptimizer(const OptimizerConfig& optimizer) = 0;  // validated; next step
  virtual void setSchedule(const ScheduleConfig& schedule) = 0;
  // Curvature columns at every `tracking.every`-th step (validated; 0 turns it off).
  virtual void setCurvatureTracking(const CurvatureTracking& tracking) = 0;
  // Softmax-collapse columns at every `tracking.every`-th step (classification only).
  virtual void setCollapseTracking(const CollapseTracking& tracking) = 0;
  // Checked before every gradient and between the products of a curvature measurement: once
  // stop is requested, step() throws Cancelled within one product (a run being replaced must not
  // hold its worker for a whole Lanczos solve). The trainer is then left mid-step, for discarding.
  virtual void setStopToken(std::stop_token stop) = 0;

  // Everything a continuation needs (trainer_state.hpp); restore() continues from it on a
  // trainer built from the same config, with its tracking already set. A state that does not
  // fit this run (lengths, a sample order that is not a permutation) is an InputError naming it.
  virtual TrainerState state() const = 0;
  virtual void restore(const TrainerState& state) = 0;

  virtual long stepCount() const = 0;
  virtual double epoch() const = 0;
  virtual bool diverged() const = 0;
  virtual long divergedAtStep() const = 0;
  virtual Eigen::VectorXd parameters() const = 0;  // float64 copy, spec flat order
  virtual const ExperimentConfig& config() const = 0;
  // What trains (the quadratic model has none: an empty list).
  virtual const Network& network() const = 0;
  virtual const DataSplit& data() const = 0;
  virtual std::shared_ptr<const DataSplit> sharedData() const = 0;  // for snapshots and probes
};

}  // namespace losslab
