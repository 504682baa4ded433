#pragma once
// A network as a list of layers (shared/spec/model-format-2.md): linear, activation, residual
// (x + body(x)) and layernorm. One sample is a vector; the list maps the input width to the
// logits. The flat parameter vector holds the layers' tensors in list order, a residual's body in
// place (depth first), each tensor row-major: for a plain MLP exactly the /1 order.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/model/architecture.hpp"

namespace losslab {

enum class LayerKind { Linear, Activation, Residual, LayerNorm };

struct Layer {
  LayerKind kind = LayerKind::Linear;
  int out = 0;                        // linear: output width
  bool bias = true;                   // linear
  Activation fn = Activation::Relu;   // activation
  double slope = kDefaultLeakySlope;  // activation: leaky_relu's negative slope
  double eps = 1e-5;                  // layernorm: added to the variance
  std::vector<Layer> body;            // residual

  // Set by Network::resolve(): the width that comes in and where this layer's tensors start.
  int in = 0;
  Index offset = 0;

  Index parameterCount() const;  // its own tensors, a residual's body included
  bool operator==(const Layer&) const = default;
};

// One tensor of the flat vector. Two-dimensional tensors (W) have rows > 1 or cols > 1 and are
// filter-normalised row by row; one-dimensional ones (b, gamma, beta) have cols == 0.
struct NetworkTensor {
  std::string path;  // "network[1].body[0].W"
  Index offset = 0;
  Index rows = 0, cols = 0;
  Index size() const { return cols == 0 ? rows : rows * cols; }
};

struct Network {
  Network() = default;
  // An MLP is a network (affine layers, the activation between them), resolved: every function
  // that takes a Network takes an Architecture as well, and runs it on the fused MLP kernel.
  Network(const Architecture& arch);  // NOLINT(google-explicit-constructor): by design

  int inputDim = 0;
  std::vector<Layer> layers;
  double outputScale = 1.0;  // logits = outputScale * the last layer's output (/1's alpha)

  // Chains the widths through the list and places every layer's tensors. Throws InputError naming
  // the layer by its path ("network[1].body[2]: ...") for a width < 1, an empty list or body, or a
  // residual body that changes the width.
  void resolve();
  int outputDim() const;
  Index parameterCount() const;
  std::vector<NetworkTensor> tensors() const;
  bool operator==(const Network&) const = default;
};

// Every tensor's span of the flat vector (the optimizer's ⊥Grad works tensor by tensor).
std::vector<TensorSpan> tensorSpans(const Network& net);
// One span per layer that has parameters (a linear layer's W and b together, a layernorm's gamma
// and beta), depth first: the "layers" of per-layer norms, alignments and curvature
// (model-format-2.md, "Per-layer curvature"). For an MLP, one per affine layer.
std::vector<TensorSpan> parameterLayerSpans(const Network& net);
// The last layer if it is linear and other layers come before it: its input is the features of
// neural collapse (Papyan et al. 2020), its W the classifier. Null otherwise.
const Layer* classifierLayer(const Network& net);
// Calls f(layer) for every layer, a residual's body layers after the residual itself, depth first.
void forEachLayer(const Network& net, const std::function<void(const Layer&)>& f);

// The MLP a layer list is, if it is one: linear layers with one activation kind between every
// two (leaky ReLU at its default slope) and none after the last. Such networks run the fused
// MLP kernel.
std::optional<Architecture> plainMlp(const Network& net);
std::string toString(LayerKind kind);

}  // namespace losslab
