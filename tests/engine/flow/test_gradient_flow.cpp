// Gradient flow against closed forms: a quadratic's flow θ(t) = θ* + exp(−At)(θ0 − θ*) to the
// integrator's tolerance, stiff or not, landing on the times asked for; and the GFS sharpness of a
// deep scalar network, whose flow keeps every w_i² − w_j² (Kreisler et al. 2023, Lemma 3.1), so
// the minimum it reaches and λmax there, y² Σ_i 1/w_i², follow from one equation in one unknown.
#include <QtTest>

#include "losslab/flow/gfs_sharpness.hpp"
#include "losslab/flow/gradient_flow.hpp"
#include "losslab/io/metrics_csv.hpp"
#include "losslab/io/session_records.hpp"
#include "losslab/run/curvature_tracker.hpp"
#include "fuzzy_compare.hpp"

using namespace losslab;

namespace {

// L = ½ Σ a_i (θ_i − θ*_i)²
struct Quadratic {
  Eigen::VectorXd a, star;
  LossGradient f() const {
    return [this](const Eigen::VectorXd& t, Eigen::VectorXd& g) {
      g = a.cwiseProduct(t - star);
      return 0.5 * (t - star).dot(g);
    };
  }
  Eigen::VectorXd at(const Eigen::VectorXd& theta0, double t) const {
    return star + ((-a * t).array().exp() * (theta0 - star).array()).matrix();
  }
};

// f(x) = w_L ⋯ w_1 x on the one sample x = 1, y: a deep scalar (linear, width-1) network.
struct Scalar {
  Network net;
  Samples<double> data;
  Scalar(int depth, double y) : net(Architecture::mlp(std::vector<int>(std::size_t(depth) + 1, 1), Activation::Linear, false)) {
    data.task = Task::Regression;
    data.x = Eigen::MatrixXd::Constant(1, 1, 1.0);
    data.targets = Eigen::MatrixXd::Constant(1, 1, y);
  }
};

// λmax at the minimum the flow from w0 reaches: w_i² = u + c_i with c_i = w0_i² − w0_1²,
// Π (u + c_i) = y², found by bisection (the product increases with u).
double gfsSharpnessClosedForm(const Eigen::VectorXd& w0, double y) {
  const Eigen::ArrayXd c = w0.array().square() - w0[0] * w0[0];
  double lo = -c.minCoeff(), hi = lo + 1.0;
  auto product = [&](double u) { return (u + c).prod(); };
  while (product(hi) < y * y) hi = lo + 2 * (hi - lo);
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (product(mid) < y * y ? lo : hi) = mid;
  }
  const double u = 0.5 * (lo + hi);
  return y * y * (1.0 / (u + c)).sum();
}

}  // namespace

class GradientFlowTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void aQuadraticsFlowIsItsClosedForm_data() {
    QTest::addColumn<double>("stiffness");
    QTest::newRow("curvatures 0.5 to 20") << 20.0;
    QTest::newRow("stiff: curvatures 0.5 to 2000") << 2000.0;
  }
  void aQuadraticsFlowIsItsClosedForm() {
    QFETCH(double, stiffness);
    Quadratic q{(Eigen::VectorXd(4) << 0.5, 2.0, 7.0, stiffness).finished(),
                (Eigen::VectorXd(4) << 1.0, -2.0, 0.5, 3.0).finished()};
    const Eigen::VectorXd theta0 = (Eigen::VectorXd(4) << -1.0, 1.5, 2.0, -0.5).finished();
    GradientFlow flow(q.f(), theta0);
    for (double t : {0.001, 0.01, 0.1, 0.5, 1.0, 3.0, 8.0}) {
      flow.advanceTo(t);
      QCOMPARE(flow.time(), t);  // exactly where asked
      const Eigen::VectorXd want = q.at(theta0, t);
      const double error = (flow.state() - want).cwiseAbs().maxCoeff();
      QVERIFY2(error < 1e-6 * std::max(1.0, want.cwiseAbs().maxCoeff()),
               qPrintable(QString("t = %1: error %2").arg(t).arg(error)));
      QCOMPARE(flow.gradient(), Eigen::VectorXd(q.a.cwiseProduct(flow.state() - q.star)));
      QVERIFY(std::abs(flow.loss() - 0.5 * (flow.state() - q.star).dot(flow.gradient())) < 1e-15);
    }
    // Explicit Dormand–Prince steps are stable up to about 3.3/λmax: a stiff flow takes more,
    // but not wildly more (no runaway of rejected steps).
    QVERIFY(flow.acceptedSteps() > 0);
    QVERIFY2(flow.gradients() < 7 * (8.0 * stiffness / 2.0 + 200), qPrintable(QString::number(flow.gradients())));
    QVERIFY(flow.rejectedSteps() < flow.acceptedSteps());
  }

  void itRefusesBackwardTimeAndBadTolerancesAndKeepsItsBudget() {
    Quadratic q{Eigen::VectorXd::Constant(2, 1.0), Eigen::VectorXd::Zero(2)};
    GradientFlow flow(q.f(), Eigen::VectorXd::Ones(2));
    flow.advanceTo(1.0);
    QVERIFY_THROWS_EXCEPTION(InputError, flow.advanceTo(0.5));
    FlowOptions bad;
    bad.rtol = 0;
    QVERIFY_THROWS_EXCEPTION(InputError, GradientFlow(q.f(), Eigen::VectorXd::Ones(2), bad));
    FlowOptions small;
    small.maxGradients = 20;
    GradientFlow capped(q.f(), Eigen::VectorXd::Ones(2), small);
    QVERIFY_THROWS_EXCEPTION(InputError, capped.advanceTo(100.0));
    std::stop_source stop;
    stop.request_stop();
    GradientFlow stopped(q.f(), Eigen::VectorXd::Ones(2));
    QVERIFY_THROWS_EXCEPTION(Cancelled, stopped.advanceTo(1.0, {stop.get_token(), {}}));
  }

  void aScalarNetworksGfsSharpnessIsItsClosedForm_data() {
    QTest::addColumn<QVector<double>>("weights");
    QTest::addColumn<double>("target");
    QTest::newRow("depth 4, growing to y = 2") << QVector<double>{0.6, 1.2, 0.9, 1.5} << 2.0;
    QTest::newRow("depth 3, shrinking to y = 0.5") << QVector<double>{1.4, 0.8, 1.1} << 0.5;
    QTest::newRow("depth 6, unbalanced") << QVector<double>{0.3, 1.6, 1.0, 0.7, 1.2, 0.9} << 1.0;
  }
  void aScalarNetworksGfsSharpnessIsItsClosedForm() {
    QFETCH(QVector<double>, weights);
    QFETCH(double, target);
    const Scalar s(int(weights.size()), target);
    const Eigen::VectorXd w0 = Eigen::Map<const Eigen::VectorXd>(weights.data(), weights.size());
    const GfsSharpness g = gfsSharpness(s.net, LossKind::Mse, w0, s.data);
    QVERIFY(g.converged);
    QVERIFY(g.gradNorm <= 1e-9);
    QVERIFY(g.loss < 1e-15);
    // The invariants held along the way.
    const Eigen::ArrayXd before = w0.array().square() - w0[0] * w0[0];
    const Eigen::ArrayXd after = g.solution.array().square() - g.solution[0] * g.solution[0];
    QVERIFY2((before - after).abs().maxCoeff() < 1e-6, "w_i² − w_1² changed along the flow");
    const double want = gfsSharpnessClosedForm(w0, target);
    QVERIFY2(std::abs(g.sharpness - want) < 1e-6 * want,
             qPrintable(QString("GFS sharpness %1, closed form %2").arg(g.sharpness, 0, 'g', 12).arg(want, 0, 'g', 12)));
  }

  // Tracked along a run: the GFS sharpness of the iterate, in the row and its column, kept by a
  // saved history; a cross-entropy run has none (its column stays empty).
  void trackingPutsTheGfsSharpnessInTheRow() {
    const Scalar s(4, 2.0);
    const Eigen::VectorXd w = (Eigen::VectorXd(4) << 0.6, 1.2, 0.9, 1.5).finished();
    CurvatureTracking t;
    t.every = 1;
    t.gfs = true;
    CurvatureTracker tracker(s.net, LossKind::Mse, s.data, t, 0);
    MetricsRow row;
    tracker.measure(w, OptimizerConfig{}, 0.1, {}, row);
    QCOMPARE(row.gfsSharpness, gfsSharpness(s.net, LossKind::Mse, w, s.data).sharpness);
    LOSSLAB_COMPARE_NEAR(row.gfsSharpness, gfsSharpnessClosedForm(w, 2.0), 1e-6 * row.gfsSharpness);
    const std::vector<std::string> columns = curvatureColumns(t, s.net);
    QCOMPARE(columns.back(), std::string("gfs_sharpness"));
    QVERIFY(std::abs(std::stod(metricsLine(row, {"gfs_sharpness"})) - row.gfsSharpness) <= 1e-15 * row.gfsSharpness);
    long stride = 0;
    MetricsRow untracked;
    untracked.step = 1;
    const std::vector<MetricsRow> back = historyFromJson(historyToJson({row, untracked}, 1), "history", stride);
    QCOMPARE(back[0].gfsSharpness, row.gfsSharpness);
    QVERIFY(std::isnan(back[1].gfsSharpness));
    QVERIFY(!historyToJson({untracked}, 1).contains("gfs_sharpness"));  // nothing written where nothing was tracked

    Samples<double> labelled;
    labelled.x = Eigen::MatrixXd::Constant(1, 2, 1.0);
    labelled.labels = {0, 1};
    labelled.numClasses = 2;
    const Network classifier(Architecture::mlp({1, 2}, Activation::Linear));
    CurvatureTracker ce(classifier, LossKind::CrossEntropy, labelled, t, 0);
    MetricsRow none;
    ce.measure(Eigen::VectorXd::Constant(classifier.parameterCount(), 0.1), OptimizerConfig{}, 0.1, {}, none);
    QVERIFY(std::isnan(none.gfsSharpness));
  }

  void badGfsRequestsAreRefused() {
    const Scalar s(3, 1.0);
    GfsOptions o;
    o.gradientTolerance = 0;
    QVERIFY_THROWS_EXCEPTION(InputError, gfsSharpness(s.net, LossKind::Mse, Eigen::VectorXd::Ones(3), s.data, o));
    QVERIFY_THROWS_EXCEPTION(InputError, gfsSharpness(s.net, LossKind::Mse, Eigen::VectorXd::Ones(4), s.data));
  }
};

QTEST_GUILESS_MAIN(GradientFlowTest)
#include "test_gradient_flow.moc"
