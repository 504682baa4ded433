#include "losslab/sweep/distributed_surface.hpp"

#include <cstring>

#include "losslab/core/error.hpp"
#include "losslab/landscape/point_evaluator.hpp"

namespace losslab {

template <class S>
LandscapeGrid evaluateSurfaceByRows(WorkDistribution& distribution, const Network& net, const Loss& loss,
                                    const LandscapePlane& plane, const Samples<S>& data, const GridSpec& grid,
                                    const TaskControl& control, int threads) {
  validateAxis(grid.alpha, "alpha range", "alpha points");
  validateAxis(grid.beta, "beta range", "beta points");
  validatePlane(plane, net, "landscape plane");
  if (plane.isLine()) throw InputError("landscape plane: a 2-D grid needs a second direction (dir2)");
  const int nx = grid.alpha.points, ny = grid.beta.points;
  workersWithinMemory("a " + std::to_string(nx) + " x " + std::to_string(ny) + " grid",
                      2 * std::size_t(nx) * std::size_t(ny), net, data.size(), sizeof(S), grid.memoryLimitBytes);
  LandscapeGrid full;
  full.alphas = axisValues(grid.alpha);
  full.betas = axisValues(grid.beta);

  // A row travels as ny losses then ny accuracies, raw float64 bytes (NaN and inf kept exactly).
  const auto computeRow = [&](long i) {
    PointEvaluator<S> evaluator(net, loss, data, 1);
    std::vector<PlanePoint> points;
    for (double beta : full.betas) points.push_back({full.alphas[size_t(i)], beta});
    std::vector<PointValue> values;
    evaluator.evaluate(plane, points, values, control);
    std::vector<double> row;
    for (const PointValue& v : values) row.push_back(v.loss);
    for (const PointValue& v : values) row.push_back(v.accuracy);
    return std::string(reinterpret_cast<const char*>(row.data()), row.size() * sizeof(double));
  };
  std::vector<long> rows;
  if (distribution.isWriter()) {
    full.loss.resize(nx, ny);
    full.accuracy.resize(nx, ny);
    for (long i = 0; i < nx; ++i) rows.push_back(i);
  }
  const auto deliverRow = [&](long i, std::string bytes) {
    if (bytes.size() != 2 * size_t(ny) * sizeof(double)) throw std::runtime_error("landscape row of the wrong size");
    std::vector<double> row(2 * size_t(ny));
    std::memcpy(row.data(), bytes.data(), bytes.size());
    for (int j = 0; j < ny; ++j) {
      full.loss(i, j) = row[size_t(j)];
      full.accuracy(i, j) = row[size_t(ny + j)];
    }
  };
  distribution.run(rows, computeRow, deliverRow, control, threads);
  if (!distribution.isWriter()) return {};
  full.stride = 1;
  return full;
}

#define LOSSLAB_INSTANTIATE(S)                                                                              \
  template LandscapeGrid evaluateSurfaceByRows<S>(WorkDistribution&, const Network&, const Loss&,         \
                                                  const LandscapePlane&, const Samples<S>&, const GridSpec&, \
                                                  const TaskControl&, int);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)

}  // namespace losslab
