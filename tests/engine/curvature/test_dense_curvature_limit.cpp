// A dense Hessian beyond kDenseCurvatureMaxParameters (4000 parameters, a 128 MB matrix) is
// refused up front, with the model's size and the limit in the message, before any matrix is
// allocated or any product computed; at the limit it is formed.
#include <QElapsedTimer>
#include <QtTest>

#include "input_error.hpp"
#include "losslab/curvature/dense_curvature.hpp"

using namespace losslab;

namespace {
// A linear regression from `inputs` features to one output: inputs + 1 parameters.
Samples<double> regressionData(int inputs, int n) {
  Samples<double> s;
  s.task = Task::Regression;
  s.x = Eigen::MatrixXd::Random(inputs, n);
  s.targets = Eigen::MatrixXd::Zero(1, n);
  return s;
}
}  // namespace

class DenseCurvatureLimit : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void theLimitIsChecked() {
    checkDenseCurvatureSize(kDenseCurvatureMaxParameters);  // at the limit: allowed
    LOSSLAB_VERIFY_INPUT_ERROR(checkDenseCurvatureSize(kDenseCurvatureMaxParameters + 1), "4001 parameters",
                               "limited to 4000", "top-k, trace or density");
  }

  void aModelOverTheLimitIsRefusedBeforeAnyWork() {
    // 1 -> 3000 -> 1 tanh network: 9,001 parameters, a 648 MB dense matrix.
    const Architecture arch = Architecture::mlp({1, 3000, 1}, Activation::Tanh);
    QCOMPARE(arch.parameterCount(), Index(9001));
    const Eigen::VectorXd theta = Eigen::VectorXd::Constant(arch.parameterCount(), 0.01);
    const Samples<double> data = regressionData(1, 4);
    QElapsedTimer t;
    t.start();
    LOSSLAB_VERIFY_INPUT_ERROR(denseSpectrum(arch, LossKind::Mse, theta, data), "9001 parameters", "limited to 4000");
    QVERIFY2(t.elapsed() < 200, "the refusal came after work was done");
  }

  void aModelAtTheLimitIsFormed() {
    const Architecture arch = Architecture::mlp({kDenseCurvatureMaxParameters - 1, 1}, Activation::Linear);
    QCOMPARE(arch.parameterCount(), kDenseCurvatureMaxParameters);
    const Eigen::VectorXd theta = Eigen::VectorXd::Zero(arch.parameterCount());
    const Samples<double> data = regressionData(int(kDenseCurvatureMaxParameters) - 1, 3);
    const Eigen::MatrixXd H = denseCurvature(arch, LossKind::Mse, theta, data);
    QCOMPARE(H.rows(), kDenseCurvatureMaxParameters);
    // Linear least squares: H = mean of [x; 1][x; 1]^T, so its bias entry is exactly 1.
    QCOMPARE(H(kDenseCurvatureMaxParameters - 1, kDenseCurvatureMaxParameters - 1), 1.0);
  }
};

QTEST_MAIN(DenseCurvatureLimit)
#include "test_dense_curvature_limit.moc"
