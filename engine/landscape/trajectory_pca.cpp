#include "losslab/landscape/trajectory_pca.hpp"

#include <Eigen/SVD>

#include "losslab/core/error.hpp"
#include "losslab/landscape/direction_normalization.hpp"

namespace losslab {

TrajectoryPca trajectoryPca(const std::vector<Eigen::VectorXd>& checkpoints,
                            const Eigen::VectorXd& centre) {
  const Index t = Index(checkpoints.size()), p = centre.size();
  if (t < 2)
    throw InputError("trajectory PCA: needs at least 2 checkpoints besides the centre, got " +
                     std::to_string(t));
  Eigen::MatrixXd m(t, p);
  for (Index i = 0; i < t; ++i) {
    if (checkpoints[i].size() != p)
      throw InputError("trajectory PCA: checkpoint " + std::to_string(i) + " has " +
                       std::to_string(checkpoints[i].size()) + " parameters, the centre " +
                       std::to_string(p));
    m.row(i) = (checkpoints[i] - centre).transpose();
  }
  if (!m.allFinite()) throw InputError("trajectory PCA: a checkpoint contains NaN or infinite values");
  // T x P with T small: the thin SVD costs O(T^2 P).
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(m, Eigen::ComputeThinV);
  const Eigen::VectorXd& s = svd.singularValues();
  const double total = s.squaredNorm();
  if (s.size() < 2 || !(s[1] > 1e-12 * s[0]))
    throw InputError("trajectory PCA: the checkpoints span fewer than 2 directions around the "
                     "centre (all on one line); a plane needs a trajectory that turns");
  TrajectoryPca r;
  r.singularValues = s;
  r.explainedVariance1 = s[0] * s[0] / total;
  r.explainedVariance2 = s[1] * s[1] / total;
  Eigen::VectorXd* dirs[2] = {&r.dir1, &r.dir2};
  for (int k = 0; k < 2; ++k) {
    *dirs[k] = svd.matrixV().col(k);
    const double start = m.row(0).dot(*dirs[k]);
    if (start < 0)
      *dirs[k] = -*dirs[k];
    else if (start == 0)
      makeLargestEntryPositive(*dirs[k]);
  }
  return r;
}

}  // namespace losslab
