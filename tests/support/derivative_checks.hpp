#pragma once
// A network's derivatives against finite differences (QtTest checks; call from a test slot):
// the gradient against central differences of the loss, H v against central differences of the
// gradient, the one-pass gradient-and-product against the separate passes, and float32 against
// float64 on the same network and data.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <random>

#include "fuzzy_compare.hpp"
#include "reference_vectors.hpp"
#include "losslab/model/network/network_objective.hpp"

namespace losslab::test {

inline Eigen::VectorXd randomVector(Index size, std::mt19937& rng, double scale) {
  std::normal_distribution<double> normal(0, scale);
  return Eigen::VectorXd::NullaryExpr(size, [&] { return normal(rng); });
}

// hvSteps: the steps of the gradient differences; the best counts (a loss with a jump in a
// higher derivative, as StableMax's at 0, spoils the difference of a step that crosses it).
inline void checkNetworkDerivatives(const Network& net, LossKind loss, const Samples<double>& data,
                                    const Eigen::VectorXd& theta, const Eigen::VectorXd& v,
                                    std::initializer_list<double> hvSteps = {1e-5}) {
  NetworkObjective<double> f(net, loss);
  f.checkCompatible(data);
  Eigen::VectorXd grad, hv;
  f.lossAndGradient(theta, data, grad);
  f.hessianVectorProduct(theta, data, v, hv);
  // Central differences: O(h^2) truncation, O(eps / h) rounding.
  const double h = 1e-6;
  Eigen::VectorXd fd(theta.size());
  for (Index j = 0; j < theta.size(); ++j) {
    Eigen::VectorXd t = theta;
    t[j] += h;
    const double up = f.loss(t, data);
    t[j] -= 2 * h;
    fd[j] = (up - f.loss(t, data)) / (2 * h);
  }
  const double gradErr = relativeError(grad, fd);
  QVERIFY2(gradErr <= 1e-7, qPrintable(QString("gradient vs differences: %1").arg(gradErr)));
  double hvErr = 1.0;
  for (const double e : hvSteps) {
    Eigen::VectorXd gUp, gDown;
    f.lossAndGradient(theta + e * v, data, gUp);
    f.lossAndGradient(theta - e * v, data, gDown);
    hvErr = std::min(hvErr, relativeError(hv, (gUp - gDown) / (2 * e)));
  }
  QVERIFY2(hvErr <= 1e-6, qPrintable(QString("H v vs differences of the gradient: %1").arg(hvErr)));
  Eigen::VectorXd grad2, hv2;
  f.lossGradientAndHvp(theta, data, v, grad2, hv2);
  QVERIFY(relativeError(grad2, grad) <= 1e-12);
  QVERIFY(relativeError(hv2, hv) <= 1e-12);

  // float32: the same network and data, computed in float32 throughout.
  NetworkObjective<float> f32(net, loss);
  const Samples<float> data32 = castSamples<float>(data);
  Eigen::VectorXf grad32, hv32;
  const float loss32 = f32.lossAndGradient(theta.cast<float>(), data32, grad32);
  f32.hessianVectorProduct(theta.cast<float>(), data32, v.cast<float>(), hv32);
  const double loss64 = f.loss(theta, data);
  LOSSLAB_COMPARE_WITHIN(double(loss32), loss64, 1e-5 * std::abs(loss64) + 1e-6);
  QVERIFY2(relativeError(grad32.cast<double>(), grad) <= 1e-4, "float32 gradient");
  QVERIFY2(relativeError(hv32.cast<double>(), hv) <= 1e-3, "float32 H v");
}

}  // namespace losslab::test
