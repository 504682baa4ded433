// losslab-sweep/1 files: what a valid sweep resolves to, and one clear error (the field, the bad
// value, what is allowed) for every kind of mistake.
#include <QtTest>

#include <QTemporaryDir>
#include <functional>

#include "fuzzy_compare.hpp"
#include "losslab/core/error.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/sweep/sweep_config.hpp"
#include "losslab/sweep/sweep_plan.hpp"
#include "sweep_test_support.hpp"

using namespace losslab;
using nlohmann::json;

namespace {

// The message of the InputError that parsing `doc` raises ("" if it parses).
QString errorOf(const json& doc) {
  try {
    sweepFromJson(doc);
  } catch (const InputError& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

json edited(const std::function<void(json&)>& edit) {
  json doc = test::tinySweep();
  edit(doc);
  return doc;
}

}  // namespace

class SweepConfigTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void aValidSweepResolvesItsAxesSeedsAndMetrics() {
    const SweepConfig s = sweepFromJson(test::tinySweep());
    QCOMPARE(s.axes.size(), size_t(2));
    QCOMPARE(s.axes[0].values.size(), size_t(3));
    QCOMPARE(s.axes[0].values.front().get<double>(), 0.05);  // both ends exact
    QCOMPARE(s.axes[0].values.back().get<double>(), 0.8);
    LOSSLAB_COMPARE_NEAR(s.axes[0].values[1].get<double>(), 0.2, 1e-15);  // geometric middle
    QVERIFY(s.axes[0].numeric());
    QCOMPARE(s.runCount(), 12L);
    QCOMPARE(s.base.steps, 40L);
    QVERIFY(s.metrics.back() == SweepMetric::Diverged);  // always collected, last
    QCOMPARE(s.metrics.size(), size_t(7));
  }

  void theResolvedSweepReadsBackAsItself() {
    const json once = toJson(sweepFromJson(test::tinySweep()));
    QCOMPARE(toJson(sweepFromJson(once)), once);
    QVERIFY(!once["track"].contains("per_layer"));
    const SweepConfig layers = sweepFromJson(edited([](json& d) { d["track"]["per_layer"] = true; }));
    QVERIFY(layers.track.curvature.perLayer);
    QCOMPARE(sweepFromJson(toJson(layers)).track.curvature.perLayer, true);
  }

  void runsAreOrderedByPointThenSeed() {
    const std::vector<SweepRun> plan = planSweep(sweepFromJson(test::tinySweep()));
    QCOMPARE(plan.size(), size_t(12));
    const SweepRun& r = plan[7];  // i = 1, j = 1, seed index 1
    QCOMPARE(r.i, 1);
    QCOMPARE(r.j, 1);
    QCOMPARE(r.seed, std::uint64_t(1));
    QCOMPARE(r.id, std::string("run-0007"));
    LOSSLAB_COMPARE_NEAR(r.experiment.optimizer.lr, 0.2, 1e-15);
    QCOMPARE(r.experiment.optimizer.weightDecay, 0.01);
    QCOMPARE(r.experiment.steps, 40L);
  }

  void integerSettingsGetIntegerRangesAndAListTakesOneWidth() {
    const SweepConfig s = sweepFromJson(edited([](json& d) {
      d["base"]["model"]["hidden"] = {8, 8};
      d["axes"] = {{{"path", "model.hidden"}, {"log", {{"from", 4}, {"to", 32}, {"points", 4}}}}};
    }));
    QCOMPARE(s.axes[0].values[1], json(8));
    const std::vector<SweepRun> plan = planSweep(s);
    QCOMPARE(plan.back().experiment.model.hidden, (std::vector<int>{32, 32}));  // depth kept
  }

  void aBaseExperimentMayBeAFileBesideTheSweep() {
    QTemporaryDir dir;
    writeTextFileAtomically(dir.filePath("base.json").toStdString(), test::tinyBase().dump());
    json doc = test::tinySweep();
    doc["base"] = "base.json";
    writeTextFileAtomically(dir.filePath("s.json").toStdString(), doc.dump());
    const SweepConfig s = readSweepFile(dir.filePath("s.json").toStdString());
    QCOMPARE(s.base.model.hidden, std::vector<int>{8});
    doc["base"] = "missing.json";
    writeTextFileAtomically(dir.filePath("s.json").toStdString(), doc.dump());
    QVERIFY_THROWS_EXCEPTION(InputError, readSweepFile(dir.filePath("s.json").toStdString()));
  }

  void everyMistakeNamesItsFieldValueAndRange_data() {
    QTest::addColumn<QString>("doc");
    QTest::addColumn<QStringList>("says");
    auto row = [](const char* name, const json& doc, QStringList says) {
      QTest::newRow(name) << QString::fromStdString(doc.dump()) << says;
    };
    row("no format", edited([](json& d) { d.erase("format"); }), {"format: missing"});
    row("other format", edited([](json& d) { d["format"] = "losslab-sweep/2"; }), {"format", "losslab-sweep/2", "losslab-sweep/1"});
    row("unknown key", edited([](json& d) { d["axis"] = json::array(); }), {"axis: unknown key", "axes"});
    row("no base", edited([](json& d) { d.erase("base"); }), {"base: missing"});
    row("bad base", edited([](json& d) { d["base"]["optimizer"]["lr"] = 0; }), {"base: ", "optimizer.lr", "> 0"});
    row("three axes", edited([](json& d) { d["axes"].push_back(d["axes"][0]); }), {"axes", "one or two", "3"});
    row("unknown setting", edited([](json& d) { d["axes"][0]["path"] = "optimizer.learning_rate"; }),
        {"axes[0].path", "learning_rate", "in optimizer", "lr"});
    row("seed as a setting", edited([](json& d) { d["axes"][0]["path"] = "seed"; }), {"axes[0].path", "\"seeds\""});
    row("a group", edited([](json& d) { d["axes"][0]["path"] = "optimizer"; }), {"axes[0].path", "group", "lr"});
    row("bad index", edited([](json& d) { d["axes"][0]["path"] = "model.hidden[3]"; }), {"axes[0].path", "[3]", "has 1"});
    row("two forms", edited([](json& d) { d["axes"][0]["values"] = {0.1}; }), {"axes[0]", "exactly one", "\"values\"", "\"log\""});
    row("unknown axis key", edited([](json& d) { d["axes"][0]["step"] = 2; }), {"axes[0].step: unknown key"});
    row("log from 0", edited([](json& d) { d["axes"][0]["log"]["from"] = 0; }), {"axes[0].log", "from > 0", "0"});
    row("one point", edited([](json& d) { d["axes"][0]["log"]["points"] = 1; }), {"axes[0].log.points: 1", "2..1000"});
    row("empty range", edited([](json& d) { d["axes"][0]["log"]["to"] = 0.05; }), {"axes[0].log", "0.05", "two ends"});
    row("bad value", edited([](json& d) { d["axes"][1]["values"] = {0.0, -1.0}; }),
        {"axes[1].values[1]", "-1", "optimizer.weight_decay", ">= 0"});
    row("repeated value", edited([](json& d) { d["axes"][1]["values"] = {0.0, 0.0}; }), {"axes[1].values[1]", "repeats values[0]"});
    row("fraction out of range", edited([](json& d) { d["axes"][1] = {{"path", "data.train_fraction"}, {"values", {0.5, 1.5}}}; }),
        {"axes[1].values[1]", "1.5", "data.train_fraction", "(0, 1]"});
    row("integer range unrounded", edited([](json& d) {
          d["axes"][1] = {{"path", "optimizer.batch_size"}, {"linear", {{"from", 4}, {"to", 9}, {"points", 3}}}};
        }), {"axes[1] value 6.5", "optimizer.batch_size", "integer", "\"round\": true"});
    row("rounding collides", edited([](json& d) {
          d["axes"][1] = {{"path", "optimizer.batch_size"}, {"linear", {{"from", 4}, {"to", 5}, {"points", 3}}}, {"round", true}};
        }), {"axes[1].linear", "round to", "fewer points"});
    row("same setting twice", edited([](json& d) { d["axes"][1] = d["axes"][0]; }), {"axes[1].path", "already swept"});
    row("bad combination", edited([](json& d) {
          d["base"]["loss"] = "mse";
          d["axes"] = {{{"path", "model.kind"}, {"values", {"mlp", "quadratic"}}}, {{"path", "loss"}, {"values", {"mse", "cross_entropy"}}}};
          d["metrics"] = {"train_loss"};
        }), {"the point model.kind = quadratic, loss = cross_entropy", "mse"});
    row("repeated seed", edited([](json& d) { d["seeds"] = {0, 3, 3}; }), {"seeds[2]", "3", "twice"});
    row("negative seed", edited([](json& d) { d["seeds"] = {-1}; }), {"seeds[0]: -1", ">= 0"});
    row("zero steps", edited([](json& d) { d["steps"] = 0; }), {"steps: 0", "1..1000000000"});
    row("unknown metric", edited([](json& d) { d["metrics"] = {"lambda_max"}; }), {"metrics[0]", "lambda_max", "allowed", "sharpness"});
    row("untracked metric", edited([](json& d) { d["track"].erase("sharpness_every"); }), {"metrics[2]", "sharpness", "track.sharpness_every > 0"});
    row("unknown tracking", edited([](json& d) { d["track"]["every"] = 3; }), {"track.every: unknown key", "log_every"});
    row("per layer untracked", edited([](json& d) { d["track"]["per_layer"] = true; d["track"].erase("sharpness_every"); d["metrics"] = {"train_loss"}; }),
        {"track.per_layer", "track.sharpness_every > 0"});
    row("log every 0", edited([](json& d) { d["track"]["log_every"] = 0; }), {"track.log_every: 0", ">= 1"});
    row("too many runs", edited([](json& d) { d["axes"][0]["log"]["points"] = 1000; d["seeds"] = json::array(); for (int k = 0; k < 60; ++k) d["seeds"].push_back(k); }),
        {"axes", "120000 runs", "100000"});
  }
  void everyMistakeNamesItsFieldValueAndRange() {
    QFETCH(QString, doc);
    QFETCH(QStringList, says);
    const QString message = errorOf(json::parse(doc.toStdString()));
    QVERIFY2(!message.isEmpty(), "parsed without an error");
    for (const QString& part : says)
      QVERIFY2(message.contains(part), qPrintable("\"" + message + "\" does not say \"" + part + "\""));
  }
};

QTEST_GUILESS_MAIN(SweepConfigTest)
#include "test_sweep_config.moc"
