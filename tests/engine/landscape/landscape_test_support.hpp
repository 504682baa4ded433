#pragma once
// Shared by the landscape tests: reference fixtures and small models with known losses.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "reference_vectors.hpp"
#include "losslab/model/model_file.hpp"
#include "losslab/model/samples.hpp"

namespace losslab::test {

inline ModelFile reference(const QString& name) {
  return readModelFile(fixture("reference/" + name.toStdString() + ".json"));
}

inline void referenceNames() {
  QTest::addColumn<QString>("name");
  for (const char* n : {"tanh_ce_small", "gelu_ce", "relu_mse", "tanh_stablemax"}) QTest::newRow(n) << QString(n);
}

// f(x) = w x + b, MSE, on x = {1, -1} with targets 0, at w = 1, b = 0:
// L(w, b) = 0.5 * mean((w x + b)^2) = 0.5 (w^2 + b^2), so along (1, 0) and (0, 1)
// L(alpha, beta) = 0.5 ((1 + alpha)^2 + beta^2).
struct ScalarRegression {
  Architecture arch = Architecture::mlp({1, 1}, Activation::Linear);
  Eigen::VectorXd theta = Eigen::Vector2d(1.0, 0.0);
  template <class S> Samples<S> samples(std::vector<double> xs = {1.0, -1.0}) const {
    Samples<S> s;
    s.task = Task::Regression;
    s.x.resize(1, Index(xs.size()));
    for (size_t i = 0; i < xs.size(); ++i) s.x(0, Index(i)) = S(xs[i]);
    s.targets = Mat<S>::Zero(1, Index(xs.size()));
    return s;
  }
  static double loss(double alpha, double beta) { return 0.5 * ((1 + alpha) * (1 + alpha) + beta * beta); }
};

}  // namespace losslab::test
