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

std::size_t evaluationWorkspaceBytes(const Architecture& arch, Index samples, std::size_t scalarBytes) {
  // Every affine layer keeps its pre-activations and (hidden layers) activations; the logits
  // are one more copy of the output layer; the parameter vector one per worker.
  std::size_t perSample = 0;
  for (int l = 1; l < int(arch.layers.size()); ++l) perSample += 2 * std::size_t(arch.layers[l]);
  return (perSample * std::size_t(samples) + std::size_t(arch.parameterCount())) * scalarBytes;
}

int workersWithinMemory(const std::string& what, std::size_t values, const Architecture& arch,
                        Index samples, std::size_t scalarBytes, std::size_t limitBytes) {
  const std::size_t results = values * sizeof(double);
  const std::size_t workspace = evaluationWorkspaceBytes(arch, samples, scalarBytes);
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
