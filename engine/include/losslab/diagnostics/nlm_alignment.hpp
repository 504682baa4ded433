#pragma once
// Naive loss minimisation (Prieto et al. 2025): past 100% training accuracy, cross-entropy keeps
// falling by scaling the logits up, and the updates line up with the weights themselves. The
// alignment is a cosine per layer (an affine layer's W and b together; a LayerNorm's gamma and beta) and over all parameters, between
// theta and a direction: -Delta theta (the step taken, theta <- theta - Delta theta; +1: the step
// only scales the weights up) or -grad L. The weight norms are per layer and total likewise.
#include <Eigen/Core>
#include <vector>

#include "losslab/model/network/network.hpp"

namespace losslab {

struct LayerwiseValue {
  double total = 0.0;
  std::vector<double> perLayer;  // one per layer with parameters, input to output (parameterLayerSpans)
};

// ||theta_l||_2 per layer and ||theta||_2.
LayerwiseValue weightNorms(const Eigen::VectorXd& theta, const Network& net);

// cos(theta_l, direction_l) per layer and cos(theta, direction); NaN where a vector is zero.
LayerwiseValue nlmAlignment(const Eigen::VectorXd& theta, const Eigen::VectorXd& direction,
                            const Network& net);

}  // namespace losslab
