// Teacher–student regression: Gaussian inputs, targets from a fixed random tanh network.
#include <QtTest>

#include <Eigen/QR>

#include "fuzzy_compare.hpp"
#include "losslab/data/teacher_student.hpp"

using namespace losslab;

class TeacherStudentTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void shapes() {
    Rng rng(1);
    const Dataset d = makeTeacherStudent(300, 12, {16, 8}, 0.0, rng);
    QCOMPARE(d.task, Task::Regression);
    QCOMPARE(d.x.rows(), 12);
    QCOMPARE(d.x.cols(), 300);
    QCOMPARE(d.targets.rows(), 1);
    QCOMPARE(d.targets.cols(), 300);
    QCOMPARE(d.outputDim(), 1);
  }

  void inputsAreStandardNormal() {
    Rng rng(2);
    const Dataset d = makeTeacherStudent(20000, 5, {8}, 0.0, rng);
    const Eigen::ArrayXXd x = d.x.array();
    LOSSLAB_COMPARE_NEAR(x.mean(), 0.0, 0.01);
    LOSSLAB_COMPARE_NEAR(x.square().mean(), 1.0, 0.02);
  }

  void targetsAreANonlinearFunctionOfTheInputs() {
    Rng rng(3);
    const Dataset d = makeTeacherStudent(2000, 4, {32}, 0.0, rng);
    QVERIFY(d.targets.array().abs().mean() > 0.1);
    // A linear fit leaves a residual: the tanh teacher is not linear.
    const Eigen::MatrixXd design = d.x.transpose();
    const Eigen::VectorXd y = d.targets.row(0).transpose();
    const Eigen::VectorXd w = design.colPivHouseholderQr().solve(y);
    QVERIFY((design * w - y).norm() > 1e-3 * y.norm());
  }

  void noHiddenLayerMakesALinearTeacher() {
    Rng rng(4);
    const Dataset d = makeTeacherStudent(200, 6, {}, 0.0, rng);
    const Eigen::MatrixXd design = d.x.transpose();
    const Eigen::VectorXd y = d.targets.row(0).transpose();
    const Eigen::VectorXd w = design.colPivHouseholderQr().solve(y);
    QVERIFY((design * w - y).norm() < 1e-10 * y.norm());
  }

  void noiseOnlyMovesTheTargets() {
    Rng r1(5), r2(5);
    const Dataset clean = makeTeacherStudent(5000, 3, {8}, 0.0, r1);
    const Dataset noisy = makeTeacherStudent(5000, 3, {8}, 0.5, r2);
    QVERIFY(clean.x == noisy.x);
    const Eigen::ArrayXXd e = noisy.targets - clean.targets;
    LOSSLAB_COMPARE_NEAR(std::sqrt(e.square().mean()), 0.5, 0.02);
  }

  void seeded() {
    Rng a(6), b(6), c(7);
    const Dataset da = makeTeacherStudent(50, 3, {4}, 0.1, a);
    const Dataset db = makeTeacherStudent(50, 3, {4}, 0.1, b);
    const Dataset dc = makeTeacherStudent(50, 3, {4}, 0.1, c);
    QVERIFY(da.x == db.x && da.targets == db.targets);
    QVERIFY(da.targets != dc.targets);
  }
};

QTEST_APPLESS_MAIN(TeacherStudentTest)
#include "test_teacher_student.moc"
