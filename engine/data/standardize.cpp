#include "losslab/data/standardize.hpp"

#include <algorithm>
#include <cmath>

namespace losslab {

FeatureScaling fitFeatureScaling(const Eigen::MatrixXd& x) {
  const Eigen::Index d = x.rows(), n = x.cols();
  FeatureScaling s{Eigen::VectorXd::Zero(d), Eigen::VectorXd::Ones(d)};
  if (n == 0) return s;
  s.mean = x.rowwise().mean();
  for (Eigen::Index r = 0; r < d; ++r) {
    const double sd = std::sqrt((x.row(r).array() - s.mean(r)).square().sum() / double(n));
    // Round-off leaves a constant column with sd ~ 1e-16·|mean|, not 0: dividing would blow it up.
    if (sd > 1e-12 * std::max(1.0, std::abs(s.mean(r)))) s.scale(r) = sd;
  }
  return s;
}

void applyFeatureScaling(const FeatureScaling& scaling, Eigen::MatrixXd& x) {
  x = (x.colwise() - scaling.mean).array().colwise() / scaling.scale.array();
}

FeatureScaling standardizeSplit(DataSplit& split) {
  const FeatureScaling scaling = fitFeatureScaling(split.train.x);
  applyFeatureScaling(scaling, split.train.x);
  applyFeatureScaling(scaling, split.test.x);
  return scaling;
}

}  // namespace losslab
