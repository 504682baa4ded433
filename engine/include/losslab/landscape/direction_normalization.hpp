#pragma once
// Rescaling a direction to the scale of the parameters it perturbs, so that landscapes of
// networks with different weight scales can be compared (Li et al. 2018, "Visualizing the Loss
// Landscape of Neural Nets", section 4).
#include <Eigen/Core>
#include <string>

#include <vector>

#include "losslab/model/architecture.hpp"
#include "losslab/model/network/network.hpp"

namespace losslab {

enum class DirectionNorm {
  Filter,  // per output neuron: each row of W, d_row *= ||theta_row|| / ||d_row|| (the default)
  Layer,   // per weight tensor, by Frobenius norms
  Model,   // the whole vector: d *= ||theta|| / ||d||
  None,    // the direction exactly as given (biases untouched too)
};

enum class BiasDirections {
  Zero,       // bias entries set to zero (Li et al.'s "ignore biases", their recommended default)
  Normalize,  // biases kept: under filter and layer, d_b = theta_b as Li et al.'s code does
};

struct NormalizationOptions {
  DirectionNorm norm = DirectionNorm::Filter;
  BiasDirections biases = BiasDirections::Zero;
};

// The normalised copy of d (a flat vector in spec order) relative to theta, tensor by tensor
// (Network::tensors(); an Architecture converts): every 2-D tensor is a weight, normalised row by
// row under Filter (a neuron's row of W; shared/spec/model-format-2.md), every 1-D tensor (a bias,
// LayerNorm's gamma and beta) a bias.
// With BiasDirections::Normalize a bias tensor is treated as Li et al.'s code treats any 1-D
// tensor (net_plotter.py, normalize_directions_for_weights with ignore != 'biasbn'): under Filter
// and Layer the bias part of the direction is replaced by the bias itself, d_b = theta_b
// (d.copy_(w)), not a rescaled draw; under Model (LossLab's own, not in their code) biases join
// the whole-vector norm. With Zero they are zeroed and left out of every norm. A zero row or
// tensor of d stays zero (no division by zero).
Eigen::VectorXd normalizeDirection(const Eigen::VectorXd& d, const Eigen::VectorXd& theta,
                                   const Network& net, const NormalizationOptions& options = {});
Eigen::VectorXd normalizeDirection(const Eigen::VectorXd& d, const Eigen::VectorXd& theta,
                                   const std::vector<NetworkTensor>& tensors,
                                   const NormalizationOptions& options = {});

// Gram-Schmidt: d minus its component along `reference` (reference zero: d unchanged).
Eigen::VectorXd orthogonalizedAgainst(const Eigen::VectorXd& d, const Eigen::VectorXd& reference);
// Flips v so that its entry of largest magnitude is positive: the sign convention for directions
// whose sign is arbitrary (eigenvectors, principal components).
void makeLargestEntryPositive(Eigen::VectorXd& v);

std::string toString(DirectionNorm n);
DirectionNorm directionNormFromString(const std::string& name);  // filter, layer, model, none
std::string toString(BiasDirections b);
BiasDirections biasDirectionsFromString(const std::string& name);  // zero, normalize

}  // namespace losslab
