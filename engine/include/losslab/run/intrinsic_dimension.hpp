#pragma once
// The intrinsic dimension of a problem (Li, Farkhoor, Liu & Yosinski 2018): train the network
// in random subspaces of growing dimension d (θ = θ₀ + P z, subspace_projection.hpp) and find
// d_int90, the smallest d whose final test accuracy reaches 90% of the full network's.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "losslab/config/experiment.hpp"
#include "losslab/core/task_control.hpp"

namespace losslab {

struct IntrinsicDimensionPoint {
  long dim = 0;                   // 0: the full network
  std::vector<double> accuracy;   // final test accuracy, one per seed
  double mean = 0.0;
};

struct IntrinsicDimension {
  IntrinsicDimensionPoint full;
  std::vector<IntrinsicDimensionPoint> points;  // in the order of the dims asked for, ascending
  double fraction = 0.9;
  std::optional<long> dInt;  // the smallest d whose mean reaches fraction × full.mean; none: no d did
};

// The smallest d of `points` (ascending) whose mean reaches fraction × full.
std::optional<long> smallestDimReaching(const std::vector<IntrinsicDimensionPoint>& points, double full,
                                        double fraction);

// Trains `base` (a classification experiment with a test set) for its steps at every seed, in
// full and in each subspace dimension. `progress(done, total)` after each run. InputError for
// dims that are not ascending and positive, a regression task or no test set.
IntrinsicDimension measureIntrinsicDimension(const ExperimentConfig& base, std::vector<long> dims,
                                             const std::vector<std::uint64_t>& seeds, double fraction = 0.9,
                                             const std::function<void(int, int)>& progress = {},
                                             const TaskControl& control = {});

}  // namespace losslab
