// Train/test splits: sizes from train_fraction, every sample in exactly one set, seeded order.
#include <QtTest>

#include <set>

#include "input_error.hpp"
#include "losslab/data/dataset_builders.hpp"
#include "losslab/data/split.hpp"

using namespace losslab;

namespace {

// Sample j has features (j, -j) and target 10·j, so a split can be traced back.
Dataset numbered(int n, Task task) {
  Eigen::MatrixXd x(2, n);
  for (int j = 0; j < n; ++j) x.col(j) << j, -j;
  if (task == Task::Regression) return regressionData(x, 10 * x.topRows(1));
  std::vector<int> labels(n);
  for (int j = 0; j < n; ++j) labels[j] = j % 3;
  return classificationData(x, labels, 3);
}

}  // namespace

class SplitTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void trainCountIsTheFloorOfTheFraction() {
    QCOMPARE(trainCount(1000, 0.8), 800);
    QCOMPARE(trainCount(9409, 0.4), 3763);  // the benchmark's int(0.4 · 97²)
    QCOMPARE(trainCount(100, 0.29), 29);    // 0.29·100 is 28.999999999999996 in float64
    QCOMPARE(trainCount(7, 1.0), 7);
    QCOMPARE(trainCount(3, 0.1), 0);
  }

  void everySampleLandsInExactlyOneSet_data() {
    QTest::addColumn<bool>("regression");
    QTest::newRow("classification") << false;
    QTest::newRow("regression") << true;
  }
  void everySampleLandsInExactlyOneSet() {
    QFETCH(bool, regression);
    const Dataset all = numbered(50, regression ? Task::Regression : Task::Classification);
    Rng rng(1);
    const DataSplit s = splitDataset(all, 0.7, rng);
    QCOMPARE(s.train.size(), 35);
    QCOMPARE(s.test.size(), 15);
    std::set<int> seen;
    for (const Dataset* d : {&s.train, &s.test}) {
      QCOMPARE(d->task, all.task);
      QCOMPARE(d->numClasses, all.numClasses);
      for (int j = 0; j < d->size(); ++j) {
        const int id = int(d->x(0, j));
        QVERIFY(seen.insert(id).second);
        QCOMPARE(d->x(1, j), -double(id));
        if (regression) QCOMPARE(d->targets(0, j), 10.0 * id);
        else QCOMPARE(d->labels[j], id % 3);
      }
    }
    QCOMPARE(seen.size(), std::size_t(50));
  }

  void theOrderIsShuffledAndSeeded() {
    const Dataset all = numbered(100, Task::Classification);
    Rng a(2), b(2), c(3);
    const DataSplit sa = splitDataset(all, 0.5, a), sb = splitDataset(all, 0.5, b);
    const DataSplit sc = splitDataset(all, 0.5, c);
    QVERIFY(sa.train.x == sb.train.x && sa.test.x == sb.test.x);
    QVERIFY(sa.train.x != sc.train.x);
    bool shuffled = false;
    for (int j = 1; j < 50; ++j) shuffled = shuffled || sa.train.x(0, j) < sa.train.x(0, j - 1);
    QVERIFY(shuffled);
  }

  void fractionOneLeavesAnEmptyTestSetOfTheRightShape() {
    for (Task task : {Task::Classification, Task::Regression}) {
      Rng rng(4);
      const DataSplit s = splitDataset(numbered(20, task), 1.0, rng);
      QCOMPARE(s.train.size(), 20);
      QVERIFY(s.test.empty());
      QCOMPARE(s.test.x.rows(), 2);
      QCOMPARE(s.test.outputDim(), task == Task::Regression ? 1 : 3);
      QVERIFY(s.test.labels.empty());
    }
  }

  void anEmptyTrainingSetIsRefused() {
    Rng rng(5);
    LOSSLAB_VERIFY_INPUT_ERROR(splitDataset(numbered(3, Task::Classification), 0.2, rng),
                               "data.train_fraction = 0.2", "3 samples", "at least 1/3");
  }
};

QTEST_APPLESS_MAIN(SplitTest)
#include "test_split.moc"
