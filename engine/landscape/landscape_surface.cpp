#include "losslab/landscape/landscape_surface.hpp"

#include "losslab/core/error.hpp"
#include "losslab/landscape/point_evaluator.hpp"

namespace losslab {

std::vector<int> passIndices(int n, int stride) {
  std::vector<int> idx;
  for (int i = 0; i < n; i += stride) idx.push_back(i);
  if (idx.back() != n - 1) idx.push_back(n - 1);
  return idx;
}

std::vector<double> passAxis(const std::vector<double>& values, const std::vector<int>& idx) {
  std::vector<double> out;
  for (int i : idx) out.push_back(values[static_cast<size_t>(i)]);
  return out;
}

namespace {

std::vector<bool> membership(int n, const std::vector<int>& idx) {
  std::vector<bool> in(n, false);
  for (int i : idx) in[i] = true;
  return in;
}

}  // namespace

template <class S>
LandscapeGrid evaluateSurface(const Network& net, const Loss& loss, const LandscapePlane& plane,
                              const Samples<S>& data, const GridSpec& grid,
                              const TaskControl& control, const PassCallback& onPass) {
  validateAxis(grid.alpha, "alpha range", "alpha points");
  validateAxis(grid.beta, "beta range", "beta points");
  validatePlane(plane, net, "landscape plane");
  if (plane.isLine()) throw InputError("landscape plane: a 2-D grid needs a second direction (dir2)");
  const int nx = grid.alpha.points, ny = grid.beta.points;
  const std::size_t values = 2 * std::size_t(nx) * std::size_t(ny);
  const int workers = workersWithinMemory("a " + std::to_string(nx) + " x " + std::to_string(ny) + " grid",
                                          values, net, data.size(), sizeof(S), grid.memoryLimitBytes);
  PointEvaluator<S> evaluator(net, loss, data, workers);

  LandscapeGrid full;
  full.alphas = axisValues(grid.alpha);
  full.betas = axisValues(grid.beta);
  full.loss.resize(nx, ny);
  full.accuracy.resize(nx, ny);
  std::vector<bool> doneX(nx, false), doneY(ny, false);
  std::vector<PlanePoint> points;
  std::vector<std::pair<int, int>> cells;
  std::vector<PointValue> results;
  std::size_t done = 0;
  const double total = double(nx) * double(ny);
  for (int stride : kPassStrides) {
    const std::vector<int> ix = passIndices(nx, stride), iy = passIndices(ny, stride);
    points.clear();
    cells.clear();
    for (int i : ix)
      for (int j : iy)
        if (!(doneX[i] && doneY[j])) {  // the previous pass's grid is doneX x doneY
          points.push_back({full.alphas[i], full.betas[j]});
          cells.emplace_back(i, j);
        }
    const bool last = int(ix.size()) == nx && int(iy.size()) == ny;
    if (points.empty() && !last) continue;
    evaluator.evaluate(plane, points, results, control, done / total, (done + points.size()) / total);
    for (size_t k = 0; k < cells.size(); ++k) {
      full.loss(cells[k].first, cells[k].second) = results[k].loss;
      full.accuracy(cells[k].first, cells[k].second) = results[k].accuracy;
    }
    done += points.size();
    doneX = membership(nx, ix);
    doneY = membership(ny, iy);
    if (last) break;
    if (onPass) {
      LandscapeGrid pass{passAxis(full.alphas, ix), passAxis(full.betas, iy), full.loss(ix, iy),
                         full.accuracy(ix, iy), stride};
      onPass(pass);
    }
  }
  full.stride = 1;
  if (onPass) onPass(full);
  return full;
}

template LandscapeGrid evaluateSurface<float>(const Network&, const Loss&, const LandscapePlane&,
                                              const Samples<float>&, const GridSpec&,
                                              const TaskControl&, const PassCallback&);
template LandscapeGrid evaluateSurface<double>(const Network&, const Loss&, const LandscapePlane&,
                                               const Samples<double>&, const GridSpec&,
                                               const TaskControl&, const PassCallback&);

}  // namespace losslab
