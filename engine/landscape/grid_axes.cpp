#include "losslab/landscape/grid_axes.hpp"

#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "losslab/core/error.hpp"

namespace losslab {

std::vector<double> axisValues(const AxisRange& axis) {
  std::vector<double> v(axis.points);
  const double n = double(axis.points - 1);
  for (int i = 0; i < axis.points; ++i) v[i] = (axis.from * (n - i) + axis.to * i) / n;
  return v;
}

void validateAxis(const AxisRange& axis, const std::string& rangeName, const std::string& pointsName) {
  std::ostringstream m;
  m.precision(17);
  if (!std::isfinite(axis.from) || !std::isfinite(axis.to)) {
    m << rangeName << ": " << axis.from << " " << axis.to << " is not a finite range";
    throw InputError(m.str());
  }
  if (!(axis.from < axis.to)) {
    m << rangeName << ": A = " << axis.from << " must be less than B = " << axis.to;
    throw InputError(m.str());
  }
  if (axis.points < kMinAxisPoints || axis.points > kMaxAxisPoints)
    throw InputError(pointsName + ": " + std::to_string(axis.points) +
                     (axis.points == 1 ? " point" : " points") + "; allowed " +
                     std::to_string(kMinAxisPoints) + ".." + std::to_string(kMaxAxisPoints) + " per axis");
}

namespace {
// Per sample, what the layer passes keep: each layer's input copy and up to two more of its
// size (an activation's output, LayerNorm's normalised input), its output, a residual's skip;
// attention's projections and weights (each with its R-operator twin). A convolution's patches
// are formed a cache-sized block at a time and not kept.
std::size_t layerValuesPerSample(const std::vector<Layer>& layers) {
  std::size_t n = 0;
  for (const Layer& l : layers) {
    n += 3 * std::size_t(l.inShape.size()) + std::size_t(l.outShape.size());
    if (l.kind == LayerKind::Residual) n += layerValuesPerSample(l.body);
    if (l.kind == LayerKind::Attention) {
      const std::size_t T = std::size_t(l.inShape.dims[0]);
      n += 2 * (4 * T * std::size_t(l.in) + std::size_t(l.heads) * T * T);
    }
  }
  return n;
}
}  // namespace

std::size_t evaluationWorkspaceBytes(const Network& net, Index samples, std::size_t scalarBytes) {
  std::size_t perSample = 0;
  if (const std::optional<Architecture> arch = plainMlp(net)) {
    // The MLP kernel: every affine layer keeps its pre-activations and (hidden layers)
    // activations; the logits are one more copy of the output layer.
    for (int l = 1; l < int(arch->layers.size()); ++l) perSample += 2 * std::size_t(arch->layers[l]);
  } else {
    perSample = layerValuesPerSample(net.layers) + std::size_t(net.outputDim());
  }
  // And the parameter vector, one per worker.
  return (perSample * std::size_t(samples) + std::size_t(net.parameterCount())) * scalarBytes;
}

int workersWithinMemory(const std::string& what, std::size_t values, const Network& net,
                        Index samples, std::size_t scalarBytes, std::size_t limitBytes) {
  const std::size_t results = values * sizeof(double);
  const std::size_t workspace = evaluationWorkspaceBytes(net, samples, scalarBytes);
  if (results + workspace > limitBytes) {
    auto mib = [](std::size_t b) {
      std::ostringstream s;
      s.precision(3);
      s << double(b) / double(1 << 20);
      return s.str();
    };
    throw InputError("landscape: " + what + " on " + std::to_string(samples) +
                     " samples needs about " + mib(results + workspace) +
                     " MiB (results plus one worker's activations), over the memory limit of " +
                     mib(limitBytes) + " MiB; use fewer points or fewer samples");
  }
  const std::size_t fit = (limitBytes - results) / std::max<std::size_t>(workspace, 1);
  return int(std::clamp<std::size_t>(fit, 1, std::size_t(tbb::this_task_arena::max_concurrency())));
}

}  // namespace losslab
