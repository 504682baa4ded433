// The one choice of landscape directions the window's probe and `losslab-cli landscape` share:
// each kind is its engine function's result (seeded random pair, Lanczos eigenvectors, path PCA,
// interpolation line), checked here against those functions and against cases small enough to
// work by hand.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/core/error.hpp"
#include "losslab/landscape/hessian_directions.hpp"
#include "losslab/landscape/landscape_directions.hpp"

using namespace losslab;

namespace {
Architecture net() { return Architecture::mlp({2, 3, 2}, Activation::Tanh); }

Eigen::VectorXd theta(const Architecture& a) {
  Eigen::VectorXd t(a.parameterCount());
  for (Index i = 0; i < t.size(); ++i) t[i] = 0.3 * std::sin(1.7 * double(i) + 0.2);
  return t;
}

Samples<double> samples() {
  Samples<double> s;
  s.x.resize(2, 4);  // features x samples
  s.x << 1, 0, -1, 0.3, 0, 1, 0.5, -0.7;
  s.labels = {0, 1, 1, 0};
  s.numClasses = 2;
  return s;
}

DirectionInputs inputsFor(const Architecture& a) {
  DirectionInputs in;
  in.network = a;
  in.loss = LossKind::CrossEntropy;
  in.theta = theta(a);
  return in;
}
}  // namespace

class LandscapeDirectionsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void randomIsTheSeededNormalisedPair() {
    const Architecture a = net();
    DirectionOptions options;
    options.random.seed = 7;
    options.random.orthogonalize = true;
    const LandscapeDirections d = landscapeDirections(DirectionKind::Random, inputsFor(a), options);
    const DirectionPair pair = randomDirections(theta(a), a, options.random);
    QCOMPARE(d.plane.origin, theta(a));
    QCOMPARE(d.plane.dir1, pair.dir1);
    QCOMPARE(d.plane.dir2, pair.dir2);
    QVERIFY(d.kind == DirectionKind::Random);
  }

  void hessianIsTheTopEigenpairOfTheLoss() {
    const Architecture a = net();
    DirectionInputs in = inputsFor(a);
    int built = 0;
    in.hessianSamples = [&built] { ++built; return samples(); };
    const LandscapeDirections d = landscapeDirections(DirectionKind::Hessian, in);
    QCOMPARE(built, 1);  // the samples are built only for this kind
    CurvatureOperator h(a, LossKind::CrossEntropy, theta(a), samples());
    const EigenDirections e = hessianEigenDirections(h);
    QCOMPARE(d.eigenvalues[0], e.lambda1);
    QCOMPARE(d.eigenvalues[1], e.lambda2);
    QCOMPARE(d.plane.dir1, e.dir1);
    QVERIFY(d.converged);
    // H v = λ v for the first direction, by one more product.
    Eigen::VectorXd hv(d.plane.dir1.size());
    h.apply(d.plane.dir1, hv);
    QVERIFY2((hv - d.eigenvalues[0] * d.plane.dir1).norm() < 1e-6 * std::max(1.0, std::abs(d.eigenvalues[0])),
             qPrintable(QString("residual %1").arg((hv - d.eigenvalues[0] * d.plane.dir1).norm())));
    in.hessianSamples = nullptr;
    QVERIFY_THROWS_EXCEPTION(InputError, landscapeDirections(DirectionKind::Hessian, in));
  }

  void pcaOfAPathAlongTwoAxesIsThoseAxes() {
    // Points θ + 3 e0, θ - 3 e0, θ + e1, θ - e1: the principal components are ±e0 then ±e1,
    // with variances 18 and 2 of 20.
    const Architecture a = net();
    DirectionInputs in = inputsFor(a);
    const Index n = in.theta.size();
    const Eigen::VectorXd e0 = Eigen::VectorXd::Unit(n, 0), e1 = Eigen::VectorXd::Unit(n, 1);
    in.trajectory = {in.theta + 3 * e0, in.theta - 3 * e0, in.theta + e1, in.theta - e1};
    const LandscapeDirections d = landscapeDirections(DirectionKind::TrajectoryPca, in);
    LOSSLAB_COMPARE_NEAR(std::abs(d.plane.dir1.dot(e0)), 1.0, 1e-12);
    LOSSLAB_COMPARE_NEAR(std::abs(d.plane.dir2.dot(e1)), 1.0, 1e-12);
    LOSSLAB_COMPARE_NEAR(d.explainedVariance[0], 0.9, 1e-12);
    LOSSLAB_COMPARE_NEAR(d.explainedVariance[1], 0.1, 1e-12);
    in.trajectory.resize(1);
    QVERIFY_THROWS_EXCEPTION(InputError, landscapeDirections(DirectionKind::TrajectoryPca, in));
  }

  void interpolationIsTheLineFromTheStartToTheta() {
    const Architecture a = net();
    DirectionInputs in = inputsFor(a);
    in.start = Eigen::VectorXd::Zero(in.theta.size());
    const LandscapeDirections d = landscapeDirections(DirectionKind::Interpolation, in);
    QVERIFY(d.plane.isLine());
    QCOMPARE(d.plane.origin, in.start);
    QCOMPARE(d.plane.dir1, in.theta);  // t = 1 is θ
    QCOMPARE(toString(DirectionKind::Interpolation), std::string("interpolation"));
  }
};

QTEST_MAIN(LandscapeDirectionsTest)
#include "test_landscape_directions.moc"
