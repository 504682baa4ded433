#include "losslab/model/initialization.hpp"

#include <cmath>

#include "losslab/core/error.hpp"
#include "losslab/core/random.hpp"

namespace losslab {

Eigen::VectorXd initialParameters(const Network& net, const std::vector<LayerInit>& init, std::uint64_t seed) {
  Rng rng(seed ^ 0x9E3779B97F4A7C15ull);  // a stream apart from the data set's
  auto uniform = [&](double a) { return rng.uniform(-a, a); };
  Eigen::VectorXd theta(net.parameterCount());
  size_t next = 0;
  forEachLayer(net, [&](const Layer& l) {
    if (l.kind != LayerKind::Linear && l.kind != LayerKind::LayerNorm) return;
    if (next >= init.size())
      throw std::logic_error("initialParameters: fewer initialisations than layers with parameters");
    const LayerInit& li = init[next++];
    const int in = l.in, out = l.out;
    Index at = l.offset;
    if (l.kind == LayerKind::LayerNorm) {
      theta.segment(at, in).setOnes();
      theta.segment(at + in, in).setZero();
      return;
    }
    for (Index i = 0; i < Index(in) * out; ++i, ++at) {
      switch (li.kind) {
        case InitKind::Pytorch: theta[at] = uniform(1.0 / std::sqrt(double(in))); break;
        case InitKind::Xavier: theta[at] = uniform(std::sqrt(6.0 / (in + out))); break;
        case InitKind::He: theta[at] = rng.normal() * std::sqrt(2.0 / in); break;
      }
      theta[at] *= li.scale;
    }
    if (l.bias)
      for (int i = 0; i < out; ++i, ++at)
        theta[at] = li.scale * (li.kind == InitKind::Pytorch ? uniform(1.0 / std::sqrt(double(in))) : 0.0);
  });
  return theta;
}

Eigen::VectorXd initialParameters(const Architecture& arch, InitKind kind, double scale, std::uint64_t seed) {
  const Network net(arch);
  return initialParameters(net, std::vector<LayerInit>(size_t(arch.affineCount()), LayerInit{kind, scale}), seed);
}

}  // namespace losslab
