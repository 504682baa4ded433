#include "losslab/curvature/spectral_density.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>

#include "losslab/curvature/hutchinson_trace.hpp"
#include "losslab/curvature/lanczos_process.hpp"

namespace losslab {

double SpectralDensity::mean() const {
  double m = 0;
  for (size_t i = 0; i < nodes.size(); ++i) m += weights[i] * nodes[i];
  return m;
}

SpectralDensity spectralDensity(CurvatureOperator& op, const DensityOptions& o, const TaskControl& control) {
  if (o.runs < 1) throw InputError("density: runs must be >= 1");
  if (o.steps < 1) throw InputError("density: steps must be >= 1");
  if (o.gridPoints < 2) throw InputError("density: the grid needs >= 2 points");
  if (o.sigma < 0) throw InputError("density: sigma must be >= 0");
  SpectralDensity d;
  Rng rng(o.seed);
  const long before = op.products();
  for (int r = 0; r < o.runs; ++r) {
    TaskControl inner{control.stop, [&](double f) { control.report((r + f) / o.runs); }};
    LanczosProcess lanczos(op, rademacher(op.size(), rng), o.steps, o.fullReorthogonalization);
    while (lanczos.step(inner)) inner.report(double(lanczos.steps()) / o.steps);
    const Eigen::VectorXd alpha = lanczos.alpha(), beta = lanczos.beta();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> t;
    t.computeFromTridiagonal(alpha, beta, Eigen::ComputeEigenvectors);
    for (Index i = 0; i < alpha.size(); ++i) {
      d.nodes.push_back(t.eigenvalues()[i]);
      d.weights.push_back(t.eigenvectors()(0, i) * t.eigenvectors()(0, i) / o.runs);
    }
    control.report(double(r + 1) / o.runs);
  }
  d.products = op.products() - before;
  const auto [lo, hi] = std::minmax_element(d.nodes.begin(), d.nodes.end());
  const double range = std::max(*hi - *lo, 1e-12 * std::max(1.0, std::abs(*hi)));
  d.sigma = o.sigma > 0 ? o.sigma : 0.01 * range;
  d.grid = Eigen::VectorXd::LinSpaced(o.gridPoints, *lo - 5 * d.sigma, *hi + 5 * d.sigma);
  d.values = Eigen::VectorXd::Zero(o.gridPoints);
  const double norm = 1.0 / (d.sigma * std::sqrt(2 * M_PI));
  for (size_t i = 0; i < d.nodes.size(); ++i)
    d.values.array() += d.weights[i] * norm * (-0.5 * ((d.grid.array() - d.nodes[i]) / d.sigma).square()).exp();
  return d;
}

}  // namespace losslab
