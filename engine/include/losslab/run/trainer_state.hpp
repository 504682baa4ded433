#pragma once
// What an exact continuation of a training run needs beyond its experiment config (which
// rebuilds the data, the network and the initial parameters): the parameters, the optimizer's
// buffers, where the minibatch walk stands, and the curvature tracker's warm starts. All in
// float64, which holds a float32 run's values exactly.
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/optim/optimizer.hpp"
#include "losslab/run/curvature_tracking.hpp"

namespace losslab {

struct TrainerState {
  long step = 0;             // optimizer steps taken
  long samplesSeen = 0;      // epoch = samplesSeen / training-set size
  bool diverged = false;
  long divergedAt = -1;
  double wallSeconds = 0.0;  // training time so far (the clock goes on from here)
  double effectiveTime = 0.0;  // the sum of the rates of the steps taken
  Eigen::VectorXd parameters;  // spec flat order
  Eigen::VectorXd subspace;    // a subspace run's coordinates z (θ = θ₀ + P z); empty otherwise
  OptimizerState optimizer;
  std::string shuffler;              // the minibatch RNG (mt19937_64 as the standard writes it)
  std::vector<std::int64_t> order;   // this epoch's order of the training samples
  long cursor = 0;                   // the next position in `order`
  CurvatureWarmStart warmStart;
};

// The checks every trainer makes before restoring: the parameter count, finite parameters,
// step counts in range. Throws InputError naming the field.
void checkRestorable(const TrainerState& state, Index parameterCount);

}  // namespace losslab
