// The network's predictions over its input space, as the decision-surface and regression views
// draw them: grid layout, the three losses' probabilities, and the limits.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/core/error.hpp"
#include "losslab/model/prediction_grid.hpp"

using namespace losslab;

namespace {
// 2 -> 2 linear network with W = identity and b = (0, 0.5): outputs are (x, y + 0.5).
Eigen::VectorXd identityPlusBias() {
  Eigen::VectorXd theta(6);
  theta << 1, 0, 0, 1, 0, 0.5;
  return theta;
}
}  // namespace

class PredictionGridTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void pointsAreLaidOutRowByRow() {
    const Architecture arch = Architecture::mlp({2, 2}, Activation::Linear);
    const GridBox box{-1, 1, 0, 3};
    const PredictionGrid g = predictOnGrid(arch, LossKind::Mse, false, identityPlusBias(), box, 5, 4);
    QCOMPARE(g.values.rows(), Eigen::Index(2));
    QCOMPARE(g.values.cols(), Eigen::Index(20));
    for (int j = 0; j < 4; ++j)
      for (int i = 0; i < 5; ++i) {
        QCOMPARE(g.values(0, j * 5 + i), -1.0 + 0.5 * i);
        QCOMPARE(g.values(1, j * 5 + i), 0.0 + 1.0 * j + 0.5);
      }
  }

  void crossEntropyGivesTheSoftmax() {
    const Architecture arch = Architecture::mlp({2, 2}, Activation::Linear);
    const PredictionGrid g = predictOnGrid(arch, LossKind::CrossEntropy, true, identityPlusBias(),
                                           GridBox{-2, 2, -2, 2}, 3, 3);
    for (Eigen::Index c = 0; c < g.values.cols(); ++c) {
      const double x = -2.0 + 2.0 * double(c % 3), y = -2.0 + 2.0 * double(c / 3) + 0.5;
      const double p1 = 1.0 / (1.0 + std::exp(x - y));  // softmax of (x, y), second class
      LOSSLAB_COMPARE_NEAR(g.values(1, c), p1, 1e-15);
      LOSSLAB_COMPARE_NEAR(g.values.col(c).sum(), 1.0, 1e-15);
    }
  }

  void stableMaxAndMseProbabilities() {
    Eigen::MatrixXd z(3, 2);
    z << 2, -1, 0, -3, -1, 1.5;
    const Eigen::MatrixXd s = classProbabilities(LossKind::StableMaxCrossEntropy, z);
    // s(2) = 3, s(0) = 1, s(-1) = 1/2: StableMax = (3, 1, 0.5) / 4.5
    LOSSLAB_COMPARE_NEAR(s(0, 0), 3.0 / 4.5, 1e-15);
    LOSSLAB_COMPARE_NEAR(s(2, 0), 0.5 / 4.5, 1e-15);
    const Eigen::MatrixXd m = classProbabilities(LossKind::Mse, z);
    // (2, 0, -1) clips to (1, 0, 0); (-1, -3, 1.5) to (0, 0, 1)
    QCOMPARE(m(0, 0), 1.0);
    QCOMPARE(m(1, 0), 0.0);
    QCOMPARE(m(2, 1), 1.0);
    Eigen::MatrixXd negative = Eigen::MatrixXd::Constant(4, 1, -2.0);
    QCOMPARE(classProbabilities(LossKind::Mse, negative)(3, 0), 0.25);  // no evidence: uniform
  }

  void oneInputNetworksGiveACurve() {
    const Architecture arch = Architecture::mlp({1, 1}, Activation::Linear);
    Eigen::VectorXd theta(2);
    theta << 2.0, -1.0;  // f(x) = 2x - 1
    const PredictionGrid g = predictOnGrid(arch, LossKind::Mse, false, theta, GridBox{0, 1, 0, 0}, 11, 50);
    QCOMPARE(g.ny, 1);
    QCOMPARE(g.values.cols(), Eigen::Index(11));
    LOSSLAB_COMPARE_NEAR(g.values(0, 10), 1.0, 1e-15);
  }

  void boundingBoxWidensByTheMargin() {
    Eigen::MatrixXd x(2, 3);
    x << 0, 1, 2, -1, 1, 3;
    const GridBox b = boundingBox(x, 0.25);
    QCOMPARE(b.x0, -0.5);
    QCOMPARE(b.x1, 2.5);
    QCOMPARE(b.y0, -2.0);
    QCOMPARE(b.y1, 4.0);
  }

  void badRequestsAreClearErrors() {
    const Eigen::VectorXd theta = Eigen::VectorXd::Zero(12);
    QVERIFY_THROWS_EXCEPTION(InputError, predictOnGrid(Architecture::mlp({3, 3}, Activation::Linear),
                                                       LossKind::Mse, false, theta, GridBox{}, 10, 10));
    const Architecture two = Architecture::mlp({2, 2}, Activation::Linear);
    QVERIFY_THROWS_EXCEPTION(InputError, predictOnGrid(two, LossKind::Mse, false, identityPlusBias(), GridBox{}, 1, 10));
    QVERIFY_THROWS_EXCEPTION(InputError, predictOnGrid(two, LossKind::Mse, false, identityPlusBias(), GridBox{}, 10, 1001));
    QVERIFY_THROWS_EXCEPTION(InputError, predictOnGrid(two, LossKind::Mse, false, identityPlusBias(), GridBox{1, 0, 0, 1}, 10, 10));
  }
};

QTEST_APPLESS_MAIN(PredictionGridTest)
#include "test_prediction_grid.moc"
