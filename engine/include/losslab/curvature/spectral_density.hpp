#pragma once
// Spectral density by stochastic Lanczos quadrature (Golub & Meurant; Ghorbani, Krishnan, Xiao
// 2019): m Lanczos steps from each of n random unit vectors give quadrature nodes (the Ritz
// values) and weights (squared first components of the Ritz vectors), averaged over runs; the
// smooth density is the nodes broadened by Gaussians of an explicit standard deviation sigma.
#include <cstdint>
#include <vector>

#include "losslab/core/task_control.hpp"
#include "losslab/curvature/curvature_operator.hpp"

namespace losslab {

struct DensityOptions {
  int runs = 5;
  int steps = 80;
  bool fullReorthogonalization = true;
  double sigma = 0.0;      // Gaussian broadening, a standard deviation; 0: 1% of the node range
  int gridPoints = 1000;
  std::uint64_t seed = 0;
};

struct SpectralDensity {
  std::vector<double> nodes, weights;  // all runs; weights sum to 1
  Eigen::VectorXd grid, values;        // the broadened density on the grid (integrates to ~1)
  double sigma = 0.0;
  long products = 0;
  double mean() const;                 // sum w_i node_i: the trace over P, in expectation
};

SpectralDensity spectralDensity(CurvatureOperator& op, const DensityOptions& options,
                                const TaskControl& control = {});

}  // namespace losslab
