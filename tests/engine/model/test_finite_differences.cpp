// Gradients and Hessian-vector products against central finite differences, for every
// activation x loss, in float64; float32 against float64 at float tolerance.
#include <QtTest>

#include <random>

#include "fuzzy_compare.hpp"
#include "losslab/model/mlp_objective.hpp"

using namespace losslab;

namespace {

struct Problem {
  Architecture arch;
  LossKind loss;
  Eigen::VectorXd theta;
  Samples<double> data;
};

Problem makeProblem(Activation act, LossKind loss, unsigned seed, double outputScale = 1.0) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  Problem p{Architecture::mlp({3, 7, 5, 4}, act, true, outputScale), loss, {}, {}};
  p.arch.bias[1] = false;  // a layer without bias exercises the offsets
  p.theta = Eigen::VectorXd::NullaryExpr(p.arch.parameterCount(), [&] { return 0.6 * normal(rng); });
  const int n = 37;
  p.data.x = Eigen::MatrixXd::NullaryExpr(3, n, [&] { return normal(rng); });
  if (loss == LossKind::Mse) {
    p.data.task = Task::Regression;
    p.data.targets = Eigen::MatrixXd::NullaryExpr(4, n, [&] { return normal(rng); });
  } else {
    p.data.numClasses = 4;
    for (int i = 0; i < n; ++i) p.data.labels.push_back(static_cast<int>(rng() % 4));
  }
  return p;
}

}  // namespace

class FiniteDifferences : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyActivationAndLoss_data() {
    QTest::addColumn<int>("activation");
    QTest::addColumn<int>("loss");
    for (Activation a : allActivations())
      for (LossKind l : {LossKind::CrossEntropy, LossKind::StableMaxCrossEntropy, LossKind::Mse})
        QTest::newRow((toString(a) + "/" + toString(l)).c_str()) << int(a) << int(l);
  }

  void everyActivationAndLoss() {
    QFETCH(int, activation);
    QFETCH(int, loss);
    Problem p = makeProblem(Activation(activation), LossKind(loss), 7 + activation * 3 + loss);
    MlpObjective<double> f(p.arch, p.loss);
    Eigen::VectorXd grad, hv, gPlus, gMinus;
    f.lossAndGradient(p.theta, p.data, grad);

    const double h = 1e-6;
    Eigen::VectorXd fd(grad.size());
    for (Index i = 0; i < grad.size(); ++i) {
      Eigen::VectorXd t = p.theta;
      t[i] += h;
      const double up = f.loss(t, p.data);
      t[i] -= 2 * h;
      fd[i] = (up - f.loss(t, p.data)) / (2 * h);
    }
    const double gradErr = (grad - fd).norm() / grad.norm();
    QVERIFY2(gradErr < 1e-7, qPrintable(QString("gradient error %1").arg(gradErr)));

    // H v = d/dt grad(theta + t v) at t = 0, by central differences of exact gradients.
    Eigen::VectorXd v = Eigen::VectorXd::LinSpaced(grad.size(), -1.0, 1.0).array().sin();
    f.hessianVectorProduct(p.theta, p.data, v, hv);
    const double e = 1e-5;
    f.lossAndGradient(p.theta + e * v, p.data, gPlus);
    f.lossAndGradient(p.theta - e * v, p.data, gMinus);
    const Eigen::VectorXd hvFd = (gPlus - gMinus) / (2 * e);
    const double hvErr = (hv - hvFd).norm() / std::max(hv.norm(), 1e-12);
    QVERIFY2(hvErr < 1e-6, qPrintable(QString("HVP error %1").arg(hvErr)));

    // The fused pass gives the same loss, gradient and H v, bit for bit.
    Eigen::VectorXd fusedGrad, fusedHv;
    const double fusedLoss = f.lossGradientAndHvp(p.theta, p.data, v, fusedGrad, fusedHv);
    QCOMPARE(fusedLoss, f.loss(p.theta, p.data));
    QVERIFY(fusedGrad == grad);
    QVERIFY(fusedHv == hv);
  }

  void float32AgreesWithFloat64_data() { everyActivationAndLoss_data(); }
  void float32AgreesWithFloat64() {
    QFETCH(int, activation);
    QFETCH(int, loss);
    Problem p = makeProblem(Activation(activation), LossKind(loss), 100 + activation + 5 * loss);
    MlpObjective<double> f64(p.arch, p.loss);
    MlpObjective<float> f32(p.arch, p.loss);
    Samples<float> d32;
    d32.task = p.data.task;
    d32.x = p.data.x.cast<float>();
    d32.labels = p.data.labels;
    d32.targets = p.data.targets.cast<float>();
    d32.numClasses = p.data.numClasses;
    Eigen::VectorXd g64, hv64;
    Eigen::VectorXf g32, hv32;
    const double l64 = f64.lossAndGradient(p.theta, p.data, g64);
    const float l32 = f32.lossAndGradient(p.theta.cast<float>(), d32, g32);
    LOSSLAB_COMPARE_NEAR(l32, l64, 1e-5 * std::max(1.0, std::abs(l64)));
    QVERIFY((g32.cast<double>() - g64).norm() < 1e-5 * std::max(1.0, g64.norm()));
    const Eigen::VectorXd v = Eigen::VectorXd::Ones(g64.size());
    f64.hessianVectorProduct(p.theta, p.data, v, hv64);
    f32.hessianVectorProduct(p.theta.cast<float>(), d32, v.cast<float>(), hv32);
    QVERIFY((hv32.cast<double>() - hv64).norm() < 1e-4 * std::max(1.0, hv64.norm()));
  }

  // A correct-class margin of 20 in the logits: exp(-20) ~ 2e-9 is below float32's epsilon,
  // so float32 log-sum-exp rounds the loss to exactly 0 while float64 still sees it.
  void float32LossIsComputedInFloat32() {
    Architecture arch = Architecture::mlp({1, 2}, Activation::Linear, false);
    Eigen::VectorXd theta(2);
    theta << 10.0, -10.0;
    Samples<double> d64;
    d64.x = Eigen::MatrixXd::Ones(1, 1);
    d64.labels = {0};
    d64.numClasses = 2;
    Samples<float> d32;
    d32.x = Eigen::MatrixXf::Ones(1, 1);
    d32.labels = {0};
    d32.numClasses = 2;
    const double l64 = MlpObjective<double>(arch, LossKind::CrossEntropy).loss(theta, d64);
    const float l32 = MlpObjective<float>(arch, LossKind::CrossEntropy).loss(theta.cast<float>(), d32);
    QVERIFY(l64 > 0.0);
    QCOMPARE(l32, 0.0f);
  }

  // The chunked, parallel evaluation gives the same numbers for a batch of any size.
  void manySamplesMatchSerialSum() {
    Problem p = makeProblem(Activation::Tanh, LossKind::CrossEntropy, 3);
    Samples<double> big;
    big.numClasses = 4;
    for (int r = 0; r < 30; ++r) {  // 30 copies: 1110 samples, several chunks
      big.x.conservativeResize(3, big.x.cols() + p.data.x.cols());
      big.x.rightCols(p.data.x.cols()) = p.data.x;
      big.labels.insert(big.labels.end(), p.data.labels.begin(), p.data.labels.end());
    }
    QVERIFY(sampleChunkCount(big.size()) > 1);
    MlpObjective<double> f(p.arch, p.loss);
    Eigen::VectorXd gSmall, gBig;
    const double small = f.lossAndGradient(p.theta, p.data, gSmall);
    const double large = f.lossAndGradient(p.theta, big, gBig);
    LOSSLAB_COMPARE_NEAR(small, large, 1e-12);
    QVERIFY((gSmall - gBig).norm() < 1e-12 * gSmall.norm());
  }
};

QTEST_APPLESS_MAIN(FiniteDifferences)
#include "test_finite_differences.moc"
