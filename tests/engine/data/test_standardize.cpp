// z-scoring with the training set's statistics, applied to both sets.
#include <QtTest>

#include "fuzzy_compare.hpp"
#include "losslab/data/make_data.hpp"
#include "losslab/data/standardize.hpp"

using namespace losslab;

namespace {

Eigen::VectorXd rowStd(const Eigen::MatrixXd& x) {
  const Eigen::VectorXd mean = x.rowwise().mean();
  return ((x.colwise() - mean).array().square().rowwise().sum() / double(x.cols())).sqrt();
}

DataConfig config(const char* kind) {
  DataConfig c;
  c.kind = kind;
  return c;
}

}  // namespace

class StandardizeTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void trainFeaturesGetMeanZeroAndStdOne_data() {
    QTest::addColumn<QString>("kind");
    for (const char* k : {"iris", "wine", "breast_cancer"}) QTest::newRow(k) << QString(k);
  }
  void trainFeaturesGetMeanZeroAndStdOne() {
    QFETCH(QString, kind);
    const DataSplit s = makeData(config(kind.toUtf8().constData()), 3);
    QVERIFY(s.train.x.rowwise().mean().cwiseAbs().maxCoeff() < 1e-12);
    QVERIFY((rowStd(s.train.x).array() - 1.0).abs().maxCoeff() < 1e-12);
    // The test set is transformed with the same statistics, so it is only near 0 and 1.
    QVERIFY(s.test.x.rowwise().mean().cwiseAbs().maxCoeff() > 1e-6);
  }

  void bothSetsUseTheTrainStatistics() {
    DataConfig raw = config("wine");
    raw.standardize = false;
    const DataSplit r = makeData(raw, 9), z = makeData(config("wine"), 9);
    const FeatureScaling fit = fitFeatureScaling(r.train.x);
    Eigen::MatrixXd test = r.test.x;
    applyFeatureScaling(fit, test);
    QVERIFY((test - z.test.x).cwiseAbs().maxCoeff() < 1e-12);
    QVERIFY(r.train.x.maxCoeff() > 100);  // wine's proline is in the hundreds when raw
  }

  void constantFeaturesAreCentredNotDivided() {
    Eigen::MatrixXd x(2, 4);
    x << 0.1, 0.1, 0.1, 0.1,  // constant, and 0.1 is not exact in binary
        1, 2, 3, 4;
    const FeatureScaling s = fitFeatureScaling(x);
    QCOMPARE(s.scale(0), 1.0);
    applyFeatureScaling(s, x);
    QVERIFY(x.allFinite());
    QVERIFY(x.row(0).cwiseAbs().maxCoeff() < 1e-15);
    LOSSLAB_COMPARE_NEAR(x.row(1).mean(), 0.0, 1e-15);
  }

  void digitsHasConstantPixelsAndStaysFinite() {
    const DataSplit s = makeData(config("digits"), 0);
    QVERIFY(s.train.x.allFinite() && s.test.x.allFinite());
  }

  void defaultsByKind() {
    for (const char* k : {"digits", "iris", "wine", "breast_cancer", "csv"})
      QVERIFY(standardizesByDefault(k));
    for (const char* k : {"spiral", "modular", "teacher_student", "sparse_parity"})
      QVERIFY(!standardizesByDefault(k));
    // Generated data is left as made unless asked.
    DataConfig spiral = config("spiral");
    spiral.trainFraction = 1.0;
    const Dataset all = makeUnsplitData(spiral, 1);
    const DataSplit s = makeData(spiral, 1);
    QVERIFY((s.train.x.rowwise().sum() - all.x.rowwise().sum()).norm() < 1e-9);
    spiral.standardize = true;
    QVERIFY(makeData(spiral, 1).train.x.rowwise().mean().cwiseAbs().maxCoeff() < 1e-12);
  }
};

QTEST_APPLESS_MAIN(StandardizeTest)
#include "test_standardize.moc"
