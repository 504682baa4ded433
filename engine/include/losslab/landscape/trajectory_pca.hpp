#pragma once
// The plane that best holds a training trajectory: the first two principal components of the
// checkpoints minus the final (or current) point, M = [theta_0 - c; ...; theta_{T-1} - c]
// (Li et al. 2018, section 7: no mean-centring, the plane passes through c).
#include <Eigen/Core>
#include <vector>

namespace losslab {

struct TrajectoryPca {
  Eigen::VectorXd dir1, dir2;          // unit right singular vectors of M, largest first
  double explainedVariance1 = 0;       // sigma_1^2 / sum_i sigma_i^2
  double explainedVariance2 = 0;       // sigma_2^2 / sum_i sigma_i^2
  Eigen::VectorXd singularValues;      // all of them, largest first
};

// Sign convention: each component points from the centre towards the start of the path, i.e.
// the first checkpoint has a non-negative coordinate on it (if that coordinate is zero, the
// component's largest-magnitude entry is positive). Throws InputError for fewer than two
// checkpoints, a checkpoint whose length differs from the centre's, non-finite values, or a
// trajectory that spans fewer than two directions around the centre.
TrajectoryPca trajectoryPca(const std::vector<Eigen::VectorXd>& checkpoints,
                            const Eigen::VectorXd& centre);

}  // namespace losslab
