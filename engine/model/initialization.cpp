#include "losslab/model/initialization.hpp"

#include <cmath>

#include "losslab/core/error.hpp"
#include "losslab/core/random.hpp"

namespace losslab {

Eigen::VectorXd initialParameters(const Architecture& arch, InitKind kind, double scale,
                                  std::uint64_t seed) {
  Rng rng(seed ^ 0x9E3779B97F4A7C15ull);  // a stream apart from the data set's
  auto uniform = [&](double a) { return rng.uniform(-a, a); };
  Eigen::VectorXd theta(arch.parameterCount());
  for (int l = 0; l < arch.affineCount(); ++l) {
    const int in = arch.layers[l], out = arch.layers[l + 1];
    const Index w = arch.weightOffset(l), b = arch.biasOffset(l);
    for (Index i = 0; i < Index(in) * out; ++i) {
      switch (kind) {
        case InitKind::Pytorch: theta[w + i] = uniform(1.0 / std::sqrt(double(in))); break;
        case InitKind::Xavier: theta[w + i] = uniform(std::sqrt(6.0 / (in + out))); break;
        case InitKind::He: theta[w + i] = rng.normal() * std::sqrt(2.0 / in); break;
      }
    }
    if (b >= 0)
      for (int i = 0; i < out; ++i)
        theta[b + i] = kind == InitKind::Pytorch ? uniform(1.0 / std::sqrt(double(in))) : 0.0;
  }
  return scale * theta;
}

}  // namespace losslab
