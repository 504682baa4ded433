#pragma once
// Seeded parameter initialisation. PyTorch's nn.Linear default: W, b ~ U(-1/sqrt(in), 1/sqrt(in));
// Xavier (Glorot) uniform: W ~ U(-a, a), a = sqrt(6 / (in + out)), b = 0; He (Kaiming) normal,
// fan-in: W ~ N(0, 2 / in), b = 0. `scale` multiplies every parameter.
#include <cstdint>

#include "losslab/model/architecture.hpp"
#include "losslab/model/init_kind.hpp"

namespace losslab {

Eigen::VectorXd initialParameters(const Architecture& arch, InitKind kind, double scale,
                                  std::uint64_t seed);

}  // namespace losslab
