#include "losslab/landscape/convexity_map.hpp"

#include <tbb/parallel_for.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <memory>

#include "losslab/core/error.hpp"
#include "losslab/curvature/curvature_operator.hpp"
#include "losslab/curvature/top_eigenpairs.hpp"

namespace losslab {

Eigen::MatrixXd ConvexityGrid::ratio() const {
  Eigen::MatrixXd r(lambdaMax.rows(), lambdaMax.cols());
  for (Index i = 0; i < r.size(); ++i) {
    const double hi = lambdaMax(i), lo = lambdaMin(i);
    r(i) = std::isfinite(hi) && std::isfinite(lo) && hi != 0 ? std::abs(lo / hi)
                                                              : std::numeric_limits<double>::quiet_NaN();
  }
  return r;
}

double ConvexityGrid::shareAbove(double threshold) const {
  const Eigen::MatrixXd r = ratio();
  Index above = 0, counted = 0;
  for (Index i = 0; i < r.size(); ++i)
    if (std::isfinite(r(i))) ++counted, above += r(i) > threshold;
  return counted ? double(above) / double(counted) : std::numeric_limits<double>::quiet_NaN();
}

namespace {

// What a point's solves found, and the vectors its neighbours start from.
struct PointCurvature {
  double lambdaMax = 0, lambdaMin = 0;
  Eigen::VectorXd top, bottom;
  long products = 0;
  bool converged = true;
};

PointCurvature solvePoint(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                          const std::shared_ptr<const Samples<double>>& data, const PointCurvature* from,
                          const ConvexityOptions& options, const TaskControl& control) {
  CurvatureOperator hessian(net, loss, theta, data);
  EigenOptions top;
  top.tolerance = options.tolerance;
  top.maxIterations = options.maxIterations;
  top.seed = options.seed;
  if (from) top.warmStart = from->top;
  const Eigenpairs high = extremeEigenpairs(hessian, top, control);
  PointCurvature p;
  p.lambdaMax = high.values(0);
  p.top = high.vectors.col(0);
  // λmin = λmax − μ, μ the top eigenvalue of the PSD-shifted λmax I − H: its tolerance is then
  // relative to λmax − λmin ≥ λmax, where Lanczos on H itself would chase a near-zero λmin.
  const double shift = std::max(p.lambdaMax, 0.0);
  CurvatureOperator shifted(theta.size(), [&](const Eigen::VectorXd& v, Eigen::VectorXd& out) {
    hessian.apply(v, out);
    out = shift * v - out;
  });
  EigenOptions bottom = top;
  bottom.seed = options.seed + 1;
  bottom.warmStart = from ? Eigen::MatrixXd(from->bottom) : Eigen::MatrixXd();
  const Eigenpairs low = extremeEigenpairs(shifted, bottom, control);
  p.lambdaMin = shift - low.values(0);
  p.bottom = low.vectors.col(0);
  p.products = high.products + low.products;
  p.converged = high.converged && low.converged;
  return p;
}

}  // namespace

ConvexityGrid evaluateConvexity(const Network& net, const Loss& loss, const LandscapePlane& plane,
                                const Samples<double>& data, const GridSpec& grid, const ConvexityOptions& options,
                                const TaskControl& control, const ConvexityPassCallback& onPass) {
  validateAxis(grid.alpha, "alpha range", "alpha points");
  validateAxis(grid.beta, "beta range", "beta points");
  validatePlane(plane, net, "landscape plane");
  if (plane.isLine()) throw InputError("convexity map: a 2-D grid needs a second direction (dir2)");
  if (!(options.tolerance > 0 && options.tolerance < 1))
    throw InputError("convexity tolerance: " + std::to_string(options.tolerance) + " must be in (0, 1)");
  const int nx = grid.alpha.points, ny = grid.beta.points;
  // Two solves' Krylov bases and a few vectors per worker, beside the Hessian-vector workspaces.
  workersWithinMemory("a " + std::to_string(nx) + " x " + std::to_string(ny) + " convexity map",
                      2 * std::size_t(nx) * std::size_t(ny) + 64 * std::size_t(net.parameterCount()), net,
                      3 * data.size(), sizeof(double), grid.memoryLimitBytes);
  const auto samples = std::make_shared<const Samples<double>>(data);

  ConvexityGrid full;
  full.alphas = axisValues(grid.alpha);
  full.betas = axisValues(grid.beta);
  full.lambdaMax = Eigen::MatrixXd::Constant(nx, ny, std::numeric_limits<double>::quiet_NaN());
  full.lambdaMin = full.lambdaMax;
  std::vector<std::unique_ptr<PointCurvature>> done(size_t(nx) * size_t(ny));
  auto at = [&](int i, int j) -> std::unique_ptr<PointCurvature>& { return done[size_t(i) * size_t(ny) + size_t(j)]; };
  auto thetaAt = [&](int i, int j) -> Eigen::VectorXd {
    return plane.origin + full.alphas[size_t(i)] * plane.dir1 + full.betas[size_t(j)] * plane.dir2;
  };
  std::atomic<long> finished{0};
  const double total = double(nx) * double(ny);
  auto store = [&](int i, int j, std::unique_ptr<PointCurvature> p) {
    full.lambdaMax(i, j) = p->lambdaMax;
    full.lambdaMin(i, j) = p->lambdaMin;
    at(i, j) = std::move(p);
  };

  bool first = true;
  std::vector<int> previousX, previousY;
  for (int stride : kPassStrides) {
    const std::vector<int> ix = passIndices(nx, stride), iy = passIndices(ny, stride);
    const bool last = int(ix.size()) == nx && int(iy.size()) == ny;
    if (!first && !last && ix.size() == previousX.size() && iy.size() == previousY.size()) continue;  // nothing new
    if (first) {
      // A snake through the first pass: each point starts from the one before it.
      const PointCurvature* before = nullptr;
      for (size_t a = 0; a < ix.size(); ++a)
        for (size_t b = 0; b < iy.size(); ++b) {
          control.checkStop();
          const int i = ix[a], j = iy[a % 2 == 0 ? b : iy.size() - 1 - b];
          store(i, j, std::make_unique<PointCurvature>(solvePoint(net, loss, thetaAt(i, j), samples, before, options, control)));
          control.report(double(++finished) / total);
          before = at(i, j).get();
        }
      first = false;
    } else {
      std::vector<std::pair<int, int>> cells;
      for (int i : ix)
        for (int j : iy)
          if (!at(i, j)) cells.emplace_back(i, j);
      // Each new point starts from the nearest point of the passes before (read only here).
      auto nearest = [&](const std::vector<int>& idx, int v) {
        int best = idx.front();
        for (int k : idx)
          if (std::abs(k - v) < std::abs(best - v)) best = k;
        return best;
      };
      std::vector<std::unique_ptr<PointCurvature>> results(cells.size());
      tbb::task_group_context own(tbb::task_group_context::isolated);
      tbb::parallel_for(
          size_t(0), cells.size(),
          [&](size_t k) {
            control.checkStop();
            const auto [i, j] = cells[k];
            const PointCurvature* from = at(nearest(previousX, i), nearest(previousY, j)).get();
            results[k] = std::make_unique<PointCurvature>(solvePoint(net, loss, thetaAt(i, j), samples, from, options, control));
            control.report(double(++finished) / total);
          },
          own);
      for (size_t k = 0; k < cells.size(); ++k) store(cells[k].first, cells[k].second, std::move(results[k]));
    }
    previousX = ix;
    previousY = iy;
    full.stride = stride;
    full.products = 0;
    full.unconverged = 0;
    for (const auto& p : done)
      if (p) full.products += p->products, full.unconverged += !p->converged;
    if (last) break;
    if (onPass) {
      ConvexityGrid pass{passAxis(full.alphas, ix), passAxis(full.betas, iy), full.lambdaMax(ix, iy), full.lambdaMin(ix, iy),
                         stride, full.products, full.unconverged};
      onPass(pass);
    }
  }
  full.stride = 1;
  return full;
}

}  // namespace losslab
