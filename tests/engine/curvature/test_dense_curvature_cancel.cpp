// Stopping a dense Hessian half-way ends it with Cancelled, every time, wherever the columns
// are: the sample chunks inside each product run to the end even when the column loop around
// them is cancelled (a cancelled enclosing TBB loop used to skip chunks, which were then read
// unfilled: a crash at address 0 the window's monkey test found).
#include <QtTest>
#include <atomic>
#include <stop_token>

#include "losslab/core/error.hpp"
#include "losslab/curvature/dense_curvature.hpp"

using namespace losslab;

class DenseCurvatureCancel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void aStopHalfWayAlwaysEndsInCancelled() {
    // 512 samples: 8 chunks per product, so each column's product is a parallel loop itself.
    const Architecture arch = Architecture::mlp({4, 24, 24, 3}, Activation::Tanh);
    Samples<double> data;
    data.task = Task::Classification;
    data.x = Eigen::MatrixXd::Random(4, 512);
    for (int i = 0; i < 512; ++i) data.labels.push_back(i % 3);
    const Eigen::VectorXd theta = Eigen::VectorXd::Random(arch.parameterCount()) * 0.5;
    for (int round = 0; round < 40; ++round) {
      std::stop_source source;
      std::atomic<int> reports{0};
      const int stopAt = 1 + round % 7;
      TaskControl control{source.get_token(), [&](double) {
                            if (++reports == stopAt) source.request_stop();
                          }};
      bool cancelled = false;
      try {
        denseCurvature(arch, LossKind::CrossEntropy, theta, data, CurvatureKind::Hessian, control);
      } catch (const Cancelled&) {
        cancelled = true;
      }
      QVERIFY2(cancelled, qPrintable(QString("round %1 finished instead of stopping").arg(round)));
    }
    // And uncancelled, the same matrix as ever: symmetric, finite.
    const Eigen::MatrixXd H = denseCurvature(arch, LossKind::CrossEntropy, theta, data);
    QVERIFY(H.allFinite());
    QVERIFY((H - H.transpose()).norm() < 1e-12 * H.norm());
  }
};

QTEST_MAIN(DenseCurvatureCancel)
#include "test_dense_curvature_cancel.moc"
