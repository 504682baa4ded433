#pragma once
// 1-D loss landscapes: the loss along one direction, origin + alpha * dir1 for alpha on [a, b]
// (a random or eigenvector slice, or a linear interpolation between checkpoints, see
// checkpoint_plane.hpp), on the train and, when there is one, the test set.
#include <Eigen/Core>
#include <optional>
#include <vector>

#include "losslab/core/task_control.hpp"
#include "losslab/landscape/grid_axes.hpp"
#include "losslab/landscape/landscape_plane.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/samples.hpp"

namespace losslab {

// loss[i] and accuracy[i] at coordinates[i] (alpha, or t for an interpolation).
struct LandscapeCurve {
  std::vector<double> coordinates;
  Eigen::VectorXd loss, accuracy;  // non-finite losses kept; accuracy NaN for regression
};

struct LandscapeSlice {
  LandscapeCurve train;
  std::optional<LandscapeCurve> test;
};

// The curve along plane.dir1 (a plane's dir2, if any, is not used) on `data`, in precision S.
// Throws InputError for a bad axis (validateAxis, named "slice range"/"slice points"), plane or
// memory limit; Cancelled when stopped.
template <class S>
LandscapeCurve evaluateCurve(const Network& net, const Loss& loss, const LandscapePlane& plane,
                             const Samples<S>& data, const AxisRange& axis,
                             const TaskControl& control = {},
                             std::size_t memoryLimitBytes = kDefaultLandscapeMemoryLimit);

// Train and test curves; `test` may be null or empty (no held-out set). Progress runs over both.
template <class S>
LandscapeSlice evaluateSlice(const Network& net, const Loss& loss, const LandscapePlane& plane,
                             const Samples<S>& train, const Samples<S>* test, const AxisRange& axis,
                             const TaskControl& control = {},
                             std::size_t memoryLimitBytes = kDefaultLandscapeMemoryLimit);

}  // namespace losslab
