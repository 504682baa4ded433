#pragma once
// The shape of an MLP and where each layer's W and b sit in the flat parameter vector
// (shared/spec/model-format.md: layer by layer, W row-major out x in, then b).
#include <string>
#include <vector>

#include "losslab/core/types.hpp"

namespace losslab {

// A contiguous piece of the flat vector holding one tensor (one W or one b).
struct TensorSpan {
  Index offset = 0;
  Index size = 0;
};

// The ten elementwise functions of shared/spec/model-format-2.md (the first five are /1's).
enum class Activation { Linear, Relu, Tanh, Sigmoid, Gelu, LeakyRelu, Elu, Silu, Softplus, Sin };
// Leaky ReLU's negative slope where none is given (PyTorch's default).
inline constexpr double kDefaultLeakySlope = 0.01;

struct Architecture {
  std::vector<int> layers;        // widths, input to output
  Activation activation = Activation::Tanh;
  std::vector<bool> bias;         // one flag per affine layer
  double outputScale = 1.0;       // alpha: logits = alpha * last affine output

  // An MLP with biases on every layer (or none).
  static Architecture mlp(std::vector<int> layers, Activation act, bool withBias = true,
                          double outputScale = 1.0);

  int affineCount() const { return static_cast<int>(layers.size()) - 1; }
  int inputDim() const { return layers.front(); }
  int outputDim() const { return layers.back(); }
  Index weightOffset(int layer) const;
  Index biasOffset(int layer) const;  // -1 where the layer has no bias
  Index parameterCount() const;
  std::vector<TensorSpan> tensors() const;  // W0, b0, W1, b1, ... in flat order
  // Throws InputError naming what is wrong (fewer than 2 widths, a width < 1, bias flags count).
  void validate() const;
};

std::string toString(Activation a);
Activation activationFromString(const std::string& name);  // throws InputError listing the choices
std::vector<Activation> allActivations();                   // in the spec's order

}  // namespace losslab
