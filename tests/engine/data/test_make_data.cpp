// makeData, the entry point: every kind by name, seeded, split, and every bad field refused with
// a message naming the field, the value and what is allowed.
#include <QtTest>

#include <functional>

#include "fixtures.hpp"
#include "input_error.hpp"
#include "losslab/data/data_validation.hpp"
#include "losslab/data/make_data.hpp"

using namespace losslab;

namespace {

// A small, valid config of each kind.
DataConfig config(const std::string& kind) {
  DataConfig c;
  c.kind = kind;
  c.n = 200;
  c.p = 7;
  c.dim = 5;
  c.teacherHidden = {8};
  c.bits = 10;
  if (kind == "csv") c.path = test::fixture("data/good_classification.csv");
  return c;
}

bool identical(const Dataset& a, const Dataset& b) {
  return a.x == b.x && a.labels == b.labels && a.targets == b.targets &&
         a.numClasses == b.numClasses && a.task == b.task;
}

struct Shape {
  int samples, features, outputs;
};

}  // namespace

class MakeDataTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyKind_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("features");
    QTest::addColumn<int>("outputs");  // classes, or regression outputs
    QTest::addColumn<bool>("classification");
    const auto row = [](const char* kind, Shape s, bool classification) {
      QTest::newRow(kind) << QString(kind) << s.samples << s.features << s.outputs
                          << classification;
    };
    for (const char* k : {"spiral", "circles", "xor", "gaussians", "moons"})
      row(k, {200, 2, 2}, true);
    row("reg_plane", {200, 2, 1}, false);
    row("reg_gauss", {200, 2, 1}, false);
    row("modular", {49, 14, 7}, true);
    row("teacher_student", {200, 5, 1}, false);
    row("poly1d", {200, 1, 1}, false);
    row("sparse_parity", {200, 10, 2}, true);
    row("digits", {1797, 64, 10}, true);
    row("iris", {150, 4, 3}, true);
    row("wine", {178, 13, 3}, true);
    row("breast_cancer", {569, 30, 2}, true);
    row("csv", {5, 2, 3}, true);
  }
  void everyKind() {
    QFETCH(QString, kind);
    QFETCH(int, samples);
    QFETCH(int, features);
    QFETCH(int, outputs);
    QFETCH(bool, classification);
    const DataConfig c = config(kind.toStdString());

    const DataSplit s = makeData(c, 1);
    QCOMPARE(s.train.size() + s.test.size(), samples);
    QCOMPARE(s.train.size(), int(0.8 * samples));
    for (const Dataset* d : {&s.train, &s.test}) {
      QCOMPARE(d->inputDim(), features);
      QCOMPARE(d->outputDim(), outputs);
      QCOMPARE(d->task, classification ? Task::Classification : Task::Regression);
      QCOMPARE(d->labels.size(), classification ? std::size_t(d->size()) : std::size_t(0));
      if (!classification) QCOMPARE(d->targets.cols(), d->x.cols());
      QVERIFY(d->x.allFinite());
    }

    // Same config and seed: bit-identical. Another seed: another data set (or at least split).
    const DataSplit again = makeData(c, 1), other = makeData(c, 2);
    QVERIFY(identical(s.train, again.train) && identical(s.test, again.test));
    QVERIFY(!identical(s.train, other.train));

    DataConfig all = c;
    all.trainFraction = 1.0;
    const DataSplit whole = makeData(all, 1);
    QCOMPARE(whole.train.size(), samples);
    QCOMPARE(whole.test.size(), 0);
    QCOMPARE(whole.test.inputDim(), features);
  }

  void theSplitDoesNotDependOnTheNoiseLevel() {
    // Separate random streams: turning noise up moves points, not which ones are held out.
    DataConfig quiet = config("spiral"), loud = config("spiral");
    quiet.noise = 0.0;
    loud.noise = 0.3;
    const DataSplit a = makeData(quiet, 4), b = makeData(loud, 4);
    QCOMPARE(a.train.labels, b.train.labels);
  }

  void badFields_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<std::function<void(DataConfig&)>>("change");
    QTest::addColumn<QStringList>("mentions");
    using Change = std::function<void(DataConfig&)>;
    const auto row = [](const char* name, const char* kind, Change change, QStringList mentions) {
      QTest::newRow(name) << QString(kind) << change << mentions;
    };
    row("unknown kind", "spirals", [](DataConfig&) {},
        {"data.kind = \"spirals\"", "spiral, circles, xor", "breast_cancer, csv"});
    row("n = 0", "spiral", [](DataConfig& c) { c.n = 0; }, {"data.n = 0", "n >= 1"});
    row("n < 0", "teacher_student", [](DataConfig& c) { c.n = -5; }, {"data.n = -5"});
    row("train_fraction 0", "spiral", [](DataConfig& c) { c.trainFraction = 0; },
        {"data.train_fraction = 0", "0 < train_fraction <= 1"});
    row("train_fraction 1.5", "iris", [](DataConfig& c) { c.trainFraction = 1.5; },
        {"data.train_fraction = 1.5"});
    row("train_fraction NaN", "modular", [](DataConfig& c) { c.trainFraction = std::nan(""); },
        {"data.train_fraction = nan"});
    row("noise < 0", "moons", [](DataConfig& c) { c.noise = -0.1; },
        {"data.noise = -0.1", "noise >= 0"});
    row("arms 1", "spiral", [](DataConfig& c) { c.arms = 1; }, {"data.arms = 1", "arms >= 2"});
    row("p 1", "modular", [](DataConfig& c) { c.p = 1; }, {"data.p = 1", "p >= 2"});
    row("p not prime for div", "modular", [](DataConfig& c) { c.p = 15; c.op = "div"; },
        {"data.p = 15", "prime"});
    row("op", "modular", [](DataConfig& c) { c.op = "xor"; }, {"data.op = \"xor\"", "add"});
    row("bits 0", "sparse_parity", [](DataConfig& c) { c.bits = 0; }, {"data.bits = 0"});
    row("k 0", "sparse_parity", [](DataConfig& c) { c.k = 0; }, {"data.k = 0", "1 <= k <= bits"});
    row("k > bits", "sparse_parity", [](DataConfig& c) { c.k = 11; },
        {"data.k = 11", "1 <= k <= bits (10)"});
    row("degree -1", "poly1d", [](DataConfig& c) { c.degree = -1; },
        {"data.degree = -1", "degree >= 0"});
    row("dim 0", "teacher_student", [](DataConfig& c) { c.dim = 0; }, {"data.dim = 0"});
    row("teacher width 0", "teacher_student", [](DataConfig& c) { c.teacherHidden = {4, 0}; },
        {"data.teacher_hidden[1] = 0"});
    row("too much data", "teacher_student", [](DataConfig& c) { c.dim = 100000; c.n = 1000; },
        {"data.n = 1000", "100000 features", "50000000"});
    row("modular too big", "modular", [](DataConfig& c) { c.p = 1000; },
        {"data.p = 1000", "1000000 samples"});
    row("csv without path", "csv", [](DataConfig& c) { c.path.clear(); }, {"data.path"});
    row("csv task", "csv", [](DataConfig& c) { c.task = "ranking"; },
        {"data.task = \"ranking\"", "classification, regression"});
    row("too few samples to split", "spiral", [](DataConfig& c) { c.n = 2; c.trainFraction = 0.3; },
        {"data.train_fraction = 0.3", "2 samples"});
  }
  void badFields() {
    QFETCH(QString, kind);
    QFETCH(std::function<void(DataConfig&)>, change);
    QFETCH(QStringList, mentions);
    DataConfig c = config(kind.toStdString());
    change(c);
    const std::string message = test::inputErrorMessage([&] { makeData(c, 0); });
    for (const QString& m : mentions)
      QVERIFY2(message.find(m.toStdString()) != std::string::npos,
               qPrintable(QString("message \"%1\" lacks \"%2\"")
                              .arg(QString::fromStdString(message), m)));
  }

  void fieldsAKindIgnoresAreNotChecked() {
    DataConfig c = config("iris");
    c.n = 0;
    c.arms = 0;
    c.noise = -1;
    QCOMPARE(makeData(c, 0).train.size(), 120);
    validateDataConfig(config("modular"));
  }
};

QTEST_APPLESS_MAIN(MakeDataTest)
#include "test_make_data.moc"
