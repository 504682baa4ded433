// The Gauss-Newton operator against a dense J^T H_l J assembled from finite-difference Jacobians,
// and the preconditioned operator against a dense D^{-1} H.
#include <QtTest>

#include <Eigen/Eigenvalues>

#include "fixtures.hpp"
#include "losslab/curvature/dense_curvature.hpp"
#include "losslab/model/model_file.hpp"

using namespace losslab;

class GaussNewton : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void matchesDenseJacobianForm_data() {
    QTest::addColumn<QString>("name");
    for (const char* n : {"tanh_ce_small", "gelu_ce", "relu_mse"}) QTest::newRow(n) << QString(n);
  }
  void matchesDenseJacobianForm() {
    QFETCH(QString, name);
    const ModelFile m = readModelFile(test::fixture("reference/" + name.toStdString() + ".json"));
    const Samples<double> data = toSamples<double>(m.data);
    const Index P = m.parameters.size(), N = data.size();
    MlpObjective<double> f(m.architecture, m.loss);
    // J: (outputs * N) x P by central differences of the logits.
    const int C = m.architecture.outputDim();
    Eigen::MatrixXd J(C * N, P), up, down;
    for (Index j = 0; j < P; ++j) {
      Eigen::VectorXd t = m.parameters;
      t[j] += 1e-6;
      f.logits(t, data.x, up);
      t[j] -= 2e-6;
      f.logits(t, data.x, down);
      J.col(j) = Eigen::Map<const Eigen::VectorXd>(((up - down) / 2e-6).eval().data(), C * N);
    }
    Eigen::MatrixXd logits;
    f.logits(m.parameters, data.x, logits);
    Eigen::MatrixXd G = Eigen::MatrixXd::Zero(P, P);
    for (Index i = 0; i < N; ++i) {
      Eigen::MatrixXd Hl = Eigen::MatrixXd::Identity(C, C);  // MSE
      if (m.loss.kind == LossKind::CrossEntropy) {
        const Eigen::VectorXd z = logits.col(i).array() - logits.col(i).maxCoeff();
        const Eigen::VectorXd p = z.array().exp() / z.array().exp().sum();
        Hl = Eigen::MatrixXd(p.asDiagonal()) - p * p.transpose();
      }
      const Eigen::MatrixXd Ji = J.middleRows(i * C, C);
      G += Ji.transpose() * Hl * Ji / double(N);
    }
    const Eigen::MatrixXd ours = denseCurvature(m.architecture, m.loss, m.parameters, data, CurvatureKind::GaussNewton);
    QVERIFY2((ours - G).norm() <= 1e-6 * G.norm(), qPrintable(QString::number((ours - G).norm() / G.norm())));
    // G is positive semi-definite and its top eigenvalue is near H's (the outliers come from G).
    const Eigen::VectorXd eig = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(ours).eigenvalues();
    QVERIFY(eig.minCoeff() > -1e-10 * eig.maxCoeff());
  }

  void preconditionedOperatorHasTheEigenvaluesOfDinvH() {
    const ModelFile m = readModelFile(test::fixture("reference/gelu_ce.json"));
    const Samples<double> data = toSamples<double>(m.data);
    const Index P = m.parameters.size();
    const Eigen::VectorXd D = Eigen::VectorXd::LinSpaced(P, 0.5, 3.0);
    CurvatureOperator op(m.architecture, m.loss, m.parameters, data);
    op.setDiagonalPreconditioner(D);
    Eigen::MatrixXd M(P, P);
    Eigen::VectorXd e = Eigen::VectorXd::Zero(P), col;
    for (Index j = 0; j < P; ++j) {
      e[j] = 1;
      op.apply(e, col);
      M.col(j) = col;
      e[j] = 0;
    }
    const Eigen::MatrixXd H = denseCurvature(m.architecture, m.loss, m.parameters, data);
    // D^-1 H is similar to the symmetric D^-1/2 H D^-1/2 (conjugate by D^1/2): same eigenvalues,
    // from the symmetric solver (the general one took 30 s of this test's compilation under ASan).
    const Eigen::VectorXd s = D.cwiseSqrt().cwiseInverse();
    const Eigen::MatrixXd similar = s.asDiagonal() * H * s.asDiagonal();
    const Eigen::VectorXd want = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(similar).eigenvalues();
    const Eigen::VectorXd got = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(0.5 * (M + M.transpose())).eigenvalues();
    QVERIFY((got - want).cwiseAbs().maxCoeff() <= 1e-9 * want.cwiseAbs().maxCoeff());
    QVERIFY_THROWS_EXCEPTION(InputError, op.setDiagonalPreconditioner(-D));
  }
};

QTEST_APPLESS_MAIN(GaussNewton)
#include "test_gauss_newton.moc"
