#include "losslab/config/mlp_shortcut.hpp"

namespace losslab {

namespace {

LayerConfig linear(int out, bool bias) {
  LayerConfig c;
  c.layer.kind = LayerKind::Linear;
  c.layer.out = out;
  c.layer.bias = bias;
  return c;
}

LayerConfig activation(Activation fn) {
  LayerConfig c;
  c.layer.kind = LayerKind::Activation;
  c.layer.fn = fn;
  return c;
}

std::vector<LayerConfig> listOf(const MlpShortcut& s) {
  std::vector<LayerConfig> list;
  for (size_t i = 0; i < s.hidden.size(); ++i) {
    if (s.skip && i > 0 && s.hidden[i] == s.hidden[i - 1]) {
      LayerConfig block;
      block.layer.kind = LayerKind::Residual;
      block.body = {linear(s.hidden[i], s.bias), activation(s.activation)};
      list.push_back(std::move(block));
    } else {
      list.push_back(linear(s.hidden[i], s.bias));
      list.push_back(activation(s.activation));
    }
  }
  list.push_back(linear(0, s.bias));  // the data's outputs
  return list;
}

bool plain(const LayerConfig& c) { return c.repeat == 1 && !c.init && !c.initScale; }

}  // namespace

std::optional<MlpShortcut> mlpShortcut(const ModelConfig& model) {
  if (!model.file.empty()) return std::nullopt;
  if (model.kind == "mlp") return MlpShortcut{model.hidden, model.activation, model.bias, false};
  if (model.kind != "network" || model.layers.empty()) return std::nullopt;
  // Read the settings off the list's first layers, rebuild, and compare: the list is the
  // shortcut's exactly when it is what the shortcut would write.
  const std::vector<LayerConfig>& list = model.layers;
  MlpShortcut s;
  s.skip = true;
  s.bias = list.back().layer.bias;
  for (const LayerConfig& c : list) {
    if (!plain(c)) return std::nullopt;
    if (c.layer.kind == LayerKind::Activation) {
      s.activation = c.layer.fn;
      break;
    }
  }
  for (size_t i = 0; i + 1 < list.size(); ++i) {
    const LayerConfig& c = list[i];
    if (c.layer.kind == LayerKind::Linear) s.hidden.push_back(c.layer.out);
    if (c.layer.kind == LayerKind::Residual && !c.body.empty()) s.hidden.push_back(c.body.front().layer.out);
  }
  if (s.hidden.size() > size_t(8)) return std::nullopt;
  if (listOf(s) == list) return s;
  s.skip = false;  // an MLP written as a list (a list whose skips were switched off)
  if (listOf(s) == list) return s;
  return std::nullopt;
}

void applyShortcut(ModelConfig& model, const MlpShortcut& s) {
  model.file.clear();
  if (!s.skip) {
    model.kind = "mlp";
    model.hidden = s.hidden;
    model.activation = s.activation;
    model.bias = s.bias;
    model.layers.clear();
    return;
  }
  model.kind = "network";
  model.layers = listOf(s);
}

bool hasSkips(const std::vector<LayerConfig>& layers) {
  for (const LayerConfig& c : layers)
    if (c.layer.kind == LayerKind::Residual) return true;
  return false;
}

std::vector<LayerConfig> withoutSkips(const std::vector<LayerConfig>& layers) {
  std::vector<LayerConfig> out;
  for (const LayerConfig& c : layers) {
    if (c.layer.kind != LayerKind::Residual) {
      out.push_back(c);
      continue;
    }
    std::vector<LayerConfig> body = withoutSkips(c.body);
    for (LayerConfig& l : body) {  // the block's initialisation goes to its layers
      if (!l.init) l.init = c.init;
      if (!l.initScale) l.initScale = c.initScale;
      if (!hasTensors(l.layer.kind) || l.layer.kind == LayerKind::LayerNorm) l.init.reset(), l.initScale.reset();
    }
    for (int r = 0; r < c.repeat; ++r) out.insert(out.end(), body.begin(), body.end());
  }
  return out;
}

std::vector<LayerConfig> layerList(const ModelConfig& model) {
  if (model.kind == "network") return model.layers;
  return listOf(MlpShortcut{model.hidden, model.activation, model.bias, false});
}

}  // namespace losslab
