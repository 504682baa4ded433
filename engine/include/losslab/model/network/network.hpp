#pragma once
// A network as a list of layers (shared/spec/model-format-2.md): linear, activation, residual
// (x + body(x)), layernorm, the image layers (conv2d, pooling, flatten) and the sequence layers
// (embedding, positional, attention, select). One sample is a vector [F], an image [C, H, W] or a
// sequence [T, D]; the list maps the input to the logits. The flat parameter vector holds the
// layers' tensors in list order, a residual's body in place (depth first), each tensor row-major:
// for a plain MLP exactly the /1 order.
//
// In a batch (network_passes.hpp) a vector or an image is one column per sample (an image's
// C·H·W values row-major); a sequence is one column per position, D rows, sample n's positions
// in columns n·T … n·T + T − 1. Both store a sample's values in the same order, so flatten
// moves no data, and linear, activation and layernorm act on every position of a sequence as on
// a batch of vectors.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/model/architecture.hpp"

namespace losslab {

enum class LayerKind {
  Linear, Activation, Residual, LayerNorm,
  Conv2d, AvgPool2d, MaxPool2d, Flatten,
  Embedding, Positional, Attention, Select
};

// One sample's shape: [F], [C, H, W] or [T, D].
struct Shape {
  std::vector<int> dims;
  int rank() const { return int(dims.size()); }
  bool isVector() const { return dims.size() == 1; }
  bool isImage() const { return dims.size() == 3; }
  bool isSequence() const { return dims.size() == 2; }
  int last() const { return dims.empty() ? 0 : dims.back(); }
  Index size() const;
  std::string text() const;  // "[1, 8, 8]"
  bool operator==(const Shape&) const = default;
};

struct Layer {
  LayerKind kind = LayerKind::Linear;
  int out = 0;                        // linear: output width
  bool bias = true;                   // linear, conv2d, attention
  Activation fn = Activation::Relu;   // activation
  double slope = kDefaultLeakySlope;  // activation: leaky_relu's negative slope
  double eps = 1e-5;                  // layernorm: added to the variance
  std::vector<Layer> body;            // residual
  int outChannels = 0;                // conv2d
  int kernel = 0;                     // conv2d, avgpool2d, maxpool2d: square, k x k
  int stride = 1, padding = 0;        // conv2d (zero padding)
  int vocab = 0, dim = 0;             // embedding
  int heads = 1;                      // attention
  bool causal = false;                // attention: position i sees positions <= i only
  int position = -1;                  // select (negative: from the end)

  // Set by Network::resolve(): the width that comes in (a vector's or a sequence's last
  // dimension D; an image's channels C), the shapes in and out,
  // and where this layer's tensors start.
  int in = 0;
  Shape inShape, outShape;
  Index offset = 0;

  Index parameterCount() const;  // its own tensors, a residual's body included
  bool operator==(const Layer&) const = default;
};

// One tensor of the flat vector. Tensors of two or more dimensions (W, a filter bank, E, P,
// in_W) have cols > 0 and are filter-normalised slice by slice along their first dimension (a row
// of cols numbers); one-dimensional ones (b, gamma, beta) have cols == 0.
struct NetworkTensor {
  std::string path;  // "network[1].body[0].W"
  Index offset = 0;
  Index rows = 0, cols = 0;
  std::vector<int> dims;  // as in the file: {out, in, k, k} for a convolution's W
  Index size() const { return cols == 0 ? rows : rows * cols; }
};
// A layer's own tensors (a residual's none), named as in the file ("W", "in_b"), in flat order.
struct LayerTensor {
  std::string name;
  Index offset = 0;
  std::vector<int> dims;
  Index size() const;
};
std::vector<LayerTensor> layerTensors(const Layer& layer);
// Whether layers of this kind have tensors of their own (linear, layernorm, conv2d, embedding,
// positional, attention): the layers of per-layer settings, norms and curvature.
bool hasTensors(LayerKind kind);

struct Network {
  Network() = default;
  // An MLP is a network (affine layers, the activation between them), resolved: every function
  // that takes a Network takes an Architecture as well, and runs it on the fused MLP kernel.
  Network(const Architecture& arch);  // NOLINT(google-explicit-constructor): by design

  int inputDim = 0;            // numbers per sample: the product of inputShape
  Shape inputShape;            // an image's [C, H, W]; a vector's is [inputDim] (set by resolve)
  bool tokenInput = false;     // input_type "tokens": integers in [0, vocab), first layer an embedding
  std::vector<Layer> layers;
  double outputScale = 1.0;  // logits = outputScale * the last layer's output (/1's alpha)

  // Chains the shapes through the list and places every layer's tensors. Throws InputError naming
  // the layer by its path ("network[1].body[2]: ...") for a width < 1, an empty list or body, a
  // residual body that changes the shape, a layer given a shape it does not take (a linear on an
  // image, a select of a vector), a kernel larger than the padded image, heads that do not
  // divide the width, an embedding anywhere but first on token input, or a network that does
  // not end in a vector.
  void resolve();
  Shape shapeIn() const;  // inputShape if an image, else [inputDim]
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

// Throws InputError if token input holds a value that is not a token id of the embedding
// ("data.x[4][1]: token 9 is outside network[0]'s vocabulary 0..6"); nothing for real input.
// x: one column per sample.
template <class M> void checkTokens(const Network& net, const M& x, const std::string& what);

// The MLP a layer list is, if it is one: linear layers with one activation kind between every
// two (leaky ReLU at its default slope) and none after the last. Such networks run the fused
// MLP kernel.
std::optional<Architecture> plainMlp(const Network& net);
std::string toString(LayerKind kind);

}  // namespace losslab
