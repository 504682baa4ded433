// 1-D landscapes: train and test curves along a direction, and linear interpolation between two
// checkpoints, theta(t) = (1 - t) theta1 + t theta2 on t in [-0.5, 1.5].
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "landscape_test_support.hpp"
#include "losslab/landscape/checkpoint_plane.hpp"
#include "losslab/landscape/landscape_slice.hpp"
#include "losslab/model/mlp_objective.hpp"

using namespace losslab;

class LandscapeSliceTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // Train x = {1, -1}: 0.5 (1 + a)^2; test x = {2}: 0.5 (2 (1 + a))^2 = 2 (1 + a)^2.
  void trainAndTestCurvesAlongADirection() {
    const test::ScalarRegression q;
    const Samples<double> train = q.samples<double>(), test = q.samples<double>({2.0});
    std::vector<double> progress;
    const LandscapeSlice s = evaluateSlice(q.arch, LossKind::Mse, {q.theta, Eigen::Vector2d(1, 0), {}}, train, &test,
                                           AxisRange{-3, 1, 9}, TaskControl{{}, [&](double f) { progress.push_back(f); }});
    QVERIFY(s.test.has_value());
    QCOMPARE(s.train.coordinates, axisValues({-3, 1, 9}));
    for (int i = 0; i < 9; ++i) {
      const double a = s.train.coordinates[i];
      LOSSLAB_COMPARE_NEAR(s.train.loss[i], test::ScalarRegression::loss(a, 0), 1e-14);
      LOSSLAB_COMPARE_NEAR(s.test->loss[i], 2 * (1 + a) * (1 + a), 1e-13);
    }
    QCOMPARE(progress.back(), 1.0);
    QVERIFY(std::is_sorted(progress.begin(), progress.end()));
    const LandscapeSlice noTest = evaluateSlice(q.arch, LossKind::Mse, {q.theta, Eigen::Vector2d(1, 0), {}}, train,
                                                static_cast<const Samples<double>*>(nullptr), AxisRange{-1, 1, 3});
    QVERIFY(!noTest.test.has_value());
  }

  void theCentreOfASliceIsTheModelsLossAndAccuracy_data() { test::referenceNames(); }
  void theCentreOfASliceIsTheModelsLossAndAccuracy() {
    QFETCH(QString, name);
    const ModelFile m = test::reference(name);
    const LandscapeCurve c = evaluateCurve(m.architecture, m.loss, {m.parameters, test::vec(m.expected["landscape"]["normalized_dir1"]), {}},
                                           toSamples<double>(m.data), AxisRange{-1, 1, 5});
    const double want = m.expected["loss"].get<double>();
    LOSSLAB_COMPARE_WITHIN(c.loss[2], want, 1e-9 * want);
    if (m.expected.contains("accuracy")) QCOMPARE(c.accuracy[2], m.expected["accuracy"].get<double>());
  }

  void interpolationRunsFromOneCheckpointToTheOther() {
    const ModelFile m = test::reference("tanh_ce_small");
    const Eigen::VectorXd theta2 = 0.5 * m.parameters;
    const LandscapePlane line = interpolationLine(m.parameters, theta2);
    Eigen::VectorXd p;
    line.pointAt(0.25, 0, p);
    QVERIFY((p - (0.75 * m.parameters + 0.25 * theta2)).norm() < 1e-14);

    const Samples<double> data = toSamples<double>(m.data);
    const LandscapeCurve c = evaluateCurve(m.architecture, m.loss, line, data, kInterpolationRange);
    QCOMPARE(c.coordinates.front(), -0.5);
    QCOMPARE(c.coordinates.back(), 1.5);
    // The default resolution puts t = 0 and t = 1 on the grid: both checkpoints are drawn.
    const auto at = [&](double t) { return std::find(c.coordinates.begin(), c.coordinates.end(), t) - c.coordinates.begin(); };
    QVERIFY(at(0.0) < c.loss.size() && at(1.0) < c.loss.size());
    MlpObjective<double> objective(m.architecture, m.loss);
    QCOMPARE(c.loss[at(0.0)], objective.loss(m.parameters, data));
    QCOMPARE(c.loss[at(1.0)], objective.loss(theta2, data));
  }
};

QTEST_APPLESS_MAIN(LandscapeSliceTest)
#include "test_landscape_slice.moc"
