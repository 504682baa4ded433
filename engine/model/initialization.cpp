#include "losslab/model/initialization.hpp"

#include <cmath>

#include "losslab/core/error.hpp"
#include "losslab/core/random.hpp"

namespace losslab {

namespace {

class Filler {
 public:
  Filler(Eigen::VectorXd& theta, std::uint64_t seed) : theta_(theta), rng_(seed ^ 0x9E3779B97F4A7C15ull) {}  // a stream apart from the data set's

  // A weight of `count` values with these fans, by the layer's scheme.
  void weight(Index at, Index count, double fanIn, double fanOut, const LayerInit& li) {
    for (Index i = 0; i < count; ++i) {
      double w = 0;
      switch (li.kind) {
        case InitKind::Pytorch: w = uniform(1.0 / std::sqrt(fanIn)); break;
        case InitKind::Xavier: w = uniform(std::sqrt(6.0 / (fanIn + fanOut))); break;
        case InitKind::He: w = rng_.normal() * std::sqrt(2.0 / fanIn); break;
      }
      theta_[at + i] = li.scale * w;
    }
  }
  // A bias: PyTorch's U(-1/sqrt(fan-in), 1/sqrt(fan-in)), zero under the other schemes.
  void bias(Index at, Index count, double fanIn, const LayerInit& li) {
    for (Index i = 0; i < count; ++i)
      theta_[at + i] = li.scale * (li.kind == InitKind::Pytorch ? uniform(1.0 / std::sqrt(fanIn)) : 0.0);
  }
  void normal(Index at, Index count, double sd, const LayerInit& li) {
    for (Index i = 0; i < count; ++i) theta_[at + i] = li.scale * sd * rng_.normal();
  }
  void uniformXavier(Index at, Index count, double fanIn, double fanOut, const LayerInit& li) {
    for (Index i = 0; i < count; ++i) theta_[at + i] = li.scale * uniform(std::sqrt(6.0 / (fanIn + fanOut)));
  }

 private:
  double uniform(double a) { return rng_.uniform(-a, a); }
  Eigen::VectorXd& theta_;
  Rng rng_;
};

}  // namespace

Eigen::VectorXd initialParameters(const Network& net, const std::vector<LayerInit>& init, std::uint64_t seed) {
  Eigen::VectorXd theta(net.parameterCount());
  Filler fill(theta, seed);
  size_t next = 0;
  forEachLayer(net, [&](const Layer& l) {
    if (!hasTensors(l.kind)) return;
    if (next >= init.size())
      throw std::logic_error("initialParameters: fewer initialisations than layers with parameters");
    const LayerInit& li = init[next++];
    const std::vector<LayerTensor> t = layerTensors(l);
    const double in = l.in;
    switch (l.kind) {
      case LayerKind::LayerNorm:
        theta.segment(t[0].offset, t[0].size()).setOnes();
        theta.segment(t[1].offset, t[1].size()).setZero();
        break;
      case LayerKind::Linear:
      case LayerKind::Conv2d: {
        const double area = l.kind == LayerKind::Conv2d ? double(l.kernel) * l.kernel : 1.0;
        const double fanIn = in * area, fanOut = double(t[0].dims[0]) * area;
        fill.weight(t[0].offset, t[0].size(), fanIn, fanOut, li);
        if (t.size() > 1) fill.bias(t[1].offset, t[1].size(), fanIn, li);
        break;
      }
      case LayerKind::Embedding: fill.normal(t[0].offset, t[0].size(), 1.0, li); break;
      case LayerKind::Positional: fill.normal(t[0].offset, t[0].size(), 1.0 / std::sqrt(in), li); break;
      case LayerKind::Attention:
        for (const LayerTensor& x : t) {
          if (x.dims.size() == 1) {
            theta.segment(x.offset, x.size()).setZero();
          } else if (x.name == "in_W" && li.kind == InitKind::Pytorch) {
            fill.uniformXavier(x.offset, x.size(), in, 3 * in, li);
          } else {
            fill.weight(x.offset, x.size(), in, x.dims[0], li);
          }
        }
        break;
      default: break;
    }
  });
  return theta;
}

Eigen::VectorXd initialParameters(const Architecture& arch, InitKind kind, double scale, std::uint64_t seed) {
  const Network net(arch);
  return initialParameters(net, std::vector<LayerInit>(size_t(arch.affineCount()), LayerInit{kind, scale}), seed);
}

}  // namespace losslab
