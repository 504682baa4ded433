#pragma once
// Li et al. 2018's convexity map (their Fig. 7): at every point of a 2-D landscape the Hessian's
// extreme eigenvalues, and |λmin / λmax|, small where the surface is convex (λmin ≥ 0 or tiny
// beside λmax) and large where it curves down as strongly as up. λmax by Lanczos; λmin as
// λmax − (the top eigenvalue of λmax I − H), so that its accuracy is relative to λmax, as the
// ratio needs, however close to zero it is. Every point's solves start from the eigenvectors of
// a neighbour already done (the first pass walks its points in a snake; later passes start from
// the nearest point of the passes before), so a map costs a handful of products a point and its
// values do not depend on the thread count. Passes coarse to fine, like the loss map.
#include <Eigen/Core>
#include <functional>
#include <vector>

#include "losslab/core/task_control.hpp"
#include "losslab/landscape/landscape_plane.hpp"
#include "losslab/landscape/landscape_surface.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/network/network.hpp"
#include "losslab/model/samples.hpp"

namespace losslab {

struct ConvexityGrid {
  std::vector<double> alphas, betas;
  Eigen::MatrixXd lambdaMax, lambdaMin;  // alphas.size() x betas.size()
  int stride = 1;
  long products = 0;   // Hessian-vector products spent (all passes so far)
  int unconverged = 0; // points whose solves stopped at the iteration limit (their values kept)

  bool complete() const { return stride == 1; }
  // |λmin / λmax| at each point (NaN where λmax is 0 or a value is not finite).
  Eigen::MatrixXd ratio() const;
  // The share of points with |λmin / λmax| above `threshold` (Li et al. call them non-convex).
  double shareAbove(double threshold) const;
};

struct ConvexityOptions {
  double tolerance = 1e-3;  // relative to λmax, of both ends
  int maxIterations = 200;  // Lanczos restarts per solve
  std::uint64_t seed = 0;   // the first point's start
};

using ConvexityPassCallback = std::function<void(const ConvexityGrid&)>;

// Throws InputError for a bad grid or plane (as evaluateSurface), Cancelled when stopped. The
// Hessian is of the mean loss over `data`, in float64.
ConvexityGrid evaluateConvexity(const Network& net, const Loss& loss, const LandscapePlane& plane,
                                const Samples<double>& data, const GridSpec& grid, const ConvexityOptions& options = {},
                                const TaskControl& control = {}, const ConvexityPassCallback& onPass = {});

}  // namespace losslab
