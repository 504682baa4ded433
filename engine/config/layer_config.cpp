#include "losslab/config/layer_config.hpp"

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/model/network/layer_fields.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

bool takesInit(LayerKind kind) {
  return kind == LayerKind::Residual || (hasTensors(kind) && kind != LayerKind::LayerNorm);
}

namespace {

std::vector<LayerConfig> readList(const json& list, const std::string& path, int depth);

LayerConfig readLayerConfig(const json& j, const std::string& path, int depth) {
  LayerConfig c;
  readLayerFields(j, path, [](LayerKind kind) -> std::vector<std::string> {
    if (takesInit(kind)) return {"repeat", "init", "init_scale"};
    return {"repeat"};
  }, c.layer);
  if (j.contains("repeat")) c.repeat = jf::smallInteger(j["repeat"], jf::join(path, "repeat"));
  if (j.contains("init")) {
    try {
      c.init = initFromString(jf::string(j["init"], jf::join(path, "init")));
    } catch (const InputError& e) {  // "model.init: unknown ..." names the model's field: name this one
      const std::string what = e.what();
      throw InputError(jf::join(path, "init") + what.substr(what.find(':')));
    }
  }
  if (j.contains("init_scale")) c.initScale = jf::number(j["init_scale"], jf::join(path, "init_scale"));
  if (c.layer.kind == LayerKind::Residual) {
    if (depth >= kMaxLayerNesting)
      throw InputError(path + ": residual blocks nested more than " + std::to_string(kMaxLayerNesting) + " deep");
    c.body = readList(jf::require(j, "body", path), jf::join(path, "body"), depth + 1);
  }
  return c;
}

std::vector<LayerConfig> readList(const json& list, const std::string& path, int depth) {
  if (!list.is_array()) throw InputError(path + ": expected a list of layers");
  std::vector<LayerConfig> out;
  for (size_t i = 0; i < list.size(); ++i) out.push_back(readLayerConfig(list[i], jf::at(path, i), depth));
  return out;
}

// Layers after expanding repeats, counted to bound what a file can ask for.
long expandedCount(const std::vector<LayerConfig>& layers) {
  long n = 0;
  for (const LayerConfig& c : layers) n += long(c.repeat) * (1 + (c.layer.kind == LayerKind::Residual ? expandedCount(c.body) : 0));
  return n;
}

void check(const std::vector<LayerConfig>& layers, const std::string& path, bool top, int depth) {
  if (layers.empty()) throw InputError(path + ": an empty layer list");
  if (depth > kMaxLayerNesting)
    throw InputError(path + ": residual blocks nested more than " + std::to_string(kMaxLayerNesting) + " deep");
  int lastLinear = -1;
  for (size_t i = 0; i < layers.size(); ++i)
    if (layers[i].layer.kind == LayerKind::Linear) lastLinear = int(i);
  for (size_t i = 0; i < layers.size(); ++i) {
    const LayerConfig& c = layers[i];
    const std::string here = jf::at(path, i);
    if (c.repeat < 1 || c.repeat > kMaxRepeat)
      throw InputError(jf::join(here, "repeat") + ": " + std::to_string(c.repeat) + ", must be in 1.." +
                       std::to_string(kMaxRepeat));
    if (c.initScale && !(*c.initScale > 0))
      throw InputError(jf::join(here, "init_scale") + ": must be a number > 0");
    switch (c.layer.kind) {
      case LayerKind::Linear:
        if (c.layer.out == 0 && !(top && int(i) == lastLinear && c.repeat == 1))
          throw InputError(jf::join(here, "out") +
                           ": missing (only the last linear layer of the list may leave it out: it then has the "
                           "data's outputs)");
        if (c.layer.out < 0 || c.layer.out > kMaxLayerWidth)
          throw InputError(jf::join(here, "out") + ": " + std::to_string(c.layer.out) + ", must be in 1.." +
                           std::to_string(kMaxLayerWidth));
        break;
      case LayerKind::Residual: check(c.body, jf::join(here, "body"), false, depth + 1); break;
      default:
        if ((c.init || c.initScale) && !takesInit(c.layer.kind))
          throw InputError(here + ": a " + toString(c.layer.kind) +
                           " layer takes no init (only layers with weights and residual blocks do)");
        break;
    }
  }
}

}  // namespace

std::vector<LayerConfig> readLayerConfigs(const json& list, const std::string& path) {
  return readList(list, path, 0);
}

json toJson(const std::vector<LayerConfig>& layers) {
  json list = json::array();
  for (const LayerConfig& c : layers) {
    json j = layerFieldsJson(c.layer);
    if (c.layer.kind == LayerKind::Residual) j["body"] = toJson(c.body);
    j["repeat"] = c.repeat;  // always written: a sweep addresses it by path (model.layers[3].repeat)
    if (c.init) j["init"] = toString(*c.init);
    if (c.initScale) j["init_scale"] = *c.initScale;
    list.push_back(std::move(j));
  }
  return list;
}

void validateLayers(const std::vector<LayerConfig>& layers, const std::string& path) {
  check(layers, path, true, 0);
  const long n = expandedCount(layers);
  if (n > kMaxExpandedLayers)
    throw InputError(path + ": " + std::to_string(n) + " layers once repeats are expanded; at most " +
                     std::to_string(kMaxExpandedLayers));
}

}  // namespace losslab
