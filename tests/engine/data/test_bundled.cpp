// The real data sets shipped in resources/datasets: sizes, classes and first rows as published.
#include <QtTest>

#include <QTemporaryDir>

#include "input_error.hpp"
#include "losslab/data/bundled.hpp"
#include "losslab/data/make_data.hpp"
#include "fixtures.hpp"

using namespace losslab;

class BundledTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void sizesAndClasses_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("features");
    QTest::addColumn<int>("classes");
    QTest::newRow("digits") << QString("digits") << 1797 << 64 << 10;
    QTest::newRow("iris") << QString("iris") << 150 << 4 << 3;
    QTest::newRow("wine") << QString("wine") << 178 << 13 << 3;
    QTest::newRow("breast_cancer") << QString("breast_cancer") << 569 << 30 << 2;
  }
  void sizesAndClasses() {
    QFETCH(QString, name);
    QFETCH(int, samples);
    QFETCH(int, features);
    QFETCH(int, classes);
    const Dataset d = loadBundledDataset(name.toStdString());
    QCOMPARE(d.x.rows(), features);
    QCOMPARE(d.x.cols(), samples);
    QCOMPARE(d.numClasses, classes);
    for (int k = 0; k < classes; ++k)
      QVERIFY(std::count(d.labels.begin(), d.labels.end(), k) > 0);

    DataConfig c;
    c.kind = name.toStdString();
    const DataSplit s = makeData(c, 0);
    QCOMPARE(s.train.size() + s.test.size(), samples);
    QCOMPARE(s.train.size(), int(0.8 * samples));
    QCOMPARE(s.train.inputDim(), features);
    QCOMPARE(s.test.inputDim(), features);
    QCOMPARE(s.train.numClasses, classes);
    QCOMPARE(s.test.numClasses, classes);
  }

  void valuesAreTheUciTables() {
    const Dataset iris = loadBundledDataset("iris");
    QCOMPARE(iris.x(0, 0), 5.1);  // Fisher's first flower: setosa
    QCOMPARE(iris.x(3, 0), 0.2);
    QCOMPARE(iris.labels[0], 0);
    QCOMPARE(iris.labels[149], 2);
    const Dataset digits = loadBundledDataset("digits");
    QVERIFY(digits.x.minCoeff() == 0.0 && digits.x.maxCoeff() == 16.0);  // 4x4 block counts
    QCOMPARE(digits.labels[0], 0);
    QCOMPARE(digits.labels[1], 1);
    const Dataset cancer = loadBundledDataset("breast_cancer");
    QCOMPARE(std::count(cancer.labels.begin(), cancer.labels.end(), 0), 212L);  // malignant
  }

  void names() {
    for (const char* n : {"digits", "iris", "wine", "breast_cancer"}) QVERIFY(isBundledDataset(n));
    QVERIFY(!isBundledDataset("mnist"));
    QCOMPARE(bundledDatasetNames().size(), std::size_t(4));
  }

  void dataDirectoryFromTheEnvironment() {
    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    const std::string dir = empty.path().toStdString();
    qputenv("LOSSLAB_DATA_DIR", QByteArray::fromStdString(dir));
    QCOMPARE(datasetDirectories(), std::vector<std::string>{dir});
    const std::string tried = dir + "/wine_data.csv";
    LOSSLAB_VERIFY_INPUT_ERROR(loadBundledDataset("wine"), tried.c_str(), "LOSSLAB_DATA_DIR");

    QVERIFY(QFile::copy(QString::fromStdString(losslab::test::resourceDir()) + "/datasets/wine_data.csv",
                        empty.path() + "/wine_data.csv"));
    QCOMPARE(loadBundledDataset("wine").size(), 178);
    qunsetenv("LOSSLAB_DATA_DIR");
  }

  void defaultDirectoriesEndWithTheSourceTree() {
    qunsetenv("LOSSLAB_DATA_DIR");
    const auto dirs = datasetDirectories();
    QVERIFY(dirs.size() == 2);
    QVERIFY(dirs[0].ends_with("/../share/losslab/datasets"));
    QCOMPARE(dirs[1], losslab::test::resourceDir() + "/datasets");
  }
};

QTEST_APPLESS_MAIN(BundledTest)
#include "test_bundled.moc"
