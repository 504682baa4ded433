// Modular arithmetic tables: every pair once, one-hot inputs, the right answer for each operation.
#include <QtTest>

#include <set>

#include "input_error.hpp"
#include "losslab/data/make_data.hpp"
#include "losslab/data/modular.hpp"

using namespace losslab;

namespace {

// (a, b) from the one-hot halves of a column; checks it is exactly two ones.
std::pair<int, int> decode(const Eigen::MatrixXd& x, Eigen::Index j, int p) {
  Eigen::Index a = -1, b = -1;
  x.col(j).head(p).maxCoeff(&a);
  x.col(j).tail(p).maxCoeff(&b);
  if (x.col(j).sum() != 2.0 || x(a, j) != 1.0 || x(p + b, j) != 1.0) return {-1, -1};
  return {int(a), int(b)};
}

// The defining property of each operation, checked without computing it the same way.
bool holds(ModularOp op, int a, int b, int c, int p) {
  switch (op) {
    case ModularOp::Add: return (c - a - b) % p == 0;
    case ModularOp::Sub: return (c + b - a) % p == 0;
    case ModularOp::Mul: return (c - a * b) % p == 0;
    case ModularOp::Div: return (c * b - a) % p == 0;  // c = a / b  <=>  c·b = a
  }
  return false;
}

}  // namespace

class ModularTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyPairOnceWithTheRightLabel_data() {
    QTest::addColumn<QString>("op");
    QTest::addColumn<int>("p");
    for (const char* op : {"add", "sub", "mul", "div"}) {
      QTest::newRow((std::string(op) + " 7").c_str()) << QString(op) << 7;
      QTest::newRow((std::string(op) + " 13").c_str()) << QString(op) << 13;
    }
    QTest::newRow("add 10") << QString("add") << 10;  // only div needs a prime
    QTest::newRow("mul 2") << QString("mul") << 2;
  }
  void everyPairOnceWithTheRightLabel() {
    QFETCH(QString, op);
    QFETCH(int, p);
    const ModularOp o = *modularOpFromName(op.toStdString());
    const Dataset d = makeModular(p, o);
    const int firstB = o == ModularOp::Div ? 1 : 0;
    QCOMPARE(d.x.rows(), 2 * p);
    QCOMPARE(d.x.cols(), p * (p - firstB));
    QCOMPARE(d.numClasses, p);
    std::set<std::pair<int, int>> seen;
    for (Eigen::Index j = 0; j < d.x.cols(); ++j) {
      const auto [a, b] = decode(d.x, j, p);
      QVERIFY(a >= 0 && b >= firstB);
      QVERIFY(seen.insert({a, b}).second);
      QVERIFY(d.labels[j] >= 0 && d.labels[j] < p);
      QVERIFY2(holds(o, a, b, d.labels[j], p), qPrintable(QString("%1 %2 %3 = %4")
                                                              .arg(a).arg(op).arg(b)
                                                              .arg(d.labels[j])));
    }
  }

  void knownValues() {
    QCOMPARE(modularResult(5, 4, 7, ModularOp::Add), 2);
    QCOMPARE(modularResult(2, 5, 7, ModularOp::Sub), 4);
    QCOMPARE(modularResult(3, 5, 7, ModularOp::Mul), 1);
    QCOMPARE(modularResult(1, 3, 7, ModularOp::Div), 5);  // 3·5 = 15 = 1 mod 7
    QCOMPARE(modularResult(96, 96, 97, ModularOp::Div), 1);
  }

  void primality() {
    for (int p : {2, 3, 5, 7, 97, 113, 7919}) QVERIFY(isPrime(p));
    for (int p : {-7, 0, 1, 4, 9, 91, 7917}) QVERIFY(!isPrime(p));
  }

  void splitKeepsEveryPairExactlyOnce() {
    DataConfig c;
    c.kind = "modular";
    c.p = 11;
    c.op = "sub";
    c.trainFraction = 0.4;
    c.n = 3;  // ignored: a table has all pairs
    const DataSplit s = makeData(c, 5);
    QCOMPARE(s.train.size(), 48);  // floor(0.4 · 121)
    QCOMPARE(s.test.size(), 121 - 48);
    std::set<std::pair<int, int>> seen;
    for (const Dataset* d : {&s.train, &s.test}) {
      QCOMPARE(d->x.rows(), 22);
      for (Eigen::Index j = 0; j < d->x.cols(); ++j) {
        const auto [a, b] = decode(d->x, j, 11);
        QVERIFY(seen.insert({a, b}).second);
        QCOMPARE(d->labels[j], ((a - b) % 11 + 11) % 11);
      }
    }
    QCOMPARE(seen.size(), std::size_t(121));
  }

  void divisionNeedsAPrimeModulus() {
    LOSSLAB_VERIFY_INPUT_ERROR(makeModular(12, ModularOp::Div), "data.p = 12", "prime");
    DataConfig c;
    c.kind = "modular";
    c.p = 9;
    c.op = "div";
    LOSSLAB_VERIFY_INPUT_ERROR(makeData(c, 0), "data.p = 9", "prime");
  }

  void unknownOperationIsRefused() {
    DataConfig c;
    c.kind = "modular";
    c.op = "pow";
    LOSSLAB_VERIFY_INPUT_ERROR(makeData(c, 0), "data.op", "pow", "add, sub, mul, div");
  }
};

QTEST_APPLESS_MAIN(ModularTest)
#include "test_modular.moc"
