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

// The input a network is built for: inputDim numbers per sample, shaped as an image if `shape`
// is given, token ids of a vocabulary of `vocab` if it is > 0 (an embedding's vocab left 0 in the
// experiment takes it).
struct NetworkInput {
  int dim = 0;
  std::vector<int> shape;
  int vocab = 0;
};

// Throws InputError naming the field (model.layers[4].out) if the list does not fit the data.
ModelNetwork networkFor(const ModelConfig& model, const NetworkInput& input, int outputDim);
inline ModelNetwork networkFor(const ModelConfig& model, int inputDim, int outputDim) {
  return networkFor(model, NetworkInput{inputDim, {}, 0}, outputDim);
}

}  // namespace losslab
