#pragma once
// z-scoring of features with statistics of the training set only, so that nothing about the
// test set leaks into training.
#include "losslab/data/dataset.hpp"

namespace losslab {

struct FeatureScaling {
  Eigen::VectorXd mean;   // per feature
  Eigen::VectorXd scale;  // per feature: the population standard deviation, 1 for constant ones
};

// Constant features (std ≈ 0 relative to their size) keep scale 1: they are centred, not divided.
FeatureScaling fitFeatureScaling(const Eigen::MatrixXd& x);
void applyFeatureScaling(const FeatureScaling& scaling, Eigen::MatrixXd& x);
// Fits on split.train and applies to both sets; returns what was applied.
FeatureScaling standardizeSplit(DataSplit& split);

}  // namespace losslab
