#include "losslab/curvature/layer_curvature.hpp"

#include <tbb/parallel_for.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <atomic>
#include <cmath>

#include "losslab/curvature/hutchinson_trace.hpp"
#include "losslab/curvature/top_eigenpairs.hpp"

namespace losslab {

std::vector<LayerBlock> layerBlocks(const Network& net) {
  const std::vector<NetworkTensor> tensors = net.tensors();
  std::vector<LayerBlock> blocks;
  for (const TensorSpan& s : parameterLayerSpans(net)) {
    // A layer's first tensor starts where the layer does; its path is the layer's plus ".W".
    const auto t = std::find_if(tensors.begin(), tensors.end(),
                                [&](const NetworkTensor& n) { return n.offset == s.offset && n.size() > 0; });
    std::string name = t == tensors.end() ? "layer " + std::to_string(blocks.size() + 1) : t->path;
    if (t != tensors.end()) name = name.substr(0, name.rfind('.'));
    blocks.push_back({name, s.offset, s.size});
  }
  return blocks;
}

CurvatureOperator blockOperator(CurvatureOperator& full, const LayerBlock& block) {
  auto padded = std::make_shared<Eigen::VectorXd>(Eigen::VectorXd::Zero(full.size()));
  auto product = std::make_shared<Eigen::VectorXd>();
  return CurvatureOperator(block.size, [&full, block, padded, product](const Eigen::VectorXd& v,
                                                                        Eigen::VectorXd& out) {
    padded->segment(block.offset, block.size) = v;
    full.apply(*padded, *product);
    out = product->segment(block.offset, block.size);
  });
}

namespace {

LayerCurvature exactBlock(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                          const Samples<double>& data, const LayerBlock& b, CurvatureKind kind,
                          const TaskControl& control) {
  const Eigen::MatrixXd M = denseCurvatureBlock(net, loss, theta, data, b.offset, b.size, kind, {control.stop, {}});
  LayerCurvature c;
  c.block = b;
  c.topEigenvalue = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(M, Eigen::EigenvaluesOnly).eigenvalues().maxCoeff();
  c.trace = M.trace();
  c.exact = true;
  return c;
}

LayerCurvature iterativeBlock(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                              const Samples<double>& data, const LayerBlock& b,
                              const LayerCurvatureOptions& o, CurvatureKind kind, const TaskControl& control) {
  CurvatureOperator full(net, loss, theta, data, kind);
  CurvatureOperator op = blockOperator(full, b);
  LayerCurvature c;
  c.block = b;
  EigenOptions e;
  e.tolerance = o.tolerance;
  e.seed = o.seed;
  const Eigenpairs top = extremeEigenpairs(op, e, {control.stop, {}});
  c.topEigenvalue = top.values[0];
  c.converged = top.converged;
  TraceOptions t;
  t.maxProbes = o.traceProbes;
  t.minProbes = std::min(t.minProbes, o.traceProbes);
  t.seed = o.seed;
  const TraceEstimate trace = hutchinsonTrace(op, t, {control.stop, {}});
  c.trace = trace.estimate;
  c.traceStandardError = trace.standardError;
  return c;
}

}  // namespace

std::vector<LayerCurvature> layerCurvature(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                                           const Samples<double>& data, const LayerCurvatureOptions& o,
                                           CurvatureKind kind, const TaskControl& control) {
  if (o.denseMax < 0) throw InputError("per-layer curvature: the dense limit must be >= 0");
  if (o.traceProbes < 1) throw InputError("per-layer curvature: trace probes must be >= 1");
  const std::vector<LayerBlock> blocks = layerBlocks(net);
  if (blocks.empty()) throw InputError("per-layer curvature: the network has no layer with parameters");
  CurvatureOperator(net, loss, theta, data, kind);  // validates shapes and data up front
  std::vector<LayerCurvature> out(blocks.size());
  std::atomic<std::size_t> done{0};
  tbb::parallel_for(std::size_t(0), blocks.size(), [&](std::size_t i) {
    if (control.stop.stop_requested()) return;  // thrown below, outside the parallel loop
    const LayerBlock& b = blocks[i];
    const bool dense = b.size <= std::min(o.denseMax, kDenseCurvatureMaxParameters) ||
                       b.size < kSmallestIterativeBlock;
    try {
      out[i] = dense ? exactBlock(net, loss, theta, data, b, kind, control)
                     : iterativeBlock(net, loss, theta, data, b, o, kind, control);
    } catch (const Cancelled&) {
      return;
    }
    control.report(double(++done) / blocks.size());
  });
  control.checkStop();
  return out;
}

DiagonalEstimate hutchinsonDiagonal(CurvatureOperator& op, int probes, std::uint64_t seed,
                                    const TaskControl& control) {
  if (probes < 1) throw InputError("Hutchinson diagonal: probes must be >= 1");
  Rng rng(seed);
  const Index n = op.size();
  // Welford per entry: mean and sum of squared deviations of z ⊙ M z.
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(n), m2 = Eigen::VectorXd::Zero(n), mz;
  for (int k = 1; k <= probes; ++k) {
    control.checkStop();
    const Eigen::VectorXd z = rademacher(n, rng);
    op.apply(z, mz);
    const Eigen::VectorXd x = z.cwiseProduct(mz);
    const Eigen::VectorXd d = x - mean;
    mean += d / k;
    m2 += d.cwiseProduct(x - mean);
    control.report(double(k) / probes);
  }
  DiagonalEstimate e;
  e.mean = mean;
  e.standardError = probes > 1 ? Eigen::VectorXd((m2 / ((probes - 1.0) * probes)).cwiseSqrt())
                               : Eigen::VectorXd::Constant(n, INFINITY);
  e.probes = probes;
  return e;
}

}  // namespace losslab
