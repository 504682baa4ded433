// What an optimizer remembers between steps: hyperparameters change mid-run without losing the
// momentum or Adam moments, reset() forgets them. L(θ) = ½(θ1² + 4θ2²), θ0 = (1, 0.5), lr = 0.1;
// the expected numbers are hand-computed (and match torch.optim after editing param_groups).
#include <QtTest>

#include "losslab/optim/optimizer.hpp"

using namespace losslab;

namespace {

Eigen::VectorXd theta0() { return Eigen::Vector2d(1, 0.5); }

template <class S>
S quadratic(const Vec<S>& theta, Vec<S>& grad) {
  grad = Vec<S>(Eigen::Matrix<S, 2, 1>(1, 4)).cwiseProduct(theta);
  return S(0.5) * theta.dot(grad);
}

OptimizerConfig config(OptimizerKind kind, double momentum = 0.0) {
  OptimizerConfig c;
  c.kind = kind;
  c.momentum = momentum;
  return c;
}

bool near(const Eigen::VectorXd& got, const Eigen::VectorXd& want, double tol = 1e-14) {
  return (got - want).cwiseAbs().maxCoeff() <= tol;
}

}  // namespace

class OptimizerStateTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // Two heavy-ball steps leave b = (1.8, 3.0) and θ = (0.72, 0). With μ = 0.5 and lr = 0.05:
  // b = 0.5·(1.8, 3.0) + (0.72, 0) = (1.62, 1.5), θ = (0.72 − 0.081, 0 − 0.075).
  void momentumSurvivesSetConfig() {
    Optimizer<double> optimizer(config(OptimizerKind::Gd, 0.9), {});
    Eigen::VectorXd theta = theta0();
    optimizer.step(theta, 0.1, quadratic<double>);
    optimizer.step(theta, 0.1, quadratic<double>);
    optimizer.setConfig(config(OptimizerKind::Gd, 0.5));
    QCOMPARE(optimizer.config().momentum, 0.5);
    optimizer.step(theta, 0.05, quadratic<double>);
    QVERIFY(near(theta, Eigen::Vector2d(0.639, -0.075)));
  }

  // Changing β1 keeps m, v and t: step 3 uses bias correction 1 − 0.5³ (torch: 0.769417229..).
  void adamMomentsSurviveSetConfig() {
    Optimizer<double> optimizer(config(OptimizerKind::Adam), {});
    Eigen::VectorXd theta = theta0();
    optimizer.step(theta, 0.1, quadratic<double>);
    optimizer.step(theta, 0.1, quadratic<double>);
    auto c = config(OptimizerKind::AdamW);  // same family: weight_decay 0 makes it Adam
    c.beta1 = 0.5;
    optimizer.setConfig(c);
    optimizer.step(theta, 0.05, quadratic<double>);
    QCOMPARE(optimizer.stepCount(), 3L);
    QVERIFY(near(theta, Eigen::Vector2d(0.76941722915313393, 0.27417490578177939)));
  }

  // Switching between the SGD and Adam families starts the new one fresh.
  void familySwitchStartsFresh() {
    Optimizer<double> switched(config(OptimizerKind::Gd, 0.9), {});
    Eigen::VectorXd theta = theta0();
    switched.step(theta, 0.1, quadratic<double>);
    switched.setConfig(config(OptimizerKind::Adam));
    QCOMPARE(switched.stepCount(), 0L);
    Eigen::VectorXd fromSwitched = theta;
    switched.step(fromSwitched, 0.1, quadratic<double>);
    Optimizer<double> fresh(config(OptimizerKind::Adam), {});
    fresh.step(theta, 0.1, quadratic<double>);
    QCOMPARE(fromSwitched, theta);
  }

  void resetForgetsState() {
    for (auto c : {config(OptimizerKind::Sgd, 0.9), config(OptimizerKind::Adam)}) {
      Optimizer<double> used(c, {});
      Eigen::VectorXd theta = theta0();
      used.step(theta, 0.1, quadratic<double>);
      used.step(theta, 0.1, quadratic<double>);
      used.reset();
      QCOMPARE(used.stepCount(), 0L);
      Eigen::VectorXd fromReset = theta;
      used.step(fromReset, 0.1, quadratic<double>);
      Optimizer<double> fresh(c, {});
      fresh.step(theta, 0.1, quadratic<double>);
      QCOMPARE(fromReset, theta);
    }
  }

  void float32KeepsStateToo() {
    Optimizer<float> optimizer(config(OptimizerKind::Gd, 0.9), {});
    Vec<float> theta = theta0().cast<float>();
    optimizer.step(theta, 0.1f, quadratic<float>);
    optimizer.step(theta, 0.1f, quadratic<float>);
    optimizer.setConfig(config(OptimizerKind::Gd, 0.5));
    optimizer.step(theta, 0.05f, quadratic<float>);
    QVERIFY(near(theta.cast<double>(), Eigen::Vector2d(0.639, -0.075), 1e-6));
  }

  // A different parameter count mid-run is a caller's bug, not something to paper over.
  void parameterCountIsFixedUntilReset() {
    Optimizer<double> optimizer(config(OptimizerKind::Sgd, 0.9), {});
    Eigen::VectorXd theta = theta0();
    optimizer.step(theta, 0.1, quadratic<double>);
    Eigen::VectorXd longer(3);
    longer.setOnes();
    const auto anyGradient = [](const Eigen::VectorXd& t, Eigen::VectorXd& g) {
      g = t;
      return 0.0;
    };
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, optimizer.step(longer, 0.1, anyGradient));
    optimizer.reset();
    optimizer.step(longer, 0.1, anyGradient);
    QCOMPARE(longer, Eigen::VectorXd::Constant(3, 0.9));
  }
};

QTEST_APPLESS_MAIN(OptimizerStateTest)
#include "test_optimizer_state.moc"
