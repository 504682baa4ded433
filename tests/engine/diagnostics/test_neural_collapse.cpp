// Neural collapse metrics (Papyan, Han & Donoho 2020) on constructed last-layer features:
// features at their class means, the means a simplex ETF and the classifier equal to them give
// NC1 = NC2 = NC3 = 0 and NC4 = 1; noisy, unaligned features do not; small cases by hand.
#include <QtTest>

#include <cmath>
#include <random>

#include "fuzzy_compare.hpp"
#include "losslab/diagnostics/neural_collapse.hpp"

using namespace losslab;

namespace {

// The C vertices of a simplex ETF in R^C, centred (rows of I - 1/C), scaled by `scale`.
Eigen::MatrixXd simplexEtf(int C, double scale) {
  return scale * (Eigen::MatrixXd::Identity(C, C) - Eigen::MatrixXd::Constant(C, C, 1.0 / C));
}

struct Features {
  Eigen::MatrixXd h;
  std::vector<int> labels;
};

// n per class at the ETF vertices (columns of `means`), plus Gaussian noise of deviation sigma.
Features around(const Eigen::MatrixXd& means, int perClass, double sigma, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  Features f;
  f.h.resize(means.rows(), means.cols() * perClass);
  for (int c = 0; c < means.cols(); ++c)
    for (int k = 0; k < perClass; ++k) {
      const int i = c * perClass + k;
      f.h.col(i) = means.col(c) + sigma * Eigen::VectorXd::NullaryExpr(means.rows(), [&] { return normal(rng); });
      f.labels.push_back(c);
    }
  return f;
}

}  // namespace

class NeuralCollapseTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void collapsedFeaturesScoreZeroAndOne() {
    const int C = 5;
    const Eigen::MatrixXd means = simplexEtf(C, 3.0);  // d = C, columns are the vertices
    const Features f = around(means, 4, 0.0, 1);
    const Eigen::MatrixXd W = 0.7 * means.transpose();  // self-dual, any scale
    const Eigen::MatrixXd logits = W * f.h;
    const NeuralCollapse nc = neuralCollapse(f.h, f.labels, C, W, logits);
    LOSSLAB_COMPARE_NEAR(nc.nc1, 0.0, 1e-20);
    LOSSLAB_COMPARE_NEAR(nc.nc2Equinorm, 0.0, 1e-12);
    LOSSLAB_COMPARE_NEAR(nc.nc2Equiangularity, 0.0, 1e-12);
    LOSSLAB_COMPARE_NEAR(nc.nc2MaxAngle, 0.0, 1e-12);
    LOSSLAB_COMPARE_NEAR(nc.nc3, 0.0, 1e-12);
    QCOMPARE(nc.nc4, 1.0);
  }

  void uncollapsedFeaturesDoNot() {
    const int C = 5;
    std::mt19937_64 rng(3);
    std::normal_distribution<double> normal(0.0, 1.0);
    const Eigen::MatrixXd means = Eigen::MatrixXd::NullaryExpr(8, C, [&] { return normal(rng); });
    const Features f = around(means, 30, 1.0, 2);
    const Eigen::MatrixXd W = Eigen::MatrixXd::NullaryExpr(C, 8, [&] { return normal(rng); });
    const NeuralCollapse nc = neuralCollapse(f.h, f.labels, C, W, W * f.h);
    QVERIFY(nc.nc1 > 0.1);
    QVERIFY(nc.nc2Equinorm > 0.05);
    QVERIFY(nc.nc2Equiangularity > 0.1);
    QVERIFY(nc.nc3 > 0.25);
    QVERIFY(nc.nc4 < 0.9);
    // Less noise, less within-class variability: NC1 falls with sigma^2.
    const Features tight = around(means, 30, 0.1, 2);
    const NeuralCollapse ncTight = neuralCollapse(tight.h, tight.labels, C, W, W * tight.h);
    QVERIFY(ncTight.nc1 < nc.nc1 / 50);
  }

  // Two classes on a line: h = -1 -/+ 0.5 and 1 -/+ 0.5. mu_G = 0, Sigma_B = 1, Sigma_W = 0.25,
  // so NC1 = 0.25 / 2; equal norms and one pair of opposite means (cos = -1 = -1/(C-1)).
  void twoClassesByHand() {
    Eigen::MatrixXd h(1, 4);
    h << -1.5, -0.5, 0.5, 1.5;
    const std::vector<int> labels{0, 0, 1, 1};
    Eigen::MatrixXd W(2, 1);
    W << -2.0, 2.0;
    const NeuralCollapse nc = neuralCollapse(h, labels, 2, W, W * h);
    QCOMPARE(nc.nc1, 0.125);
    QCOMPARE(nc.nc2Equinorm, 0.0);
    QCOMPARE(nc.nc2Equiangularity, 0.0);
    QCOMPARE(nc.nc2MaxAngle, 0.0);
    LOSSLAB_COMPARE_NEAR(nc.nc3, 0.0, 1e-15);
    QCOMPARE(nc.nc4, 1.0);
  }

  // NC3 as Papyan, Han & Donoho's code reports it, the squared Frobenius distance: class means
  // -1 and 1 (M = (-1, 1)^T / sqrt 2 normalised) against W = (0, 1)^T give
  // ||W/||W|| - M/||M|| ||^2 = 2 - 2 (1/sqrt 2) = 2 - sqrt 2 (unsquared it would be 0.765).
  void nc3IsTheSquaredDistanceByHand() {
    Eigen::MatrixXd h(1, 4);
    h << -1.5, -0.5, 0.5, 1.5;
    const std::vector<int> labels{0, 0, 1, 1};
    Eigen::MatrixXd W(2, 1);
    W << 0.0, 3.0;
    const NeuralCollapse nc = neuralCollapse(h, labels, 2, W, W * h);
    LOSSLAB_COMPARE_NEAR(nc.nc3, 2.0 - std::sqrt(2.0), 1e-15);
  }

  // A class with no sample is left out rather than counted as a zero mean.
  void absentClassesAreLeftOut() {
    const int C = 4;
    const Eigen::MatrixXd means = simplexEtf(3, 2.0);
    const Features f = around(means, 3, 0.0, 5);
    Eigen::MatrixXd W = Eigen::MatrixXd::Zero(C, 3);
    W.topRows(3) = means.transpose();
    W.row(3).setConstant(9.0);  // the absent class's row plays no part
    Eigen::MatrixXd logits = means.transpose() * f.h;
    logits.conservativeResize(C, Eigen::NoChange);
    logits.row(3).setConstant(-1.0);
    const NeuralCollapse nc = neuralCollapse(f.h, f.labels, C, W, logits);
    LOSSLAB_COMPARE_NEAR(nc.nc2MaxAngle, 0.0, 1e-12);  // cos = -1/2 among the three present
    LOSSLAB_COMPARE_NEAR(nc.nc3, 0.0, 1e-12);
    QCOMPARE(nc.nc4, 1.0);
  }
};

QTEST_APPLESS_MAIN(NeuralCollapseTest)
#include "test_neural_collapse.moc"
