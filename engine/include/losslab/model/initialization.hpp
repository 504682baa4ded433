#pragma once
// Seeded parameter initialisation. PyTorch's nn.Linear default: W, b ~ U(-1/sqrt(in), 1/sqrt(in));
// Xavier (Glorot) uniform: W ~ U(-a, a), a = sqrt(6 / (in + out)), b = 0; He (Kaiming) normal,
// fan-in: W ~ N(0, 2 / in), b = 0. `scale` multiplies every parameter. LayerNorm starts as
// PyTorch's: gamma = 1, beta = 0, whatever the scheme and scale. A convolution is a linear layer
// of fan-in C·k·k (fan-out O·k·k); an embedding starts N(0, 1) (nn.Embedding), learned positions
// N(0, 1/D) (Nanda et al. 2023's transformer); attention as nn.MultiheadAttention: in_W Xavier
// uniform, out_W as a linear layer's W, both biases 0 (with Xavier or He, both weights by the
// scheme).
#include <cstdint>

#include "losslab/model/architecture.hpp"
#include "losslab/model/init_kind.hpp"
#include "losslab/model/network/network.hpp"

namespace losslab {

struct LayerInit {
  InitKind kind = InitKind::Pytorch;
  double scale = 1.0;
};

Eigen::VectorXd initialParameters(const Architecture& arch, InitKind kind, double scale,
                                  std::uint64_t seed);
// `init`: one per layer with parameters, depth first (parameterLayerSpans). One random stream
// draws the tensors in flat order, so an MLP written as a layer list starts where the MLP does.
Eigen::VectorXd initialParameters(const Network& net, const std::vector<LayerInit>& init, std::uint64_t seed);

}  // namespace losslab
