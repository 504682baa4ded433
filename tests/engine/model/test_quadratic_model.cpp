// The second-order regression model (Agarwala, Pedregosa & Pennington 2023): exact derivatives,
// and gradient descent whose sharpness rises past 2/eta and settles at the edge of stability.
#include <QtTest>

#include <Eigen/Eigenvalues>

#include "fuzzy_compare.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/model/quadratic_model.hpp"
#include "losslab/run/trainer.hpp"

using namespace losslab;

class QuadraticModelTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void derivativesAreExact() {
    const QuadraticModel m = QuadraticModel::random(7, 5, 1.0, 3);
    const Eigen::VectorXd theta = Eigen::VectorXd::LinSpaced(7, -0.5, 0.8);
    Eigen::VectorXd g, fd(7), hv, gp, gm;
    m.lossAndGradient(theta, g);
    for (int i = 0; i < 7; ++i) {
      Eigen::VectorXd t = theta;
      t[i] += 1e-6;
      const double up = m.loss(t);
      t[i] -= 2e-6;
      fd[i] = (up - m.loss(t)) / 2e-6;
    }
    QVERIFY((g - fd).norm() < 1e-8 * g.norm());
    const Eigen::VectorXd v = Eigen::VectorXd::Ones(7);
    m.hessianVectorProduct(theta, v, hv);
    m.lossAndGradient(theta + 1e-5 * v, gp);
    m.lossAndGradient(theta - 1e-5 * v, gm);
    QVERIFY((hv - (gp - gm) / 2e-5).norm() < 1e-7 * hv.norm());
    QVERIFY((m.hessian(theta) * v - hv).norm() < 1e-12 * hv.norm());
    // The loss is exactly quartic along a line: its 5th finite difference vanishes.
    auto along = [&](double t) { return m.loss(theta + t * v); };
    const double fifth = along(2.5) - 5 * along(1.5) + 10 * along(0.5) - 10 * along(-0.5) + 5 * along(-1.5) - along(-2.5);
    LOSSLAB_COMPARE_NEAR(fifth, 0.0, 1e-9);
  }

  // GD at lr 4 on this model: the sharpness starts at 0.28, rises past 2/eta = 0.5 (progressive
  // sharpening), and then stays at the edge while the loss goes to zero.
  void gradientDescentSettlesAtTheEdgeOfStability() {
    const ExperimentConfig c = parseExperiment(R"({"model": {"kind": "quadratic", "params": 60,
        "residuals": 30}, "loss": "mse", "optimizer": {"lr": 4.0}, "steps": 3000})");
    auto trainer = Trainer::create(c);
    CurvatureTracking t;
    t.every = 1;
    trainer->setCurvatureTracking(t);
    double first = 0, peak = 0, last = 0, lastLoss = 0;
    for (int s = 0; s < 1500; ++s) {
      const MetricsRow row = trainer->step(false);
      if (s == 0) first = row.sharpness;
      peak = std::max(peak, row.sharpness);
      last = row.sharpness;
      lastLoss = row.trainLoss;
    }
    QVERIFY(first < 0.4);
    QVERIFY(peak > 0.55);                      // crossed 2/eta
    LOSSLAB_COMPARE_NEAR(last, 0.5, 0.01);      // and came back to the edge
    QVERIFY(lastLoss < 1e-10);                 // while the loss kept falling
    QVERIFY(trainer->data().train.empty());
  }

  void badSizesAreClearErrors() {
    QVERIFY_THROWS_EXCEPTION(InputError, QuadraticModel::random(0, 5, 1, 0));
    QVERIFY_THROWS_EXCEPTION(InputError, QuadraticModel::random(2000, 2000, 1, 0));
    QVERIFY_THROWS_EXCEPTION(InputError, parseExperiment(R"({"model": {"kind": "quadratic"}, "loss": "cross_entropy"})"));
    QVERIFY_THROWS_EXCEPTION(InputError, parseExperiment(R"({"model": {"kind": "cubic"}})"));
  }
};

QTEST_APPLESS_MAIN(QuadraticModelTest)
#include "test_quadratic_model.moc"
