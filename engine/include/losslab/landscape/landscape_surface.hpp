#pragma once
// A 2-D loss landscape: the loss on an nx x ny grid of a plane, filled coarse to fine so a first
// picture arrives at once (every 8th point of each axis, then every 4th, 2nd, 1st; no point is
// evaluated twice), cancellable between points.
#include <Eigen/Core>
#include <functional>
#include <vector>

#include "losslab/core/task_control.hpp"
#include "losslab/landscape/grid_axes.hpp"
#include "losslab/landscape/landscape_plane.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/samples.hpp"

namespace losslab {

struct GridSpec {
  AxisRange alpha{-1.0, 1.0, 51};
  AxisRange beta{-1.0, 1.0, 51};
  std::size_t memoryLimitBytes = kDefaultLandscapeMemoryLimit;
};

// One picture of a surface: loss(i, j) and accuracy(i, j) at (alphas[i], betas[j]). A pass of a
// progressive evaluation is the sub-grid computed so far: every `stride`-th point of each axis
// of the requested grid, plus its last point so the picture always spans the whole range.
struct LandscapeGrid {
  std::vector<double> alphas, betas;
  Eigen::MatrixXd loss, accuracy;  // alphas.size() x betas.size(); non-finite losses kept
  int stride = 1;                  // 8, 4, 2 for coarse passes, 1 when complete

  bool complete() const { return stride == 1; }
};

// The strides of the passes, coarse to fine.
inline constexpr int kPassStrides[] = {8, 4, 2, 1};
// The indices 0..n-1 a pass of `stride` has computed: the multiples of stride, and n - 1.
std::vector<int> passIndices(int n, int stride);
// The axis values at those indices: a pass's own axes.
std::vector<double> passAxis(const std::vector<double>& values, const std::vector<int>& idx);

using PassCallback = std::function<void(const LandscapeGrid&)>;

// Loss at plane.origin + alpha dir1 + beta dir2 over the grid, in precision S. onPass receives
// each pass (the last one is the complete grid, also returned); passes that would add no point
// are skipped. Progress is reported as the fraction of points done. Throws InputError for a bad
// grid (validateAxis, memory limit) or plane (validatePlane; a surface needs dir2), Cancelled
// when stopped.
template <class S>
LandscapeGrid evaluateSurface(const Network& net, const Loss& loss, const LandscapePlane& plane,
                              const Samples<S>& data, const GridSpec& grid,
                              const TaskControl& control = {}, const PassCallback& onPass = {});

}  // namespace losslab
