#pragma once
// The loss (and accuracy) at many points of a landscape plane, in parallel over points: each
// worker owns an Objective (they are not thread-safe) and evaluates whole points batched
// over all samples, in the precision S of the run (float32 or float64).
#include <memory>
#include <vector>

#include "losslab/core/task_control.hpp"
#include "losslab/landscape/landscape_plane.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/network/network.hpp"
#include "losslab/model/samples.hpp"

namespace losslab {

struct PlanePoint {
  double alpha = 0, beta = 0;
};

struct PointValue {
  double loss = 0;      // NaN or infinite where the network overflows: kept, never clamped
  double accuracy = 0;  // NaN for regression data
};

template <class S> class PointEvaluator {
 public:
  // `data` must outlive the evaluator. At most `workers` points are evaluated at once (each
  // worker holds one evaluation's activations; see workersWithinMemory).
  PointEvaluator(const Network& net, const Loss& loss, const Samples<S>& data, int workers);
  ~PointEvaluator();

  // out[k] = the values at plane.pointAt(points[k]) (computed in float64, rounded to S once).
  // Points go in blocks; every point first checks the stop token, so a cancel returns within
  // about one point's evaluation time by throwing Cancelled. After each block progress is
  // reported on the calling thread as progressFrom + (progressTo - progressFrom) * done/total.
  void evaluate(const LandscapePlane& plane, const std::vector<PlanePoint>& points,
                std::vector<PointValue>& out, const TaskControl& control,
                double progressFrom = 0.0, double progressTo = 1.0);

 private:
  struct Workers;
  const Samples<S>& data_;
  std::unique_ptr<Workers> workers_;
};

}  // namespace losslab
