#include "losslab/landscape/hessian_directions.hpp"

#include "losslab/curvature/top_eigenpairs.hpp"

namespace losslab {

void fixEigenvectorSign(Eigen::VectorXd& v) {
  Index i = 0;
  v.cwiseAbs().maxCoeff(&i);
  if (v.size() && v[i] < 0) v = -v;
}

EigenDirections hessianEigenDirections(CurvatureOperator& hessian, double tolerance,
                                       const TaskControl& control) {
  EigenOptions options;
  options.k = 2;
  options.tolerance = tolerance;
  const Eigenpairs pairs = extremeEigenpairs(hessian, options, control);
  EigenDirections d;
  d.dir1 = pairs.vectors.col(0);
  d.dir2 = pairs.vectors.col(1);
  fixEigenvectorSign(d.dir1);
  fixEigenvectorSign(d.dir2);
  d.lambda1 = pairs.values[0];
  d.lambda2 = pairs.values[1];
  d.converged = pairs.converged;
  return d;
}

}  // namespace losslab
