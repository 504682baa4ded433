// Every layer kind, every activation and every loss against finite differences in float64: the
// gradient against central differences of the loss, H v against central differences of the
// gradient; float32 against float64; the Gauss-Newton product symmetric and positive
// semi-definite; and a plain MLP as a layer list equal to the fused MLP kernel.
#include <QtTest>

#include <Eigen/Eigenvalues>
#include <random>

#include "derivative_checks.hpp"
#include "fuzzy_compare.hpp"
#include "reference_vectors.hpp"
#include "losslab/model/mlp_objective.hpp"
#include "losslab/model/network/network_objective.hpp"

using namespace losslab;
using test::randomVector;
using test::relativeError;

namespace {

Layer linear(int out, bool bias = true) {
  Layer l;
  l.kind = LayerKind::Linear;
  l.out = out;
  l.bias = bias;
  return l;
}
Layer activation(Activation fn, double slope = kDefaultLeakySlope) {
  Layer l;
  l.kind = LayerKind::Activation;
  l.fn = fn;
  l.slope = slope;
  return l;
}
Layer layerNorm() {
  Layer l;
  l.kind = LayerKind::LayerNorm;
  return l;
}
Layer residual(std::vector<Layer> body) {
  Layer l;
  l.kind = LayerKind::Residual;
  l.body = std::move(body);
  return l;
}

// Every kind in one network: 3 inputs, a residual block with LayerNorm inside, LayerNorm outside.
Network everyKind(Activation fn, int outputs) {
  Network net;
  net.inputDim = 3;
  net.layers = {linear(6), activation(fn, 0.2),
                residual({layerNorm(), linear(5), activation(fn, 0.2), linear(6, false)}),
                layerNorm(), linear(outputs)};
  net.resolve();
  return net;
}

Samples<double> randomSamples(LossKind loss, int outputs, std::mt19937& rng, int n = 23) {
  std::normal_distribution<double> normal;
  Dataset d;
  d.x = Eigen::MatrixXd::NullaryExpr(3, n, [&] { return normal(rng); });
  if (loss == LossKind::Mse) {
    d.task = Task::Regression;
    d.targets = Eigen::MatrixXd::NullaryExpr(outputs, n, [&] { return normal(rng); });
  } else {
    d.task = Task::Classification;
    d.numClasses = outputs;
    for (int i = 0; i < n; ++i) d.labels.push_back(int(rng() % outputs));
  }
  return toSamples<double>(d);
}

// LayerNorm's gamma near 1 (as PyTorch initialises it) so that the normalisation matters.
Eigen::VectorXd randomParameters(const Network& net, std::mt19937& rng) {
  Eigen::VectorXd theta = randomVector(net.parameterCount(), rng, 0.6);
  for (const NetworkTensor& t : net.tensors())
    if (t.path.size() > 6 && t.path.compare(t.path.size() - 6, 6, ".gamma") == 0)
      theta.segment(t.offset, t.size()).array() += 1.0;
  return theta;
}

}  // namespace

class NetworkDerivatives : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyKindActivationAndLoss_data() {
    QTest::addColumn<int>("fn");
    QTest::addColumn<int>("loss");
    for (Activation fn : allActivations())
      for (LossKind loss : {LossKind::CrossEntropy, LossKind::StableMaxCrossEntropy, LossKind::Mse})
        QTest::newRow((toString(fn) + " " + toString(loss)).c_str()) << int(fn) << int(loss);
  }
  void everyKindActivationAndLoss() {
    QFETCH(int, fn);
    QFETCH(int, loss);
    const LossKind lossKind = LossKind(loss);
    std::mt19937 rng(1000 + 10 * fn + loss);
    const Network net = everyKind(Activation(fn), 4);
    const Samples<double> data = randomSamples(lossKind, 4, rng);
    const Eigen::VectorXd theta = randomParameters(net, rng), v = randomVector(theta.size(), rng, 1.0);
    // StableMax's s(z) (z + 1 above 0, 1 / (1 - z) below) has a jump in its second derivative at
    // 0: a step that carries a logit across it spoils the difference there.
    test::checkNetworkDerivatives(net, lossKind, data, theta, v, {1e-5, 1e-6});
  }

  // G = J^T H_l J / n is symmetric and, for these convex losses in the logits, PSD.
  void gaussNewtonIsSymmetricAndPositiveSemidefinite() {
    std::mt19937 rng(7);
    const Network net = everyKind(Activation::Tanh, 3);
    const Samples<double> data = randomSamples(LossKind::CrossEntropy, 3, rng);
    NetworkObjective<double> f(net, LossKind::CrossEntropy);
    const Eigen::VectorXd theta = randomParameters(net, rng);
    const Index P = theta.size();
    Eigen::MatrixXd G(P, P);
    Eigen::VectorXd e = Eigen::VectorXd::Zero(P), col;
    for (Index j = 0; j < P; ++j) {
      e[j] = 1;
      f.gaussNewtonVectorProduct(theta, data, e, col, j > 0);
      G.col(j) = col;
      e[j] = 0;
    }
    QVERIFY((G - G.transpose()).cwiseAbs().maxCoeff() <= 1e-12 * G.cwiseAbs().maxCoeff());
    const Eigen::VectorXd eig = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(G).eigenvalues();
    QVERIFY(eig.minCoeff() >= -1e-10 * eig.maxCoeff());
  }

  // An MLP written as a layer list computes what the fused MLP kernel computes, in flat /1 order.
  void aPlainMlpEqualsTheMlpKernel_data() {
    QTest::addColumn<int>("fn");
    QTest::addColumn<int>("loss");
    for (Activation fn : {Activation::Tanh, Activation::Relu, Activation::Gelu, Activation::Silu})
      for (LossKind loss : {LossKind::CrossEntropy, LossKind::Mse})
        QTest::newRow((toString(fn) + " " + toString(loss)).c_str()) << int(fn) << int(loss);
  }
  void aPlainMlpEqualsTheMlpKernel() {
    QFETCH(int, fn);
    QFETCH(int, loss);
    std::mt19937 rng(99);
    Architecture arch = Architecture::mlp({3, 7, 5, 4}, Activation(fn), true, 1.5);
    arch.bias[1] = false;
    const Network net(arch);
    QCOMPARE(net.parameterCount(), arch.parameterCount());
    // 200 samples: several chunks, summed in the same order by both.
    const Samples<double> data = randomSamples(LossKind(loss), 4, rng, 200);
    MlpObjective<double> mlp(arch, LossKind(loss));
    NetworkObjective<double> layers(net, LossKind(loss));
    const Eigen::VectorXd theta = randomVector(arch.parameterCount(), rng, 0.5);
    const Eigen::VectorXd v = randomVector(theta.size(), rng, 1.0);
    Eigen::VectorXd g1, g2, h1, h2, gn1, gn2;
    const double l1 = mlp.lossAndGradient(theta, data, g1), l2 = layers.lossAndGradient(theta, data, g2);
    LOSSLAB_COMPARE_WITHIN(l2, l1, 1e-12 * std::abs(l1));
    QVERIFY(relativeError(g2, g1) <= 1e-12);
    mlp.hessianVectorProduct(theta, data, v, h1);
    layers.hessianVectorProduct(theta, data, v, h2);
    QVERIFY(relativeError(h2, h1) <= 1e-12);
    mlp.gaussNewtonVectorProduct(theta, data, v, gn1);
    layers.gaussNewtonVectorProduct(theta, data, v, gn2);
    QVERIFY(relativeError(gn2, gn1) <= 1e-12);
    Eigen::MatrixXd z1, z2;
    mlp.logits(theta, data.x, z1);
    layers.logits(theta, data.x, z2);
    QVERIFY((z2 - z1).cwiseAbs().maxCoeff() <= 1e-12);
  }

  // The same inputs give the same bits, run after run (chunks summed in a fixed order).
  void repeatedPassesAreBitIdentical() {
    std::mt19937 rng(5);
    const Network net = everyKind(Activation::Gelu, 3);
    Samples<double> data = randomSamples(LossKind::CrossEntropy, 3, rng);
    NetworkObjective<double> f(net, LossKind::CrossEntropy);
    const Eigen::VectorXd theta = randomParameters(net, rng), v = randomVector(theta.size(), rng, 1.0);
    Eigen::VectorXd a, b, ga, gb;
    f.lossGradientAndHvp(theta, data, v, ga, a);
    f.lossGradientAndHvp(theta, data, v, gb, b);
    QCOMPARE(a, b);
    QCOMPARE(ga, gb);
    f.hessianVectorProduct(theta, data, v, b, true);  // the forward pass reused
    QCOMPARE(a, b);
  }
};

QTEST_APPLESS_MAIN(NetworkDerivatives)
#include "test_network_derivatives.moc"
