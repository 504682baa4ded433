#pragma once
// The classroom's controls for a network — depth, widths, one activation, biases and a "skip
// connections" switch — over either model kind: an MLP, or the layer list the switch makes of it
// (every hidden layer after the first that keeps the width becomes a residual block
// x + σ(W x + b), as in He et al. 2016's identity shortcuts). A list of any other shape is the
// architecture editor's alone.
#include <optional>
#include <vector>

#include "losslab/config/experiment.hpp"

namespace losslab {

struct MlpShortcut {
  std::vector<int> hidden;
  Activation activation = Activation::Tanh;
  bool bias = true;
  bool skip = false;
};

// The shortcut's settings of a model, if it has that shape (an MLP always; a network built by
// applyShortcut or written the same way); nullopt for any other list and for imported files.
std::optional<MlpShortcut> mlpShortcut(const ModelConfig& model);
// Makes `model` the shortcut's network: kind "mlp" without skips, else kind "network" with its
// list. init, scales and the rest of the model are kept.
void applyShortcut(ModelConfig& model, const MlpShortcut& shortcut);
// Whether the list has a residual block anywhere.
bool hasSkips(const std::vector<LayerConfig>& layers);
// The same list with every residual block replaced by its body (n times for a block repeated n
// times): the network without its skip connections, layer for layer (Li et al. 2018's
// "ResNet-56-noshort").
std::vector<LayerConfig> withoutSkips(const std::vector<LayerConfig>& layers);
// The layer list a model trains, written out (an MLP's linear and activation layers); for the
// editor, which turns an MLP into a list to edit.
std::vector<LayerConfig> layerList(const ModelConfig& model);

}  // namespace losslab
