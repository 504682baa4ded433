#pragma once
// A layer's kind and fields besides its tensors (shared/spec/model-format-2.md's table): read the
// same way from a model file (where tensors follow) and from an experiment's model.layers (where
// repeat and init may follow), so both speak one vocabulary and name errors alike.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "losslab/model/network/network.hpp"

namespace losslab {

// The keys a reader takes besides a kind's own fields, given the kind (a file's "W" and "b"; an
// experiment's "repeat").
using ExtraLayerKeys = std::function<std::vector<std::string>(LayerKind)>;

// Reads "kind" and the fields of that kind into `layer`: out (if present; the caller decides
// whether it is required), bias, fn, slope, eps, and the image and sequence layers' (out_channels,
// kernel, stride, padding; vocab, dim; heads, causal; position), those without a default
// required. A residual's body is left to the caller. Any key not of the kind nor in
// extraKeys(kind) is an InputError naming `path` and the key; so is an unknown kind.
void readLayerFields(const nlohmann::json& j, const std::string& path, const ExtraLayerKeys& extraKeys,
                     Layer& layer);

// The fields of `layer` as JSON (kind first; defaults written out), without tensors or body.
nlohmann::json layerFieldsJson(const Layer& layer);

}  // namespace losslab
