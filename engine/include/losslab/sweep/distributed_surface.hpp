#pragma once
// A 2-D loss landscape computed row by row through a WorkDistribution: each row alpha_i is one
// item (the losses and accuracies at (alpha_i, beta_j) for every j), so MPI ranks share a grid
// and the writer assembles it. Every point is evaluated as evaluateSurface evaluates it, so the
// grid is identical to the one-process grid, bit for bit.
#include "losslab/landscape/landscape_surface.hpp"
#include "losslab/sweep/work_distribution.hpp"

namespace losslab {

// The complete grid on the writer (stride 1); other processes return an empty grid. The same
// checks as evaluateSurface (InputError), Cancelled when stopped.
template <class S>
LandscapeGrid evaluateSurfaceByRows(WorkDistribution& distribution, const Network& net, const Loss& loss,
                                    const LandscapePlane& plane, const Samples<S>& data, const GridSpec& grid,
                                    const TaskControl& control = {}, int threads = 0);

}  // namespace losslab
