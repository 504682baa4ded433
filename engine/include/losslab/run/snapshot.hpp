#pragma once
// What a training run hands to its viewers: immutable, shared, never mutated after publish.
#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include "losslab/config/experiment.hpp"
#include "losslab/data/dataset.hpp"
#include "losslab/model/network/network.hpp"
#include "losslab/run/curvature_tracking.hpp"

namespace losslab {

struct CollapseRecord;

// One logged step; NaN where a value was not computed (metrics.csv writes an empty cell).
struct MetricsRow {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  long step = 0;
  double epoch = nan, lr = nan;
  // The sum of the rates of the steps before this row (step × η at a constant rate): the time
  // of the gradient flow that gradient descent approximates, on which runs with different rates
  // line up (column effective_time).
  double effectiveTime = nan;
  double trainLoss = nan, trainAccuracy = nan, testLoss = nan, testAccuracy = nan;
  double gradNorm = nan, weightNorm = nan, wallSeconds = nan;
  // Curvature, where tracked (training-loss Hessian, float64): lambda_max, the optimizer's
  // stability threshold, Hutchinson tr H, lambda_max of Gauss-Newton, Adam's lambda_max(P^-1 H).
  double sharpness = nan, sharpnessThreshold = nan, trace = nan, gnSharpness = nan,
         precondSharpness = nan;
  // Where tracked, lambda_max and trace of every layer's block (sharpness_layer<l>, trace_layer<l>).
  std::shared_ptr<const LayerCurvatureRow> layers{};
  double gfsSharpness = nan;  // where tracked and the flow arrived (column gfs_sharpness)
  // Where the reference gradient flow is tracked (plain gradient descent only): the distance
  // from the iterate to the flow at the same effective time, the flow's training loss and its
  // lambda_max there (columns flow_distance, flow_train_loss, flow_sharpness).
  double flowDistance = nan, flowTrainLoss = nan, flowSharpness = nan;
  // Softmax Collapse (Prieto et al. 2025), where tracked, on the training set: SC fraction as
  // each precision sees the run's logits; zero-loss and zero-gradient fractions in the run's
  // precision; cos(theta, step taken) (+1: the step only scales the weights up); mean ||z||.
  double scFraction16 = nan, scFraction32 = nan, scFraction64 = nan, zeroLossFraction = nan,
         zeroGradFraction = nan, nlmCosine = nan, logitNorm = nan;
  // Where collapse is tracked, all of it (every precision, test set, per layer, neural
  // collapse, logit-gap histograms; losslab/diagnostics/collapse_record.hpp); null elsewhere.
  std::shared_ptr<const CollapseRecord> collapse{};
};

enum class RunStatus { Paused, Running, Diverged };

// The parameters after `step` updates, recorded for trajectory pictures (PCA planes, the path
// drawn over a landscape). Shared between snapshots and never mutated, so publishing is cheap.
struct Checkpoint {
  long step = 0;
  std::shared_ptr<const Eigen::VectorXd> parameters;  // float64, spec flat order
};

struct Snapshot {
  long step = 0;                 // optimizer steps taken
  double epoch = 0.0;            // passes over the training set
  RunStatus state = RunStatus::Paused;
  long divergedAtStep = -1;      // the step whose loss or parameters became non-finite
  double stepsPerSecond = 0.0;   // recent training throughput
  ExperimentConfig config;       // as in force now (hyperparameters may have changed)
  Network network;               // what trains (empty for the quadratic model)
  Eigen::VectorXd parameters;    // last finite parameters, in float64, spec flat order
  std::shared_ptr<const DataSplit> data;  // the run's data (shared, never copied per snapshot)
  CurvatureTracking tracking;    // which curvature columns the history carries
  CollapseTracking collapseTracking;  // which rows carry softmax-collapse records
  std::shared_ptr<const std::vector<MetricsRow>> history;  // thinned, always ends at `step`
  // Every `checkpointInterval`-th step's parameters, thinned like the history (bounded memory),
  // always ending at `step`; null when recording is off.
  std::shared_ptr<const std::vector<Checkpoint>> checkpoints;
  long checkpointInterval = 0;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

}  // namespace losslab
