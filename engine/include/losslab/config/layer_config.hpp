#pragma once
// model.kind "network": a layer list in the vocabulary of shared/spec/model-format-2.md without
// tensors, plus what an experiment needs to build one: a repeat count (a block written once, used
// n times in a row) and the initialisation of a layer where it differs from model.init.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "losslab/model/init_kind.hpp"
#include "losslab/model/network/network.hpp"

namespace losslab {

struct LayerConfig {
  // The kind and fields (layer.body is unused: the body is `body`). A linear layer's out 0: the
  // data's outputs, allowed on the last linear layer of the list only.
  Layer layer;
  std::vector<LayerConfig> body;  // residual
  int repeat = 1;
  std::optional<InitKind> init;       // for a residual: its body's, unless a body layer says otherwise
  std::optional<double> initScale;
  bool operator==(const LayerConfig&) const = default;
};

// Limits of a network an experiment builds (the window and sweeps build them too).
inline constexpr int kMaxLayerWidth = 4096, kMaxRepeat = 64, kMaxExpandedLayers = 512, kMaxLayerNesting = 8;
// As many as the largest MLP the controls build (8 hidden layers of 4096) and a little more: a
// list of 512 layers 4096 wide would ask for 69 GB before its first step.
inline constexpr Index kMaxNetworkParameters = 160'000'000;

// The layers whose tensors an initialisation scheme draws (layernorm starts at 1 and 0), and
// residual blocks, which pass theirs to their body: those that may carry init and init_scale.
bool takesInit(LayerKind kind);

// model.layers; throws InputError naming the layer by its path ("model.layers[2].body[0].out").
std::vector<LayerConfig> readLayerConfigs(const nlohmann::json& list, const std::string& path);
nlohmann::json toJson(const std::vector<LayerConfig>& layers);
// Range checks (widths, repeats, nesting, the expanded size) and where "out" may be left out.
void validateLayers(const std::vector<LayerConfig>& layers, const std::string& path = "model.layers");

}  // namespace losslab
