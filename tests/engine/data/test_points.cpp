// data.kind "points": samples written out in the experiment (a scalar network's one sample, a
// class's drawn points). Read, made into a data set, written back unchanged; bad samples are an
// InputError naming the sample and field.
#include <QtTest>

#include "input_error.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/data/make_data.hpp"

using namespace losslab;

namespace {
ExperimentConfig withData(const std::string& data) {
  return parseExperiment(R"({"data": )" + data + "}");
}
}  // namespace

class PointsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void classificationPointsBecomeLabelledSamples() {
    const ExperimentConfig c = withData(R"({"kind": "points", "x": [[0.5, 1], [-1, 2], [3, -0.25]], "y": [0, 2, 1],
        "train_fraction": 1.0})");
    const DataSplit d = makeData(c.data, c.seed);
    QCOMPARE(d.train.task, Task::Classification);
    QCOMPARE(d.train.size(), 3);
    QCOMPARE(d.train.numClasses, 3);
    QVERIFY(d.test.empty());
    // Unshuffled only in content: the split permutes, so find each sample by its features.
    for (int i = 0; i < 3; ++i) {
      const double x0 = d.train.x(0, i);
      const int want = x0 == 0.5 ? 0 : x0 == -1 ? 2 : 1;
      QCOMPARE(d.train.labels[std::size_t(i)], want);
    }
    QVERIFY(!c.data.standardize.value_or(standardizesByDefault("points")));  // the numbers as written
    QCOMPARE(toJson(parseExperiment(toJson(c).dump())).dump(), toJson(c).dump());
  }

  void regressionPointsKeepTheirTargets() {
    const ExperimentConfig c = withData(R"({"kind": "points", "x": [[1.0]], "y": [[2.0, -1.0]], "task": "regression",
        "train_fraction": 1.0})");
    const DataSplit d = makeData(c.data, c.seed);
    QCOMPARE(d.train.task, Task::Regression);
    QCOMPARE(d.train.targets.rows(), 2);
    QCOMPARE(d.train.targets(0, 0), 2.0);
    QCOMPARE(d.train.targets(1, 0), -1.0);
    QCOMPARE(d.train.x(0, 0), 1.0);
    const ExperimentConfig scalar = withData(R"({"kind": "points", "x": [[1.0]], "y": [2.5], "task": "regression"})");
    QCOMPARE(makeUnsplitData(scalar.data, 0).targets(0, 0), 2.5);  // a bare number is one target
    QCOMPARE(toJson(parseExperiment(toJson(c).dump())).dump(), toJson(c).dump());
  }

  void badPointsNameTheSample() {
    auto make = [](const std::string& data) { return makeUnsplitData(withData(data).data, 0); };
    LOSSLAB_VERIFY_INPUT_ERROR(make(R"({"kind": "points", "x": [], "y": []})"), "data.x", "at least one");
    LOSSLAB_VERIFY_INPUT_ERROR(make(R"({"kind": "points", "x": [[1], [2]], "y": [0]})"), "data.y", "1 values for 2");
    LOSSLAB_VERIFY_INPUT_ERROR(make(R"({"kind": "points", "x": [[1, 2], [3]], "y": [0, 1]})"), "data.x[1]", "1 features");
    LOSSLAB_VERIFY_INPUT_ERROR(make(R"({"kind": "points", "x": [[1], [2]], "y": [0, 1.5]})"), "data.y[1]", "integer");
    LOSSLAB_VERIFY_INPUT_ERROR(make(R"({"kind": "points", "x": [[1], [2]], "y": [0, -1]})"), "data.y[1]");
    LOSSLAB_VERIFY_INPUT_ERROR(make(R"({"kind": "points", "x": [[1], [2]], "y": [[1], [2, 3]], "task": "regression"})"),
                               "data.y[1]", "2 targets");
    LOSSLAB_VERIFY_INPUT_ERROR(make(R"({"kind": "points", "x": [[1]], "y": [0], "task": "ranking"})"), "data.task");
    LOSSLAB_VERIFY_INPUT_ERROR(withData(R"({"kind": "points", "x": [[1, "a"]], "y": [0]})"), "data.x[0]");
    LOSSLAB_VERIFY_INPUT_ERROR(withData(R"({"kind": "spiral", "x": [[1]], "y": [0]})"), "data.x", "points");
  }
};

QTEST_APPLESS_MAIN(PointsTest)
#include "test_points.moc"
