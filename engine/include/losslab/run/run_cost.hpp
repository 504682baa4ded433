#pragma once
// What a run will cost before it starts: time per optimizer step, time of the first λmax
// measurement and memory, from the network's shape and the samples per step (issue #21: a
// 17-million-parameter network sat at step 0 with no word of why). Estimates, from the
// multiply-adds of the passes and this machine's measured matrix-multiply rate.
#include "losslab/core/types.hpp"
#include "losslab/model/network/network.hpp"
#include "losslab/run/curvature_tracking.hpp"

namespace losslab {

struct RunCost {
  Index parameters = 0;
  double secondsPerStep = 0.0;       // one optimizer step on `samples` samples
  double secondsPerMeasurement = 0.0;  // the first λmax solve (0 when not tracking)
  double bytes = 0.0;                // parameters, optimizer state, checkpoints, Krylov basis, activations
  // Worth a word before it starts: a step or a measurement a class would wait for.
  bool slow() const { return secondsPerStep > 0.5 || secondsPerMeasurement > 3.0; }
};

// `samples`: per step (the minibatch, or the training set for full-batch runs); `tracked`: the
// samples a curvature measurement uses (the training set or its subset).
RunCost estimateRunCost(const Network& net, Index samples, Index tracked, const CurvatureTracking& tracking);

// Multiply-adds of one sample's forward pass (linear layers on every position, convolutions,
// attention's projections and its T x T products).
double forwardMultiplyAdds(const Network& net);

// Floating-point operations a second this machine sustains in the training passes: a small
// matrix product timed once (about 20 ms, on first use), at the efficiency the passes reach.
double sustainedFlopsPerSecond();

}  // namespace losslab
