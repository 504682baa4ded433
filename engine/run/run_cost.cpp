#include "losslab/run/run_cost.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <chrono>

#include "losslab/run/checkpoint_history.hpp"
#include "losslab/run/curvature_tracker.hpp"

namespace losslab {

namespace {
// Passes of one forward's multiply-adds: a step is forward + backward (about 3 forwards); a
// Hessian-vector product adds the R-operator's forward and backward (Pearlmutter 1994): about 6.
constexpr double kStepPasses = 3.0, kProductPasses = 6.0;
// A first Lanczos solve from a random start converges in about this many products at the
// tracking tolerances (measured on the presets: 15 to 30).
constexpr double kFirstSolveProducts = 25.0;
// The training passes reach about half of a bare matrix product's rate (BENCHMARKS.md:
// train-wide 112 GFLOP/s beside a 334 GFLOP/s GEMM peak on two cores; one core here).
constexpr double kPassEfficiency = 0.5;
// Values of the parameters' length alive at once besides checkpoints and the Krylov basis:
// theta, the previous step, the gradient, two optimizer buffers, the snapshot and the GUI's copy.
constexpr double kVectorsAlive = 7.0;

double measureGemmRate() {
  constexpr int n = 192;
  const Eigen::MatrixXd a = Eigen::MatrixXd::Random(n, n), b = Eigen::MatrixXd::Random(n, n);
  Eigen::MatrixXd c(n, n);
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  long products = 0;
  double seconds = 0.0;
  do {
    c.noalias() = a * b;
    ++products;
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
  } while (seconds < 0.02);
  volatile double sink = c(0, 0);  // the product must not be optimised away
  (void)sink;
  return 2.0 * n * n * n * double(products) / seconds;
}
}  // namespace

double sustainedFlopsPerSecond() {
  static const double rate = kPassEfficiency * measureGemmRate();
  return rate;
}

namespace {
// A sequence's positions T (1 for a vector): a linear layer or an attention runs once per position.
double positionsOf(const Layer& l) { return l.in > 0 && !l.inShape.isImage() ? double(l.inShape.size()) / l.in : 1.0; }
}  // namespace

double forwardMultiplyAdds(const Network& net) {
  double macs = 0.0;
  forEachLayer(net, [&](const Layer& l) {
    const double T = positionsOf(l);
    if (l.kind == LayerKind::Linear) macs += T * l.in * l.out;
    // Every output value of a convolution is one patch's dot product.
    if (l.kind == LayerKind::Conv2d) macs += double(l.outShape.size()) * l.in * l.kernel * l.kernel;
    // Four D x D projections per position, then q k^T and A v.
    if (l.kind == LayerKind::Attention) macs += T * (4.0 * l.in * l.in + 2.0 * T * l.in);
  });
  return macs;
}

RunCost estimateRunCost(const Network& net, Index samples, Index tracked, const CurvatureTracking& tracking) {
  RunCost c;
  c.parameters = net.parameterCount();
  const double macs = forwardMultiplyAdds(net);
  double width = 0.0;  // values kept per sample: every layer's output, attention's projections and weights
  forEachLayer(net, [&](const Layer& l) {
    const double T = positionsOf(l);
    if (l.kind == LayerKind::Attention) width += T * (4.0 * l.in + l.heads * T);
    if (l.kind != LayerKind::Residual && l.kind != LayerKind::Flatten) width += double(l.outShape.size());
  });
  const double rate = sustainedFlopsPerSecond();
  const double forward = 2.0 * macs;
  c.secondsPerStep = kStepPasses * forward * double(samples) / rate;
  const double p = double(c.parameters) * sizeof(double);
  double krylov = 0.0;
  if (tracking.every > 0) {
    const int steps = CurvatureTracker::krylovSteps(c.parameters);
    c.secondsPerMeasurement = std::min<double>(kFirstSolveProducts, steps) * kProductPasses * forward * double(tracked) / rate;
    krylov = steps * p;
  }
  const double checkpoints = double(std::clamp<std::size_t>(kDefaultCheckpointBytes / std::max(p, 1.0),
                                                           kMinCheckpoints, kMaxCheckpoints)) * p;
  // Activations, their gradients and (tracking) their R-operator twins, per sample.
  const double activations = 4.0 * width * double(std::max(samples, tracked)) * sizeof(double);
  c.bytes = kVectorsAlive * p + checkpoints + krylov + activations;
  return c;
}

}  // namespace losslab
