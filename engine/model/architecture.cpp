#include "losslab/model/architecture.hpp"

#include <cmath>

#include "losslab/core/error.hpp"

namespace losslab {

Architecture Architecture::mlp(std::vector<int> layers, Activation act, bool withBias,
                               double outputScale) {
  Architecture a;
  a.layers = std::move(layers);
  a.activation = act;
  a.bias.assign(a.layers.size() > 1 ? a.layers.size() - 1 : 0, withBias);
  a.outputScale = outputScale;
  return a;
}

Index Architecture::weightOffset(int layer) const {
  Index offset = 0;
  for (int l = 0; l < layer; ++l)
    offset += Index(layers[l + 1]) * layers[l] + (bias[l] ? layers[l + 1] : 0);
  return offset;
}

Index Architecture::biasOffset(int layer) const {
  if (!bias[layer]) return -1;
  return weightOffset(layer) + Index(layers[layer + 1]) * layers[layer];
}

Index Architecture::parameterCount() const { return weightOffset(affineCount()); }

std::vector<TensorSpan> Architecture::tensors() const {
  std::vector<TensorSpan> spans;
  for (int l = 0; l < affineCount(); ++l) {
    spans.push_back({weightOffset(l), Index(layers[l + 1]) * layers[l]});
    if (bias[l]) spans.push_back({biasOffset(l), layers[l + 1]});
  }
  return spans;
}

void Architecture::validate() const {
  if (layers.size() < 2)
    throw InputError("layers: need at least an input and an output width, got " +
                     std::to_string(layers.size()) + " widths");
  for (size_t i = 0; i < layers.size(); ++i)
    if (layers[i] < 1 || layers[i] > 1 << 20)
      throw InputError("layers[" + std::to_string(i) + "]: width " + std::to_string(layers[i]) +
                       " is outside 1..1048576");
  if (bias.size() != layers.size() - 1)
    throw InputError("bias: " + std::to_string(bias.size()) + " flags for " +
                     std::to_string(layers.size() - 1) + " layers");
  if (!(outputScale > 0) || !std::isfinite(outputScale))
    throw InputError("output_scale: " + std::to_string(outputScale) + " must be a finite number > 0");
}

std::string toString(Activation a) {
  switch (a) {
    case Activation::Linear: return "linear";
    case Activation::Relu: return "relu";
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Gelu: return "gelu";
    case Activation::LeakyRelu: return "leaky_relu";
    case Activation::Elu: return "elu";
    case Activation::Silu: return "silu";
    case Activation::Softplus: return "softplus";
    case Activation::Sin: return "sin";
  }
  return "?";
}

std::vector<Activation> allActivations() {
  return {Activation::Linear,    Activation::Relu, Activation::Tanh, Activation::Sigmoid,
          Activation::Gelu,      Activation::LeakyRelu, Activation::Elu, Activation::Silu,
          Activation::Softplus,  Activation::Sin};
}

Activation activationFromString(const std::string& name) {
  std::string allowed;
  for (Activation a : allActivations()) {
    if (toString(a) == name) return a;
    allowed += (allowed.empty() ? "" : ", ") + toString(a);
  }
  throw InputError("activation: unknown \"" + name + "\" (allowed: " + allowed + ")");
}

}  // namespace losslab
