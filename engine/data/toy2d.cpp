#include "losslab/data/toy2d.hpp"

#include <cmath>
#include <numbers>

#include "losslab/data/dataset_builders.hpp"

namespace losslab {
namespace {

constexpr double kPi = std::numbers::pi;

// Samples in class k when n are dealt out as evenly as possible among `classes`.
int shareOf(int n, int classes, int k) { return n / classes + (k < n % classes ? 1 : 0); }

// (x, y) turned by k/parts of a full turn. Multiples of a quarter turn are done exactly, so that
// the second of two spiral arms is exactly −a, as in the PyTorch generator.
void turn(double& x, double& y, int k, int parts) {
  const double ox = x, oy = y;
  if ((4 * k) % parts == 0) {
    switch ((4 * k / parts) % 4) {
      case 0: return;
      case 1: x = -oy; y = ox; return;
      case 2: x = -ox; y = -oy; return;
      default: x = oy; y = -ox; return;
    }
  }
  const double angle = 2 * kPi * k / parts;
  x = std::cos(angle) * ox - std::sin(angle) * oy;
  y = std::sin(angle) * ox + std::cos(angle) * oy;
}

// A data set made class by class: point(k, i, m, rng, x, y) writes the noiseless i-th of the m
// points of class k.
template <class Point> Dataset byClass(int n, int classes, double noise, Rng& rng, Point point) {
  Eigen::MatrixXd x(2, n);
  std::vector<int> labels(n);
  int column = 0;
  for (int k = 0; k < classes; ++k) {
    const int m = shareOf(n, classes, k);
    for (int i = 0; i < m; ++i, ++column) {
      point(k, i, m, rng, x(0, column), x(1, column));
      labels[column] = k;
    }
  }
  addGaussianNoise(x, noise, rng);
  return classificationData(std::move(x), std::move(labels), classes);
}

// torch.linspace(0, 1, m)[i] as PyTorch computes it: the first half from 0, the second from 1.
double linspace01(int i, int m) {
  if (m == 1) return 0.0;
  const double step = 1.0 / (m - 1);
  return i < m / 2 ? step * i : 1.0 - step * (m - 1 - i);
}

}  // namespace

Dataset makeSpiral(int n, int arms, double noise, Rng& rng) {
  return byClass(n, arms, noise, rng, [arms](int k, int i, int m, Rng&, double& x, double& y) {
    const double t = linspace01(i, m) * 3 * kPi;
    x = t * std::cos(t) / 10;
    y = t * std::sin(t) / 10;
    turn(x, y, k, arms);
  });
}

Dataset makeCircles(int n, double noise, Rng& rng) {
  return byClass(n, 2, noise, rng, [](int k, int, int, Rng& r, double& x, double& y) {
    const double radius = k == 0 ? r.uniform(0.0, 0.5) : r.uniform(0.7, 1.0);
    const double angle = r.uniform(0.0, 2 * kPi);
    x = radius * std::cos(angle);
    y = radius * std::sin(angle);
  });
}

Dataset makeXor(int n, double noise, Rng& rng) {
  constexpr double kPadding = 0.06;  // keeps points off the axes, where the label flips
  Eigen::MatrixXd x(2, n);
  std::vector<int> labels(n);
  for (int j = 0; j < n; ++j) {
    for (int r = 0; r < 2; ++r) {
      const double v = rng.uniform(-1.0, 1.0);
      x(r, j) = v + (v > 0 ? kPadding : -kPadding);
    }
    labels[j] = x(0, j) * x(1, j) > 0 ? 1 : 0;
  }
  addGaussianNoise(x, noise, rng);
  return classificationData(std::move(x), std::move(labels), 2);
}

Dataset makeGaussians(int n, double noise, Rng& rng) {
  constexpr double kSpread = 0.2;
  return byClass(n, 2, noise, rng, [](int k, int, int, Rng& r, double& x, double& y) {
    const double centre = k == 0 ? -0.5 : 0.5;
    x = centre + kSpread * r.normal();
    y = centre + kSpread * r.normal();
  });
}

Dataset makeMoons(int n, double noise, Rng& rng) {
  return byClass(n, 2, noise, rng, [](int k, int i, int m, Rng&, double& x, double& y) {
    const double t = linspace01(i, m) * kPi;
    x = (k == 0 ? std::cos(t) : 1 - std::cos(t)) - 0.5;
    y = (k == 0 ? std::sin(t) : 0.5 - std::sin(t)) - 0.25;
  });
}

}  // namespace losslab
