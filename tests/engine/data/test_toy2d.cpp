// The two-input data sets (TensorFlow Playground's): shapes, class balance, geometry, noise.
#include <QtTest>

#include <cmath>
#include <functional>
#include <numbers>

#include "fuzzy_compare.hpp"
#include "losslab/data/toy2d.hpp"

using namespace losslab;

namespace {

using Generator = std::function<Dataset(int n, double noise, Rng&)>;

Generator generator(const QString& kind) {
  if (kind == "spiral") return [](int n, double e, Rng& r) { return makeSpiral(n, 2, e, r); };
  if (kind == "spiral3") return [](int n, double e, Rng& r) { return makeSpiral(n, 3, e, r); };
  if (kind == "circles") return makeCircles;
  if (kind == "xor") return makeXor;
  if (kind == "gaussians") return makeGaussians;
  if (kind == "moons") return makeMoons;
  if (kind == "reg_plane") return makeRegPlane;
  return makeRegGauss;
}

Dataset make(const QString& kind, int n, double noise, std::uint64_t seed) {
  Rng rng(seed);
  return generator(kind)(n, noise, rng);
}

int countOf(const Dataset& d, int label) {
  return static_cast<int>(std::count(d.labels.begin(), d.labels.end(), label));
}

}  // namespace

class Toy2dTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void classificationShapes_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("classes");
    for (const char* k : {"spiral", "circles", "xor", "gaussians", "moons"})
      QTest::newRow(k) << QString(k) << 2;
    QTest::newRow("spiral3") << QString("spiral3") << 3;
  }
  void classificationShapes() {
    QFETCH(QString, kind);
    QFETCH(int, classes);
    const Dataset d = make(kind, 301, 0.1, 7);
    QCOMPARE(d.task, Task::Classification);
    QCOMPARE(d.x.rows(), 2);
    QCOMPARE(d.x.cols(), 301);
    QCOMPARE(d.labels.size(), std::size_t(301));
    QCOMPARE(d.numClasses, classes);
    QCOMPARE(d.outputDim(), classes);
    QCOMPARE(d.targets.size(), 0);
    for (int k = 0; k < classes; ++k) {
      if (kind == "xor") QVERIFY(countOf(d, k) > 100);  // random quadrants: about half
      else QVERIFY(countOf(d, k) == 301 / classes || countOf(d, k) == 301 / classes + 1);
    }
    QVERIFY(d.x.allFinite());
  }

  void regressionShapes_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("reg_plane") << QString("reg_plane");
    QTest::newRow("reg_gauss") << QString("reg_gauss");
  }
  void regressionShapes() {
    QFETCH(QString, kind);
    const Dataset d = make(kind, 250, 0.1, 7);
    QCOMPARE(d.task, Task::Regression);
    QCOMPARE(d.x.rows(), 2);
    QCOMPARE(d.x.cols(), 250);
    QCOMPARE(d.targets.rows(), 1);
    QCOMPARE(d.targets.cols(), 250);
    QCOMPARE(d.outputDim(), 1);
    QVERIFY(d.labels.empty());
    QVERIFY(d.x.minCoeff() >= -1.0 && d.x.maxCoeff() < 1.0);
  }

  void sameSeedSameDataOtherSeedOtherData_data() {
    QTest::addColumn<QString>("kind");
    for (const char* k :
         {"spiral", "spiral3", "circles", "xor", "gaussians", "moons", "reg_plane", "reg_gauss"})
      QTest::newRow(k) << QString(k);
  }
  void sameSeedSameDataOtherSeedOtherData() {
    QFETCH(QString, kind);
    const Dataset a = make(kind, 200, 0.05, 11), b = make(kind, 200, 0.05, 11);
    const Dataset c = make(kind, 200, 0.05, 12);
    QVERIFY(a.x == b.x);
    QVERIFY(a.labels == b.labels);
    QVERIFY(a.targets == b.targets);
    QVERIFY(a.x != c.x);
  }

  // The PyTorch generator: t = linspace(0, 1, n/2)·3π, a = [t cos t, t sin t]/10, second arm −a.
  void twoArmSpiralIsThePyTorchGenerator() {
    const Dataset d = make("spiral", 1000, 0.0, 0);
    const double pi = std::numbers::pi;
    const double step = 1.0 / 499;  // torch.linspace fills its first half from 0, the rest from 1
    for (int i = 0; i < 500; ++i) {
      const double t = (i < 250 ? step * i : 1.0 - step * (499 - i)) * 3 * pi;
      LOSSLAB_COMPARE_NEAR(d.x(0, i), t * std::cos(t) / 10, 1e-15);
      LOSSLAB_COMPARE_NEAR(d.x(1, i), t * std::sin(t) / 10, 1e-15);
      QCOMPARE(d.x(0, 500 + i), -d.x(0, i));
      QCOMPARE(d.x(1, 500 + i), -d.x(1, i));
      QCOMPARE(d.labels[i], 0);
      QCOMPARE(d.labels[500 + i], 1);
    }
    QCOMPARE(d.x(0, 0), 0.0);
    QCOMPARE(d.x(0, 499), 3 * pi * std::cos(3 * pi) / 10);
  }

  void spiralArmsAreTurnedCopies() {
    const int arms = 5;
    Rng rng(0);
    const Dataset d = makeSpiral(500, arms, 0.0, rng);
    QCOMPARE(d.numClasses, arms);
    for (int k = 1; k < arms; ++k) {
      const double angle = 2 * std::numbers::pi * k / arms;
      for (int i = 0; i < 100; ++i) {
        const double x = d.x(0, i), y = d.x(1, i);
        const int j = 100 * k + i;
        QCOMPARE(d.labels[j], k);
        LOSSLAB_COMPARE_NEAR(d.x(0, j), (std::cos(angle) * x - std::sin(angle) * y), 1e-12);
        LOSSLAB_COMPARE_NEAR(d.x(1, j), (std::sin(angle) * x + std::cos(angle) * y), 1e-12);
      }
    }
  }

  // Noise is drawn after the points, so a noisy set is the clean one plus noise·N(0, 1).
  void noiseIsAddedGaussianWithTheGivenScale() {
    const Dataset clean = make("spiral", 4000, 0.0, 5), noisy = make("spiral", 4000, 0.1, 5);
    const Eigen::ArrayXXd e = noisy.x - clean.x;
    const double sd = std::sqrt(e.square().mean() - e.mean() * e.mean());
    LOSSLAB_COMPARE_NEAR(e.mean(), 0.0, 0.005);
    LOSSLAB_COMPARE_NEAR(sd, 0.1, 0.005);
  }

  void circlesAreADiscInsideARing() {
    const Dataset d = make("circles", 400, 0.0, 3);
    for (int j = 0; j < d.size(); ++j) {
      const double r = d.x.col(j).norm();
      if (d.labels[j] == 0) QVERIFY(r <= 0.5 + 1e-12);
      else QVERIFY(r >= 0.7 - 1e-12 && r <= 1.0 + 1e-12);
    }
  }

  void xorLabelIsTheSignOfTheProduct() {
    const Dataset d = make("xor", 400, 0.0, 3);
    for (int j = 0; j < d.size(); ++j) {
      QCOMPARE(d.labels[j], d.x(0, j) * d.x(1, j) > 0 ? 1 : 0);
      QVERIFY(std::abs(d.x(0, j)) >= 0.06 && std::abs(d.x(1, j)) >= 0.06);
    }
  }

  void gaussiansAreTwoBlobs() {
    const Dataset d = make("gaussians", 2000, 0.0, 3);
    Eigen::Vector2d mean[2] = {Eigen::Vector2d::Zero(), Eigen::Vector2d::Zero()};
    for (int j = 0; j < d.size(); ++j) mean[d.labels[j]] += d.x.col(j) / 1000.0;
    QVERIFY((mean[0] - Eigen::Vector2d(-0.5, -0.5)).norm() < 0.03);
    QVERIFY((mean[1] - Eigen::Vector2d(0.5, 0.5)).norm() < 0.03);
  }

  void moonsAreTwoHalfCircles() {
    const Dataset d = make("moons", 300, 0.0, 3);
    for (int j = 0; j < d.size(); ++j) {
      // Outer moon: unit circle around (-0.5, -0.25), upper half; inner: around (0.5, 0.25), lower.
      const Eigen::Vector2d centre = d.labels[j] == 0 ? Eigen::Vector2d(-0.5, -0.25)
                                                      : Eigen::Vector2d(0.5, 0.25);
      LOSSLAB_COMPARE_NEAR((d.x.col(j) - centre).norm(), 1.0, 1e-12);
      QVERIFY(d.labels[j] == 0 ? d.x(1, j) >= -0.25 - 1e-12 : d.x(1, j) <= 0.25 + 1e-12);
    }
  }

  void regPlaneIsTheMeanOfTheInputs() {
    const Dataset d = make("reg_plane", 100, 0.0, 3);
    for (int j = 0; j < d.size(); ++j)
      QCOMPARE(d.targets(0, j), (d.x(0, j) + d.x(1, j)) / 2);
  }

  void regGaussHasBumpsOfBothSigns() {
    const Dataset d = make("reg_gauss", 2000, 0.0, 3);
    QVERIFY(d.targets.maxCoeff() > 0.5);
    QVERIFY(d.targets.minCoeff() < -0.5);
    QVERIFY(d.targets.cwiseAbs().maxCoeff() < 1.2);
  }
};

QTEST_APPLESS_MAIN(Toy2dTest)
#include "test_toy2d.moc"
