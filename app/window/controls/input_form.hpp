#pragma once
// How the data's samples reach the network — vectors, images [C, H, W] or token sequences — and
// the model that fits that form. The Data panel switches the form; a model that cannot take the
// new form is changed with it (one undoable edit), so the switch never leaves a run that cannot
// start: token input gets a one-layer transformer (the grokking literature's model); a layer list
// that starts with a dense layer gets a Flatten before it when the samples become images (and loses
// it again when they become vectors); a network that reads tokens or images becomes the MLP of the
// model's own settings (hidden widths, activation) when the data no longer offers them. An imported
// network (model.file) is never changed: the engine then says what it takes.
#include "losslab/config/experiment.hpp"

namespace losslab {

// The bundled data sets that can be read as images, and their shape ([] for none).
std::vector<int> imageShapeOf(const std::string& dataKind);

// data.encoding "tokens" (true) or "one_hot"; adapts config.model as above.
void setTokenInput(ExperimentConfig& config, bool tokens);
// data.shape = imageShapeOf(kind) (true) or [] (false); adapts config.model as above.
void setImageInput(ExperimentConfig& config, bool images);

// The model a token switch builds: embedding (width 128, initialised N(0, 1/128) as Nanda et al.'s
// W_E), learned positions, causal attention (4 heads) and a ReLU MLP of width 512, each residual,
// the last position selected and unembedded without a bias — Nanda et al. 2023's layout.
std::vector<LayerConfig> oneLayerTransformer();

}  // namespace losslab
