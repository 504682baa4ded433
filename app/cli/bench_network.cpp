// Layer-list workloads (shared/BENCHMARKS.md, second table): train-resmlp and hvp-resmlp on the
// spiral of train-spiral with Linear(2,64), 8 blocks x + Linear(GELU(Linear(LayerNorm(x)))) of
// width 64, LayerNorm, Linear(64,2); float64, cross-entropy, PyTorch's default initialisation.
#include <cmath>

#include "bench_workloads.hpp"
#include "losslab/core/random.hpp"
#include "losslab/curvature/curvature_operator.hpp"
#include "losslab/model/objective.hpp"
#include "losslab/run/trainer.hpp"

namespace losslab::cli {

namespace {

Layer layerOf(LayerKind kind) {
  Layer l;
  l.kind = kind;
  return l;
}
Layer linear(int out) {
  Layer l = layerOf(LayerKind::Linear);
  l.out = out;
  return l;
}

Network resmlp() {
  Layer gelu = layerOf(LayerKind::Activation);
  gelu.fn = Activation::Gelu;
  Layer block = layerOf(LayerKind::Residual);
  block.body = {layerOf(LayerKind::LayerNorm), linear(64), gelu, linear(64)};
  Network net;
  net.inputDim = 2;
  net.layers = {linear(64)};
  for (int b = 0; b < 8; ++b) net.layers.push_back(block);
  net.layers.push_back(layerOf(LayerKind::LayerNorm));
  net.layers.push_back(linear(2));
  net.resolve();
  return net;
}

// PyTorch's defaults: W and b uniform in +-1/sqrt(in) (nn.Linear), gamma 1 and beta 0 (LayerNorm).
Eigen::VectorXd defaultInit(const Network& net) {
  Rng rng(0);
  Eigen::VectorXd theta(net.parameterCount());
  auto endsWith = [](const std::string& s, const std::string& end) {
    return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
  };
  Index fanIn = 1;  // of the last W: a b follows its W in the flat order
  for (const NetworkTensor& t : net.tensors()) {
    if (t.cols > 0) fanIn = t.cols;
    const double bound = 1.0 / std::sqrt(double(fanIn));
    for (Index i = 0; i < t.size(); ++i)
      theta[t.offset + i] = endsWith(t.path, ".gamma") ? 1.0
                            : endsWith(t.path, ".beta") ? 0.0
                                                        : rng.uniform(-bound, bound);
  }
  return theta;
}

struct Setup {
  Network net = resmlp();
  Eigen::VectorXd theta = defaultInit(net);
  Samples<double> data = toSamples<double>(Trainer::create(spiralBenchConfig())->data().train);
};

}  // namespace

nlohmann::json trainResmlp() {
  Setup s;
  Objective<double> f(s.net, LossKind::CrossEntropy);
  Eigen::VectorXd grad;
  // Full-batch gradient descent, as the peer's loop: the objective's pass and the update.
  const double rate = timedRate([&] {
    f.lossAndGradient(s.theta, s.data, grad);
    s.theta.noalias() -= 0.05 * grad;
  });
  return {{"value", rate}, {"unit", "steps/s"}};
}

nlohmann::json hvpResmlp() {
  Setup s;
  CurvatureOperator op(s.net, LossKind::CrossEntropy, s.theta, s.data);
  Rng rng(0);
  const Eigen::VectorXd v = Eigen::VectorXd::NullaryExpr(op.size(), [&] { return rng.normal(); });
  Eigen::VectorXd hv;
  return {{"value", timedRate([&] { op.apply(v, hv); })}, {"unit", "hvp/s"}};
}

}  // namespace losslab::cli
