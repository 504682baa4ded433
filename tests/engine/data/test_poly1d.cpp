// One-input polynomial regression: x uniform in [-1, 1], y a seeded random polynomial.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/data/poly1d.hpp"

using namespace losslab;

class Poly1dTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void targetsAreThePolynomial() {
    Rng rng(1);
    std::vector<double> c;
    const Dataset d = makePoly1d(500, 4, 0.0, rng, &c);
    QCOMPARE(d.task, Task::Regression);
    QCOMPARE(d.x.rows(), 1);
    QCOMPARE(d.x.cols(), 500);
    QCOMPARE(d.targets.rows(), 1);
    QCOMPARE(c.size(), std::size_t(5));
    QVERIFY(d.x.minCoeff() >= -1.0 && d.x.maxCoeff() < 1.0);
    for (int j = 0; j < 500; ++j) {
      const double x = d.x(0, j);
      const double y = c[0] + c[1] * x + c[2] * x * x + c[3] * x * x * x + c[4] * x * x * x * x;
      LOSSLAB_COMPARE_NEAR(d.targets(0, j), y, 1e-12);
    }
  }

  void degreeZeroIsAConstant() {
    Rng rng(2);
    const Dataset d = makePoly1d(50, 0, 0.0, rng);
    QCOMPARE(d.targets.minCoeff(), d.targets.maxCoeff());
  }

  void noiseOnlyMovesTheTargets() {
    Rng r1(3), r2(3);
    const Dataset clean = makePoly1d(5000, 3, 0.0, r1), noisy = makePoly1d(5000, 3, 0.2, r2);
    QVERIFY(clean.x == noisy.x);
    const Eigen::ArrayXXd e = noisy.targets - clean.targets;
    LOSSLAB_COMPARE_NEAR(std::sqrt(e.square().mean()), 0.2, 0.01);
  }

  void seededCoefficients() {
    Rng a(4), b(4), c(5);
    std::vector<double> ca, cb, cc;
    makePoly1d(10, 3, 0.0, a, &ca);
    makePoly1d(10, 3, 0.0, b, &cb);
    makePoly1d(10, 3, 0.0, c, &cc);
    QCOMPARE(ca, cb);
    QVERIFY(ca != cc);
  }
};

QTEST_APPLESS_MAIN(Poly1dTest)
#include "test_poly1d.moc"
