#include "losslab/model/network/network.hpp"

#include <cmath>

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"

namespace losslab {
using json_fields::at;

namespace {

// Resolves `layers` for input width `width` from flat offset `offset`; returns the output width.
int resolveList(std::vector<Layer>& layers, int width, Index& offset, const std::string& path) {
  if (layers.empty()) throw InputError(path + ": an empty layer list");
  for (size_t i = 0; i < layers.size(); ++i) {
    Layer& l = layers[i];
    const std::string here = at(path, i);
    l.in = width;
    l.offset = offset;
    switch (l.kind) {
      case LayerKind::Linear:
        if (l.out < 1) throw InputError(here + ": out is " + std::to_string(l.out) + ", must be at least 1");
        offset += Index(l.out) * width + (l.bias ? l.out : 0);
        width = l.out;
        break;
      case LayerKind::Activation:
        if (!std::isfinite(l.slope)) throw InputError(here + ": slope must be a finite number");
        break;
      case LayerKind::LayerNorm:
        if (!(l.eps > 0) || !std::isfinite(l.eps))
          throw InputError(here + ": eps must be a finite number > 0");
        offset += 2 * Index(width);
        break;
      case LayerKind::Residual: {
        const int bodyOut = resolveList(l.body, width, offset, here + ".body");
        if (bodyOut != width)
          throw InputError(here + ".body: changes the width from " + std::to_string(width) + " to " +
                           std::to_string(bodyOut) + " (x + body(x) needs the same width)");
        break;
      }
    }
  }
  return width;
}

void listTensors(const std::vector<Layer>& layers, const std::string& path,
                 std::vector<NetworkTensor>& out) {
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    const std::string here = at(path, i);
    switch (l.kind) {
      case LayerKind::Linear:
        out.push_back({here + ".W", l.offset, l.out, l.in});
        if (l.bias) out.push_back({here + ".b", l.offset + Index(l.out) * l.in, l.out, 0});
        break;
      case LayerKind::LayerNorm:
        out.push_back({here + ".gamma", l.offset, l.in, 0});
        out.push_back({here + ".beta", l.offset + l.in, l.in, 0});
        break;
      case LayerKind::Residual: listTensors(l.body, here + ".body", out); break;
      case LayerKind::Activation: break;
    }
  }
}

int outputOf(const std::vector<Layer>& layers, int width) {
  for (const Layer& l : layers)
    if (l.kind == LayerKind::Linear) width = l.out;
  return width;
}

}  // namespace

Index Layer::parameterCount() const {
  switch (kind) {
    case LayerKind::Linear: return Index(out) * in + (bias ? out : 0);
    case LayerKind::LayerNorm: return 2 * Index(in);
    case LayerKind::Activation: return 0;
    case LayerKind::Residual: {
      Index n = 0;
      for (const Layer& l : body) n += l.parameterCount();
      return n;
    }
  }
  return 0;
}

void Network::resolve() {
  if (inputDim < 1) throw InputError("input_shape: the input width must be at least 1");
  if (!(outputScale > 0) || !std::isfinite(outputScale))
    throw InputError("output_scale: must be a finite number > 0");
  Index offset = 0;
  resolveList(layers, inputDim, offset, "network");
}

int Network::outputDim() const { return outputOf(layers, inputDim); }

Index Network::parameterCount() const {
  Index n = 0;
  for (const Layer& l : layers) n += l.parameterCount();
  return n;
}

std::vector<NetworkTensor> Network::tensors() const {
  std::vector<NetworkTensor> out;
  listTensors(layers, "network", out);
  return out;
}

Network::Network(const Architecture& arch) {
  arch.validate();
  inputDim = arch.inputDim();
  outputScale = arch.outputScale;
  for (int l = 0; l < arch.affineCount(); ++l) {
    Layer linear;
    linear.kind = LayerKind::Linear;
    linear.out = arch.layers[l + 1];
    linear.bias = arch.bias[l];
    layers.push_back(linear);
    if (l + 1 < arch.affineCount()) {
      Layer act;
      act.kind = LayerKind::Activation;
      act.fn = arch.activation;
      layers.push_back(act);
    }
  }
  resolve();
}

std::optional<Architecture> plainMlp(const Network& net) {
  const std::vector<Layer>& list = net.layers;
  if (list.empty() || list.size() % 2 == 0) return std::nullopt;
  Architecture arch;
  arch.layers = {net.inputDim};
  arch.outputScale = net.outputScale;
  for (size_t i = 0; i < list.size(); ++i) {
    const Layer& l = list[i];
    if (i % 2 == 0) {
      if (l.kind != LayerKind::Linear) return std::nullopt;
      arch.layers.push_back(l.out);
      arch.bias.push_back(l.bias);
      continue;
    }
    if (l.kind != LayerKind::Activation || (i > 1 && l.fn != arch.activation) ||
        (l.fn == Activation::LeakyRelu && l.slope != kDefaultLeakySlope))
      return std::nullopt;
    arch.activation = l.fn;
  }
  return arch;
}

namespace {
void visit(const std::vector<Layer>& layers, const std::function<void(const Layer&)>& f) {
  for (const Layer& l : layers) {
    f(l);
    if (l.kind == LayerKind::Residual) visit(l.body, f);
  }
}
}  // namespace

void forEachLayer(const Network& net, const std::function<void(const Layer&)>& f) { visit(net.layers, f); }

std::vector<TensorSpan> tensorSpans(const Network& net) {
  std::vector<TensorSpan> spans;
  for (const NetworkTensor& t : net.tensors()) spans.push_back({t.offset, t.size()});
  return spans;
}

std::vector<TensorSpan> parameterLayerSpans(const Network& net) {
  std::vector<TensorSpan> spans;
  forEachLayer(net, [&](const Layer& l) {
    if (l.kind == LayerKind::Linear || l.kind == LayerKind::LayerNorm) spans.push_back({l.offset, l.parameterCount()});
  });
  return spans;
}

const Layer* classifierLayer(const Network& net) {
  if (net.layers.size() < 2 || net.layers.back().kind != LayerKind::Linear) return nullptr;
  return &net.layers.back();
}

std::string toString(LayerKind kind) {
  switch (kind) {
    case LayerKind::Linear: return "linear";
    case LayerKind::Activation: return "activation";
    case LayerKind::Residual: return "residual";
    case LayerKind::LayerNorm: return "layernorm";
  }
  return "?";
}

}  // namespace losslab
