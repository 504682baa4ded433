// A user's CSV table as a data set, and a clear message (file, line, column) for each bad table.
#include <QtTest>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <fstream>

#include "fixtures.hpp"
#include "input_error.hpp"
#include "losslab/data/csv_dataset.hpp"
#include "losslab/data/make_data.hpp"

using namespace losslab;

namespace {

std::string table(const char* name) { return test::fixture(std::string("data/") + name); }

Dataset load(const char* name, const std::string& labelColumn = "",
             Task task = Task::Classification) {
  return loadCsvDataset({table(name), labelColumn, task});
}

}  // namespace

class CsvDatasetTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void textLabelsBecomeClassesInSortedOrder() {
    const Dataset d = load("good_classification.csv");
    QCOMPARE(d.task, Task::Classification);
    QCOMPARE(d.x.rows(), 2);
    QCOMPARE(d.x.cols(), 5);  // the blank line is skipped
    QCOMPARE(d.numClasses, 3);
    QCOMPARE(d.labels, (std::vector<int>{0, 1, 2, 0, 1}));  // setosa versicolor virginica
    QCOMPARE(d.x(0, 1), 7.0);
    QCOMPARE(d.x(1, 2), 2.5);
  }

  void numericLabelsSortByValue() {
    const Dataset d = load("numeric_labels.csv");
    QCOMPARE(d.numClasses, 3);  // 2 and 2.0 are one class
    QCOMPARE(d.labels, (std::vector<int>{2, 1, 0, 2, 0}));
  }

  void labelColumnByNameOrIndex() {
    const Dataset byName = load("regression.csv", "x2", Task::Regression);
    QCOMPARE(byName.targets(0, 1), 0.4);
    QCOMPARE(byName.x(0, 1), -1.5);  // the other columns, in order: y, x1
    QCOMPARE(byName.x(1, 1), 3.0);
    const Dataset byIndex = load("numeric_labels.csv", "0");
    QCOMPARE(byIndex.numClasses, 5);  // x = 1..5
    QCOMPARE(byIndex.x(0, 0), 10.0);
  }

  void regressionTable() {
    const Dataset d = load("regression.csv", "y", Task::Regression);
    QCOMPARE(d.x.rows(), 2);
    QCOMPARE(d.x.cols(), 3);
    QCOMPARE(d.targets(0, 1), -1.5);
    QCOMPARE(d.x(0, 1), 3.0);  // "+3"
    QCOMPARE(d.x(1, 1), 0.4);  // "4e-1"
    QCOMPARE(d.x(0, 2), 5.0);  // "  5 "
  }

  void csvKindStandardizesByDefault() {
    DataConfig c;
    c.kind = "csv";
    c.path = table("regression.csv");
    c.labelColumn = std::string("y");  // not = "y": a false GCC 12 -Wrestrict warning (PR 105329)
    c.task = "regression";
    c.trainFraction = 1.0;
    const DataSplit s = makeData(c, 0);
    QVERIFY(s.train.x.rowwise().mean().cwiseAbs().maxCoeff() < 1e-12);
    QCOMPARE(s.test.size(), 0);
    QCOMPARE(s.test.x.rows(), 2);
  }

  void badTables_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("label");
    QTest::addColumn<bool>("regression");
    QTest::addColumn<QStringList>("mentions");
    const auto row = [](const char* name, const char* file, const char* label, bool regression,
                        QStringList mentions) {
      QTest::newRow(name) << QString(file) << QString(label) << regression << mentions;
    };
    row("not found", "no_such_file.csv", "", false, {"no_such_file.csv", "not found"});
    row("empty file", "empty.csv", "", false, {"empty.csv", "empty"});
    row("header only", "header_only.csv", "", false, {"header_only.csv", "no data rows"});
    row("ragged row", "ragged.csv", "", false, {"ragged.csv", "line 3", "2 cells", "3 columns"});
    row("non-numeric", "non_numeric.csv", "", false,
        {"non_numeric.csv", "line 3", "column \"b\"", "\"four\"", "not a number"});
    row("empty cell", "empty_cell.csv", "", false, {"line 3", "column \"b\"", "empty"});
    row("NaN", "nan.csv", "", false, {"nan.csv", "line 3", "column \"b\"", "NaN", "finite"});
    row("infinity", "inf.csv", "", false, {"inf.csv", "line 3", "\"-inf\"", "finite"});
    row("one class", "one_class.csv", "", false, {"one_class.csv", "\"same\"", "2 classes"});
    row("no such label column", "good_classification.csv", "kind", false,
        {"data.label_column = \"kind\"", "\"sepal length\", \"petal, width\", \"species\""});
    row("label index out of range", "good_classification.csv", "3", false,
        {"data.label_column = \"3\"", "0 to 2"});
    row("text label for regression", "good_classification.csv", "", true,
        {"line 2", "column \"species\" (index 2)", "\"setosa\"", "not a number"});
    row("unclosed quote", "unclosed_quote.csv", "", false, {"line 1", "quoted cell"});
  }
  void badTables() {
    QFETCH(QString, file);
    QFETCH(QString, label);
    QFETCH(bool, regression);
    QFETCH(QStringList, mentions);
    const std::string message = test::inputErrorMessage([&] {
      loadCsvDataset({table(file.toUtf8().constData()), label.toStdString(),
                      regression ? Task::Regression : Task::Classification});
    });
    for (const QString& m : mentions)
      QVERIFY2(message.find(m.toStdString()) != std::string::npos,
               qPrintable(QString("message \"%1\" lacks \"%2\"")
                              .arg(QString::fromStdString(message), m)));
  }

  // 1001 columns x 10,000 rows = 10,010,000 cells: refused while reading, at the row that
  // crosses ten million, before the rest of the file is parsed.
  void tooManyCellsIsRefusedWhileReading() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("huge.csv").toStdString();
    {
      std::string header, row;
      for (int c = 0; c < 1001; ++c) {
        header += (c ? ",c" : "c") + std::to_string(c);
        row += c ? ",0" : "1";
      }
      std::ofstream out(path);
      out << header << '\n';
      for (int r = 0; r < 10000; ++r) out << row << '\n';
    }
    QElapsedTimer timer;
    timer.start();
    LOSSLAB_VERIFY_INPUT_ERROR(loadCsvDataset({path, "", Task::Regression}), "huge.csv",
                               "line 9992", "10000000 cells");
    qInfo("refused after %lld ms", static_cast<long long>(timer.elapsed()));
  }

  void smallerCellLimitsAreHonoured() {
    LOSSLAB_VERIFY_INPUT_ERROR(
        loadCsvDataset({table("good_classification.csv"), "", Task::Classification, 10}),
        "line 5", "more than 10 cells");
  }
};

QTEST_APPLESS_MAIN(CsvDatasetTest)
#include "test_csv_dataset.moc"
