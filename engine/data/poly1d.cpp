#include "losslab/data/poly1d.hpp"

#include "losslab/data/dataset_builders.hpp"

namespace losslab {

Dataset makePoly1d(int n, int degree, double noise, Rng& rng, std::vector<double>* coefficients) {
  std::vector<double> c(degree + 1);
  for (double& cj : c) cj = rng.normal();

  Eigen::MatrixXd x(1, n), y(1, n);
  for (int j = 0; j < n; ++j) x(0, j) = rng.uniform(-1.0, 1.0);
  for (int j = 0; j < n; ++j) {
    double value = 0;  // Horner
    for (int i = degree; i >= 0; --i) value = value * x(0, j) + c[i];
    y(0, j) = value;
  }
  addGaussianNoise(y, noise, rng);
  if (coefficients) *coefficients = c;
  return regressionData(std::move(x), std::move(y));
}

}  // namespace losslab
