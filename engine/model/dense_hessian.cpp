#include "losslab/model/dense_hessian.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "losslab/core/error.hpp"
#include "losslab/model/mlp_objective.hpp"

namespace losslab {

Eigen::MatrixXd denseHessian(const Architecture& arch, LossKind loss, const Eigen::VectorXd& theta,
                             const Samples<double>& data) {
  const Index P = arch.parameterCount();
  if (P > kDenseHessianMaxParameters)
    throw InputError("dense Hessian: the model has " + std::to_string(P) +
                     " parameters; the dense Hessian is limited to " +
                     std::to_string(kDenseHessianMaxParameters));
  MlpObjective<double>(arch, loss).checkCompatible(data);
  Eigen::MatrixXd H(P, P);
  tbb::parallel_for(tbb::blocked_range<Index>(0, P, 16), [&](const tbb::blocked_range<Index>& r) {
    MlpObjective<double> objective(arch, loss);
    Eigen::VectorXd e = Eigen::VectorXd::Zero(P), column;
    for (Index j = r.begin(); j < r.end(); ++j) {
      e[j] = 1.0;
      objective.hessianVectorProduct(theta, data, e, column);
      H.col(j) = column;
      e[j] = 0.0;
    }
  });
  return 0.5 * (H + H.transpose());
}

}  // namespace losslab
