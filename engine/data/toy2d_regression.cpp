// The two regression data sets of toy2d.hpp.
#include <array>
#include <cmath>

#include "losslab/data/dataset_builders.hpp"
#include "losslab/data/toy2d.hpp"

namespace losslab {
namespace {

// n inputs uniform in [-1, 1]^2 with target f(x1, x2) + noise·N(0, 1).
template <class Target> Dataset uniformPlaneData(int n, double noise, Rng& rng, Target f) {
  Eigen::MatrixXd x(2, n);
  for (int j = 0; j < n; ++j)
    for (int r = 0; r < 2; ++r) x(r, j) = rng.uniform(-1.0, 1.0);
  Eigen::MatrixXd y(1, n);
  for (int j = 0; j < n; ++j) y(0, j) = f(x(0, j), x(1, j));
  addGaussianNoise(y, noise, rng);
  return regressionData(std::move(x), std::move(y));
}

struct Bump {
  double cx, cy, sign;
};

// Playground's six centres (±4 or 0, ±2.5 on its [-6, 6] canvas) in our [-1, 1] units.
constexpr std::array<Bump, 6> kBumps{{{-2.0 / 3, 5.0 / 12, 1},
                                      {0.0, 5.0 / 12, -1},
                                      {2.0 / 3, 5.0 / 12, 1},
                                      {-2.0 / 3, -5.0 / 12, -1},
                                      {0.0, -5.0 / 12, 1},
                                      {2.0 / 3, -5.0 / 12, -1}}};

}  // namespace

Dataset makeRegPlane(int n, double noise, Rng& rng) {
  return uniformPlaneData(n, noise, rng, [](double x1, double x2) { return (x1 + x2) / 2; });
}

Dataset makeRegGauss(int n, double noise, Rng& rng) {
  constexpr double kWidth = 0.15;
  return uniformPlaneData(n, noise, rng, [](double x1, double x2) {
    double sum = 0;
    for (const Bump& b : kBumps) {
      const double d2 = (x1 - b.cx) * (x1 - b.cx) + (x2 - b.cy) * (x2 - b.cy);
      sum += b.sign * std::exp(-d2 / (2 * kWidth * kWidth));
    }
    return sum;
  });
}

}  // namespace losslab
