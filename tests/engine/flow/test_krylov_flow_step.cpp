// The exponential step of the gradient flow: exact on a quadratic, whatever τ, with curvatures
// zero, tiny, huge and negative (a saddle); and the GFS sharpness it finishes is a property of
// the flow, not of where on the flow it starts: from θ and from θ's flow at t = 200 it is the same.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/flow/gfs_sharpness.hpp"
#include "losslab/flow/krylov_flow_step.hpp"
#include "losslab/run/trainer.hpp"

using namespace losslab;

class KrylovFlowStepTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void isExactOnAQuadratic() {
    // L = ½ (θ − θ*)ᵀ A (θ − θ*), A = Q diag(a) Qᵀ: the flow is θ* + Q e^{−diag(a) τ} Qᵀ (θ − θ*).
    const int n = 7;
    Eigen::VectorXd a(n);
    a << 0.0, 1e-4, 0.3, 1.0, 50.0, 2000.0, -0.2;
    const Eigen::MatrixXd q = Eigen::MatrixXd::Random(n, n).householderQr().householderQ();
    const Eigen::MatrixXd hessian = q * a.asDiagonal() * q.transpose();
    CurvatureOperator h(n, [&](const Eigen::VectorXd& v, Eigen::VectorXd& out) { out = hessian * v; });
    const Eigen::VectorXd offset = Eigen::VectorXd::LinSpaced(n, -1.0, 2.0);  // θ − θ*
    const Eigen::VectorXd g = hessian * offset;
    for (double tau : {1e-3, 0.5, 7.0, 60.0}) {
      const KrylovFlowStep step(h, g, tau, 50, 1e-12);
      Eigen::VectorXd decay(n);
      for (int i = 0; i < n; ++i) decay[i] = std::exp(-a[i] * tau);
      const Eigen::VectorXd want = offset - q * decay.asDiagonal() * q.transpose() * offset;  // θ − θ(τ)
      const double err = (step.displacement(tau) - want).norm();
      QVERIFY2(err <= 1e-9 * std::max(1.0, want.norm()),
               qPrintable(QString("τ = %1: error %2 of %3").arg(tau).arg(err).arg(want.norm())));
      QVERIFY(step.dimension() <= n);
    }
    // A long step near a minimum (no saddle): the slow directions move, the fast ones arrive.
    Eigen::VectorXd b = a;
    b[6] = 0.05;
    const Eigen::MatrixXd convex = q * b.asDiagonal() * q.transpose();
    CurvatureOperator hc(n, [&](const Eigen::VectorXd& v, Eigen::VectorXd& out) { out = convex * v; });
    const double tau = 1e4;
    Eigen::VectorXd decay(n);
    for (int i = 0; i < n; ++i) decay[i] = std::exp(-b[i] * tau);
    const Eigen::VectorXd want = offset - q * decay.asDiagonal() * q.transpose() * offset;
    QVERIFY((KrylovFlowStep(hc, convex * offset, tau, 50, 1e-12).displacement(tau) - want).norm() <= 1e-9 * want.norm());
    const KrylovFlowStep none(h, Eigen::VectorXd::Zero(n), 1.0, 50, 1e-12);
    QCOMPARE(none.displacement(1.0), Eigen::VectorXd::Zero(n));  // at a stationary point it stays
  }

  // A tanh MLP on 12 teacher samples: far from its minimum the flow's slow directions are long.
  void theGfsSharpnessIsTheSameAlongTheFlow() {
    const ExperimentConfig c = parseExperiment(R"({"seed": 3, "data": {"kind": "teacher_student", "n": 12, "dim": 3,
        "teacher_hidden": [6], "noise": 0.0, "train_fraction": 1.0}, "model": {"hidden": [12, 12]}, "loss": "mse",
        "optimizer": {"kind": "gd", "lr": 0.05}})");
    auto trainer = Trainer::create(c);
    for (int k = 0; k < 20; ++k) trainer->step(false);
    const Samples<double> data = toSamples<double>(trainer->data().train);
    const Eigen::VectorXd theta = trainer->parameters();
    const GfsSharpness here = gfsSharpness(trainer->network(), c.loss, theta, data);
    GradientFlow flow(networkLossGradient(trainer->network(), c.loss, data), theta);
    flow.advanceTo(200.0);
    const GfsSharpness later = gfsSharpness(trainer->network(), c.loss, flow.state(), data);
    QVERIFY(here.converged && later.converged);
    QVERIFY(here.exponentialSteps > 0);  // the explicit flow alone had stalled
    QVERIFY2(std::abs(here.sharpness - later.sharpness) <= 1e-5 * later.sharpness,
             qPrintable(QString("from θ %1, from the flow at t = 200 %2").arg(here.sharpness, 0, 'g', 10)
                            .arg(later.sharpness, 0, 'g', 10)));
    QVERIFY((here.solution - later.solution).norm() <= 1e-4 * later.solution.norm());
  }
};

QTEST_GUILESS_MAIN(KrylovFlowStepTest)
#include "test_krylov_flow_step.moc"
