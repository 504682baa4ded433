// Sparse parity: ±1 bits, label = parity of the first k of them.
#include <QtTest>

#include "losslab/data/sparse_parity.hpp"

using namespace losslab;

class SparseParityTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void labelIsTheParityOfTheFirstKBits() {
    Rng rng(1);
    const Dataset d = makeSparseParity(2000, 20, 3, rng);
    QCOMPARE(d.task, Task::Classification);
    QCOMPARE(d.x.rows(), 20);
    QCOMPARE(d.x.cols(), 2000);
    QCOMPARE(d.numClasses, 2);
    QVERIFY((d.x.array().abs() == 1.0).all());
    int ones = 0;
    for (int j = 0; j < 2000; ++j) {
      const double product = d.x(0, j) * d.x(1, j) * d.x(2, j);
      QCOMPARE(d.labels[j], product < 0 ? 1 : 0);
      ones += d.labels[j];
    }
    QVERIFY(ones > 900 && ones < 1100);
  }

  void bitsAreFairCoins() {
    Rng rng(2);
    const Dataset d = makeSparseParity(5000, 10, 10, rng);
    const Eigen::VectorXd means = d.x.rowwise().mean();
    QVERIFY(means.cwiseAbs().maxCoeff() < 0.05);
  }

  void seeded() {
    Rng a(3), b(3), c(4);
    const Dataset da = makeSparseParity(100, 8, 2, a), db = makeSparseParity(100, 8, 2, b);
    QVERIFY(da.x == db.x && da.labels == db.labels);
    QVERIFY(da.x != makeSparseParity(100, 8, 2, c).x);
  }
};

QTEST_APPLESS_MAIN(SparseParityTest)
#include "test_sparse_parity.moc"
