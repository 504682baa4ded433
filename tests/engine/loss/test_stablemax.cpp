// StableMax cross-entropy (Prieto et al. 2025): s(x) = x + 1 for x >= 0, 1/(1 - x) below,
// loss = -log(s(z_y) / sum_k s(z_k)). Against the PyTorch reference fixture (in float64 and,
// at float tolerance, float32), against central finite differences on both branches of s, and
// in float32 far past the point where softmax collapses: loss and gradient stay nonzero.
#include <QtTest>

#include <cmath>
#include <random>

#include "fixtures.hpp"
#include "fuzzy_compare.hpp"
#include "losslab/loss/logit_loss.hpp"
#include "losslab/model/mlp_objective.hpp"
#include "losslab/model/model_file.hpp"

using namespace losslab;

namespace {

long double stableS(long double x) { return x >= 0 ? x + 1 : 1 / (1 - x); }

// The definition, term by term in long double.
long double referenceLoss(const Eigen::VectorXd& z, int y) {
  long double total = 0;
  for (Index k = 0; k < z.size(); ++k) total += stableS(z[k]);
  return -std::log(stableS(z[y]) / total);
}

template <class S> S lossOf(const Mat<S>& z, const std::vector<int>& labels, Mat<S>* grad) {
  const Mat<S> none;
  return logitLossSum<S>(LossKind::StableMaxCrossEntropy, z, {labels.data(), none}, grad, S(1), nullptr);
}

}  // namespace

class StableMaxTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void matchesTheReferenceFixture() {
    const ModelFile m = readModelFile(test::fixture("reference/tanh_stablemax.json"));
    QVERIFY(m.loss.kind == LossKind::StableMaxCrossEntropy);
    const double want = m.expected["loss"].get<double>();
    const auto g = m.expected["grad"].get<std::vector<double>>();
    const Eigen::Map<const Eigen::VectorXd> wantGrad(g.data(), Index(g.size()));
    MlpObjective<double> f64(m.architecture, m.loss);
    Eigen::VectorXd grad;
    LOSSLAB_COMPARE_WITHIN(f64.lossAndGradient(m.parameters, toSamples<double>(m.data), grad), want, 1e-12 * want);
    QVERIFY((grad - wantGrad).norm() <= 1e-10 * wantGrad.norm());
    MlpObjective<float> f32(m.architecture, m.loss);
    Eigen::VectorXf grad32;
    const float loss32 = f32.lossAndGradient(m.parameters.cast<float>(), toSamples<float>(m.data), grad32);
    LOSSLAB_COMPARE_WITHIN(loss32, want, 1e-5 * want);
    QVERIFY((grad32.cast<double>() - wantGrad).norm() <= 1e-4 * wantGrad.norm());
  }

  void lossAndGradientOnLogitsAgainstFiniteDifferences() {
    std::mt19937_64 rng(11);
    std::normal_distribution<double> normal(0.0, 3.0);
    const int C = 7, n = 9;
    Eigen::MatrixXd z = Eigen::MatrixXd::NullaryExpr(C, n, [&] { return normal(rng); });
    std::vector<int> labels;
    for (int i = 0; i < n; ++i) labels.push_back(i % C);
    Eigen::MatrixXd grad;
    const double sum = lossOf(z, labels, &grad);
    long double want = 0;
    for (int i = 0; i < n; ++i) want += referenceLoss(z.col(i), labels[i]);
    LOSSLAB_COMPARE_WITHIN(sum, double(want), 1e-13 * double(want));
    const double h = 1e-6;
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < C; ++k) {
        if (std::abs(z(k, i)) < 10 * h) continue;  // s'' jumps at 0: keep both points on one branch
        Eigen::MatrixXd plus = z, minus = z;
        plus(k, i) += h, minus(k, i) -= h;
        const double fd = (lossOf<double>(plus, labels, nullptr) - lossOf<double>(minus, labels, nullptr)) / (2 * h);
        LOSSLAB_COMPARE_WITHIN(grad(k, i), fd, 1e-7 * std::max(1.0, std::abs(fd)));
      }
  }

  // 113 classes, float32: the correct logit ahead by 2e4 (1e4 against -1e4). Softmax has long
  // collapsed there (S == 1, loss and correct-class gradient exactly 0); StableMax has not.
  void doesNotCollapseWhereSoftmaxDoesInFloat32() {
    for (float rest : {-1e4f, 0.0f, -1e3f}) {
      Eigen::MatrixXf z = Eigen::MatrixXf::Constant(113, 1, rest);
      z(0, 0) = 1e4f;
      const std::vector<int> labels{0};
      const Eigen::MatrixXf none;
      Eigen::MatrixXf softGrad, stableGrad;
      const float soft = logitLossSum<float>(LossKind::CrossEntropy, z, {labels.data(), none}, &softGrad, 1.0f, nullptr);
      QCOMPARE(soft, 0.0f);
      QCOMPARE(softGrad(0, 0), 0.0f);
      const float stable = lossOf<float>(z, labels, &stableGrad);
      QVERIFY(stable > 0.0f);
      QVERIFY(stableGrad(0, 0) < 0.0f);
      // ... and to float32's relative precision of the float64 value.
      Eigen::MatrixXd grad64;
      const double stable64 = lossOf<double>(z.cast<double>(), labels, &grad64);
      LOSSLAB_COMPARE_WITHIN(stable, stable64, 1e-5 * stable64);
      LOSSLAB_COMPARE_WITHIN(stableGrad(0, 0), grad64(0, 0), 1e-5 * std::abs(grad64(0, 0)));
      for (Index k = 1; k < 113; ++k) QVERIFY(stableGrad(k, 0) > 0.0f);
    }
  }
};

QTEST_APPLESS_MAIN(StableMaxTest)
#include "test_stablemax.moc"
