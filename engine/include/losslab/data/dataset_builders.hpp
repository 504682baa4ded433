#pragma once
// Assembling a Dataset from its parts, so that every source fills the same fields the same way.
#include <utility>
#include <vector>

#include "losslab/core/random.hpp"
#include "losslab/data/dataset.hpp"

namespace losslab {

inline Dataset classificationData(Eigen::MatrixXd x, std::vector<int> labels, int numClasses) {
  Dataset d;
  d.task = Task::Classification;
  d.x = std::move(x);
  d.labels = std::move(labels);
  d.numClasses = numClasses;
  return d;
}

inline Dataset regressionData(Eigen::MatrixXd x, Eigen::MatrixXd targets) {
  Dataset d;
  d.task = Task::Regression;
  d.x = std::move(x);
  d.targets = std::move(targets);
  return d;
}

// m += scale·N(0, 1) entrywise, column by column. Generators draw it after the noiseless values,
// so changing the noise level does not move the underlying points.
inline void addGaussianNoise(Eigen::MatrixXd& m, double scale, Rng& rng) {
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index r = 0; r < m.rows(); ++r) m(r, j) += scale * rng.normal();
}

}  // namespace losslab
