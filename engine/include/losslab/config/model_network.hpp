#pragma once
// The network an experiment's model section builds on data of given widths, and how each of its
// layers is initialised: an "mlp" is the layer list of its MLP; a "network" is its model.layers
// with repeats expanded and the last linear layer's width defaulting to the data's outputs.
#include <vector>

#include "losslab/config/experiment.hpp"
#include "losslab/model/initialization.hpp"
#include "losslab/model/network/network.hpp"

namespace losslab {

struct ModelNetwork {
  Network network;              // resolved
  std::vector<LayerInit> init;  // one per layer with parameters, depth first (parameterLayerSpans)
};

// Throws InputError naming the field (model.layers[4].out) if the list does not fit the data.
ModelNetwork networkFor(const ModelConfig& model, int inputDim, int outputDim);

}  // namespace losslab
