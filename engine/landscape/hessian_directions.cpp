#include "losslab/landscape/hessian_directions.hpp"

#include "losslab/curvature/top_eigenpairs.hpp"
#include "losslab/landscape/direction_normalization.hpp"

namespace losslab {

EigenDirections hessianEigenDirections(CurvatureOperator& hessian, double tolerance,
                                       const TaskControl& control) {
  EigenOptions options;
  options.k = 2;
  options.tolerance = tolerance;
  const Eigenpairs pairs = extremeEigenpairs(hessian, options, control);
  EigenDirections d;
  d.dir1 = pairs.vectors.col(0);
  d.dir2 = pairs.vectors.col(1);
  makeLargestEntryPositive(d.dir1);
  makeLargestEntryPositive(d.dir2);
  d.lambda1 = pairs.values[0];
  d.lambda2 = pairs.values[1];
  d.converged = pairs.converged;
  return d;
}

}  // namespace losslab
