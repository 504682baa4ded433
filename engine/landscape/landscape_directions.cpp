#include "losslab/landscape/landscape_directions.hpp"

#include "losslab/core/error.hpp"
#include "losslab/curvature/curvature_operator.hpp"
#include "losslab/landscape/checkpoint_plane.hpp"
#include "losslab/landscape/hessian_directions.hpp"
#include "losslab/landscape/trajectory_pca.hpp"

namespace losslab {

std::string toString(DirectionKind kind) {
  switch (kind) {
    case DirectionKind::Random: return "random";
    case DirectionKind::Hessian: return "hessian";
    case DirectionKind::TrajectoryPca: return "pca";
    case DirectionKind::Interpolation: return "interpolation";
  }
  return "?";
}

LandscapeDirections landscapeDirections(DirectionKind kind, const DirectionInputs& in,
                                        const DirectionOptions& options, const TaskControl& control) {
  if (in.network.layers.empty()) throw InputError("landscape directions: no network given");
  LandscapeDirections d;
  d.kind = kind;
  switch (kind) {
    case DirectionKind::Random: {
      const DirectionPair pair = randomDirections(in.theta, in.network, options.random);
      d.plane = {in.theta, pair.dir1, pair.dir2};
      break;
    }
    case DirectionKind::Hessian: {
      if (!in.hessianSamples) throw InputError("Hessian directions: no samples to take the Hessian on");
      CurvatureOperator hessian(in.network, in.loss, in.theta, in.hessianSamples());
      const EigenDirections e = hessianEigenDirections(hessian, options.hessianTolerance, control);
      d.plane = {in.theta, e.dir1, e.dir2};
      d.eigenvalues[0] = e.lambda1, d.eigenvalues[1] = e.lambda2;
      d.converged = e.converged;
      break;
    }
    case DirectionKind::TrajectoryPca: {
      const TrajectoryPca pca = trajectoryPca(in.trajectory, in.theta);
      d.plane = {in.theta, pca.dir1, pca.dir2};
      d.explainedVariance[0] = pca.explainedVariance1, d.explainedVariance[1] = pca.explainedVariance2;
      break;
    }
    case DirectionKind::Interpolation: {
      d.plane = interpolationLine(in.start, in.theta);  // a zero line is a flat curve, not an error
      break;
    }
  }
  return d;
}

}  // namespace losslab
