#include "losslab/model/network/network.hpp"

#include <cmath>
#include <sstream>
#include <string>

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"

namespace losslab {
using json_fields::at;

namespace {

std::string str(Index n) { return std::to_string(n); }

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// The shape a layer of `kind` needs, said in its error: "a linear layer takes a vector or a
// sequence, not an image [3, 6, 6] (flatten first)".
void need(bool ok, const std::string& here, const std::string& what, const Shape& got, const char* hint = "") {
  if (!ok) throw InputError(here + ": " + what + ", not " + (got.isImage() ? "an image " : got.isSequence() ? "a sequence " : "a vector ") + got.text() + hint);
}

// No field or dimension above this, no sample of more values: the sizes computed from them stay
// far from overflow, and a file of a few bytes cannot ask for terabytes.
constexpr int kMaxDimension = 1 << 20;
constexpr Index kMaxSampleValues = Index(1) << 26;

void atLeast(int value, int least, const std::string& here, const char* field) {
  if (value < least) throw InputError(here + ": " + field + " is " + std::to_string(value) + ", must be at least " + std::to_string(least));
  if (value > kMaxDimension)
    throw InputError(here + ": " + field + " is " + std::to_string(value) + ", at most " + std::to_string(kMaxDimension));
}

void checkSize(const Shape& s, const std::string& here) {
  if (s.size() > kMaxSampleValues)
    throw InputError(here + ": gives " + s.text() + ", more than " + std::to_string(kMaxSampleValues) + " values per sample");
}

// Resolves one layer for input `shape` from flat offset `offset`; returns its output shape.
Shape resolveLayer(Layer& l, const Shape& shape, Index& offset, const std::string& here, bool first, bool tokens);

// Resolves `layers` for input `shape`; returns the output shape.
Shape resolveList(std::vector<Layer>& layers, Shape shape, Index& offset, const std::string& path, bool top,
                  bool tokens) {
  if (layers.empty()) throw InputError(path + ": an empty layer list");
  for (size_t i = 0; i < layers.size(); ++i)
    shape = resolveLayer(layers[i], shape, offset, at(path, i), top && i == 0, tokens);
  return shape;
}

Shape resolveLayer(Layer& l, const Shape& shape, Index& offset, const std::string& here, bool first, bool tokens) {
  l.in = shape.isImage() ? shape.dims[0] : shape.last();
  l.inShape = shape;
  l.offset = offset;
  Shape out = shape;
  if (first && tokens && l.kind != LayerKind::Embedding)
    throw InputError(here + ": token input needs an embedding as the first layer, not a " + toString(l.kind) + " layer");
  switch (l.kind) {
    case LayerKind::Linear:
      need(!shape.isImage(), here, "a linear layer takes a vector or a sequence", shape, " (flatten first)");
      atLeast(l.out, 1, here, "out");
      out.dims.back() = l.out;
      break;
    case LayerKind::Activation:
      if (!std::isfinite(l.slope)) throw InputError(here + ": slope must be a finite number");
      break;
    case LayerKind::LayerNorm:
      need(!shape.isImage(), here, "layernorm takes a vector or a sequence", shape, " (flatten first)");
      if (!(l.eps > 0) || !std::isfinite(l.eps)) throw InputError(here + ": eps must be a finite number > 0");
      break;
    case LayerKind::Residual: {
      const Shape bodyOut = resolveList(l.body, shape, offset, here + ".body", false, false);
      if (bodyOut != shape) {
        const bool vectors = shape.isVector() && bodyOut.isVector();
        throw InputError(here + ".body: changes the " + (vectors ? "width from " + str(shape.last()) + " to " + str(bodyOut.last())
                                                                  : "shape from " + shape.text() + " to " + bodyOut.text()) +
                         " (x + body(x) needs the same " + (vectors ? "width)" : "shape)"));
      }
      break;
    }
    case LayerKind::Conv2d: {
      need(shape.isImage(), here, "conv2d takes an image [C, H, W]", shape);
      atLeast(l.outChannels, 1, here, "out_channels");
      atLeast(l.kernel, 1, here, "kernel");
      atLeast(l.stride, 1, here, "stride");
      atLeast(l.padding, 0, here, "padding");
      if (2 * l.padding > l.kernel)  // as PyTorch: more would add outputs that see only zeros
        throw InputError(here + ": padding " + std::to_string(l.padding) + " is more than half the kernel " +
                         std::to_string(l.kernel));
      if (double(l.outChannels) * l.in * l.kernel * l.kernel > double(kMaxSampleValues) * 64)
        throw InputError(here + ": " + std::to_string(l.outChannels) + " filters of " + std::to_string(l.in) + " x " +
                         std::to_string(l.kernel) + " x " + std::to_string(l.kernel) + " are too many parameters");
      const int h = shape.dims[1] + 2 * l.padding, w = shape.dims[2] + 2 * l.padding;
      if (l.kernel > h || l.kernel > w)
        throw InputError(here + ": the kernel " + std::to_string(l.kernel) + " x " + std::to_string(l.kernel) +
                         " is larger than the padded image " + std::to_string(h) + " x " + std::to_string(w));
      out.dims = {l.outChannels, (h - l.kernel) / l.stride + 1, (w - l.kernel) / l.stride + 1};
      break;
    }
    case LayerKind::AvgPool2d:
    case LayerKind::MaxPool2d:
      need(shape.isImage(), here, toString(l.kind) + " takes an image [C, H, W]", shape);
      atLeast(l.kernel, 1, here, "kernel");
      if (l.kernel > shape.dims[1] || l.kernel > shape.dims[2])
        throw InputError(here + ": the kernel " + std::to_string(l.kernel) + " is larger than the image " +
                         std::to_string(shape.dims[1]) + " x " + std::to_string(shape.dims[2]));
      out.dims = {shape.dims[0], shape.dims[1] / l.kernel, shape.dims[2] / l.kernel};
      break;
    case LayerKind::Flatten:
      need(!shape.isVector(), here, "flatten takes an image or a sequence", shape);
      out.dims = {int(shape.size())};
      break;
    case LayerKind::Embedding:
      if (!first || !tokens)
        throw InputError(here + ": an embedding must be the first layer, on token input (input_type \"tokens\")");
      atLeast(l.vocab, 1, here, "vocab");
      atLeast(l.dim, 1, here, "dim");
      out.dims = {shape.dims[0], l.dim};
      break;
    case LayerKind::Positional:
      need(shape.isSequence(), here, "positional takes a sequence [T, D]", shape);
      break;
    case LayerKind::Attention:
      need(shape.isSequence(), here, "attention takes a sequence [T, D]", shape);
      atLeast(l.heads, 1, here, "heads");
      if (l.in % l.heads != 0)
        throw InputError(here + ": " + std::to_string(l.heads) + " heads do not divide the width " +
                         std::to_string(l.in));
      break;
    case LayerKind::Select: {
      need(shape.isSequence(), here, "select takes a sequence [T, D]", shape);
      const int T = shape.dims[0];
      if (l.position < -T || l.position >= T)
        throw InputError(here + ": position " + std::to_string(l.position) + " is outside a sequence of " +
                         std::to_string(T) + " (0.." + std::to_string(T - 1) + ", or -1 for the last)");
      out.dims = {shape.dims[1]};
      break;
    }
  }
  if (l.kind == LayerKind::LayerNorm || l.kind == LayerKind::Positional || l.kind == LayerKind::Attention)
    atLeast(l.in, 1, here, "width");
  checkSize(out, here);
  if (l.kind != LayerKind::Residual) offset += l.parameterCount();
  if (offset > kMaxSampleValues * 64)
    throw InputError(here + ": the network has more than " + std::to_string(kMaxSampleValues * 64) + " parameters by here");
  l.outShape = out;
  return out;
}

void listTensors(const std::vector<Layer>& layers, const std::string& path, std::vector<NetworkTensor>& out) {
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    const std::string here = at(path, i);
    if (l.kind == LayerKind::Residual) listTensors(l.body, here + ".body", out);
    for (const LayerTensor& t : layerTensors(l)) {
      NetworkTensor n{here + "." + t.name, t.offset, t.dims[0], 0, t.dims};
      if (t.dims.size() > 1) n.cols = t.size() / t.dims[0];
      out.push_back(std::move(n));
    }
  }
}

}  // namespace

Index Shape::size() const {
  Index n = 1;
  for (int d : dims) n *= d;
  return dims.empty() ? 0 : n;
}

std::string Shape::text() const {
  std::string t = "[";
  for (size_t i = 0; i < dims.size(); ++i) t += (i ? ", " : "") + std::to_string(dims[i]);
  return t + "]";
}

Index LayerTensor::size() const {
  Index n = 1;
  for (int d : dims) n *= d;
  return n;
}

std::vector<LayerTensor> layerTensors(const Layer& l) {
  std::vector<LayerTensor> t;
  Index at = l.offset;
  auto add = [&](const char* name, std::vector<int> dims) {
    t.push_back({name, at, std::move(dims)});
    at += t.back().size();
  };
  switch (l.kind) {
    case LayerKind::Linear:
      add("W", {l.out, l.in});
      if (l.bias) add("b", {l.out});
      break;
    case LayerKind::LayerNorm:
      add("gamma", {l.in});
      add("beta", {l.in});
      break;
    case LayerKind::Conv2d:
      add("W", {l.outChannels, l.in, l.kernel, l.kernel});
      if (l.bias) add("b", {l.outChannels});
      break;
    case LayerKind::Embedding: add("E", {l.vocab, l.dim}); break;
    case LayerKind::Positional: add("P", l.inShape.dims); break;
    case LayerKind::Attention:
      add("in_W", {3 * l.in, l.in});
      if (l.bias) add("in_b", {3 * l.in});
      add("out_W", {l.in, l.in});
      if (l.bias) add("out_b", {l.in});
      break;
    case LayerKind::Activation:
    case LayerKind::Residual:
    case LayerKind::AvgPool2d:
    case LayerKind::MaxPool2d:
    case LayerKind::Flatten:
    case LayerKind::Select: break;
  }
  return t;
}

bool hasTensors(LayerKind kind) {
  switch (kind) {
    case LayerKind::Linear:
    case LayerKind::LayerNorm:
    case LayerKind::Conv2d:
    case LayerKind::Embedding:
    case LayerKind::Positional:
    case LayerKind::Attention: return true;
    default: return false;
  }
}

Index Layer::parameterCount() const {
  if (kind == LayerKind::Residual) {
    Index n = 0;
    for (const Layer& l : body) n += l.parameterCount();
    return n;
  }
  Index n = 0;
  for (const LayerTensor& t : layerTensors(*this)) n += t.size();
  return n;
}

// A vector's shape is its width: inputDim, whatever inputShape said before.
Shape Network::shapeIn() const { return inputShape.rank() > 1 ? inputShape : Shape{{inputDim}}; }

void Network::resolve() {
  const Shape shape = shapeIn();
  if (shape.rank() > 3) throw InputError("input_shape: " + shape.text() + " has more than three dimensions");
  for (int d : shape.dims)
    if (d < 1 || d > kMaxDimension)
      throw InputError("input_shape: " + shape.text() + ", every dimension must be in 1.." + std::to_string(kMaxDimension));
  checkSize(shape, "input_shape");
  if (shape.size() != inputDim && !inputShape.dims.empty())
    throw InputError("input_shape: " + shape.text() + " holds " + str(shape.size()) + " numbers, the input has " +
                     str(inputDim));
  if (inputDim < 1) throw InputError("input_shape: the input width must be at least 1");
  if (tokenInput && !shape.isVector())
    throw InputError("input_shape: token input is one sequence of token ids [T], not " + shape.text());
  if (!(outputScale > 0) || !std::isfinite(outputScale))
    throw InputError("output_scale: must be a finite number > 0");
  inputShape = shape;  // written out, so that equal networks compare equal however they were made
  Index offset = 0;
  const Shape out = resolveList(layers, shape, offset, "network", true, tokenInput);
  if (!out.isVector())
    throw InputError("network: ends with " + std::string(out.isImage() ? "an image " : "a sequence ") + out.text() +
                     "; the last layer must give a vector of outputs (flatten, or select a position)");
}

int Network::outputDim() const {
  if (!layers.empty() && !layers.back().outShape.dims.empty()) return layers.back().outShape.last();
  int width = inputDim;  // not resolved yet: the last linear layer's out
  for (const Layer& l : layers)
    if (l.kind == LayerKind::Linear) width = l.out;
  return width;
}

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
    if (hasTensors(l.kind)) spans.push_back({l.offset, l.parameterCount()});
  });
  return spans;
}

const Layer* classifierLayer(const Network& net) {
  if (net.layers.size() < 2 || net.layers.back().kind != LayerKind::Linear || !net.layers.back().inShape.isVector())
    return nullptr;
  return &net.layers.back();
}

template <class M> void checkTokens(const Network& net, const M& x, const std::string& what) {
  if (!net.tokenInput || net.layers.empty()) return;
  const int vocab = net.layers.front().vocab;
  for (Index n = 0; n < x.cols(); ++n)
    for (Index t = 0; t < x.rows(); ++t) {
      const double v = double(x(t, n));
      if (!(v >= 0 && v < vocab && v == std::floor(v)))
        throw InputError(at(at(what, size_t(n)), size_t(t)) + ": token " + number(v) +
                         " is not a token id of network[0]'s vocabulary 0.." + std::to_string(vocab - 1));
    }
}
template void checkTokens(const Network&, const Eigen::MatrixXd&, const std::string&);
template void checkTokens(const Network&, const Mat<float>&, const std::string&);

std::string toString(LayerKind kind) {
  switch (kind) {
    case LayerKind::Linear: return "linear";
    case LayerKind::Activation: return "activation";
    case LayerKind::Residual: return "residual";
    case LayerKind::LayerNorm: return "layernorm";
    case LayerKind::Conv2d: return "conv2d";
    case LayerKind::AvgPool2d: return "avgpool2d";
    case LayerKind::MaxPool2d: return "maxpool2d";
    case LayerKind::Flatten: return "flatten";
    case LayerKind::Embedding: return "embedding";
    case LayerKind::Positional: return "positional";
    case LayerKind::Attention: return "attention";
    case LayerKind::Select: return "select";
  }
  return "?";
}

}  // namespace losslab
