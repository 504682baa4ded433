// The bundled sweep presets load, plan, and train (a few steps of their first and last run), and
// ask the questions they are named for.
#include <QtTest>

#include <filesystem>

#include "losslab/sweep/sweep_run.hpp"
#include "losslab/sweep/sweep_series.hpp"
#include "fixtures.hpp"

using namespace losslab;

namespace {
std::string preset(const std::string& name) { return losslab::test::resourceDir() + "/sweeps/" + name; }
}  // namespace

class SweepPresetsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyPresetLoadsAndItsRunsTrain() {
    int presets = 0;
    for (const auto& entry : std::filesystem::directory_iterator(losslab::test::resourceDir() + "/sweeps")) {
      const SweepConfig s = readSweepFile(entry.path().string());
      QVERIFY2(!s.name.empty() && !s.description.empty(), entry.path().c_str());
      std::vector<SweepRun> plan = planSweep(s);
      for (SweepRun* run : {&plan.front(), &plan.back()}) {
        run->experiment.steps = 5;
        const SweepRunRecord r = trainSweepRun(s, *run);
        QCOMPARE(r.values.size(), s.metrics.size());
        QVERIFY(r.metricsCsv.find("\n5,") != std::string::npos);  // the final row, after 5 steps
      }
      ++presets;
    }
    QCOMPARE(presets, 3);
  }

  void edgeOfStabilityComparesSharpnessWithTwoOverEta() {
    const SweepConfig s = readSweepFile(preset("edge-of-stability-learning-rates.json"));
    QCOMPARE(s.axes.size(), size_t(1));
    QCOMPARE(s.axes[0].path, std::string("optimizer.lr"));
    QVERIFY(s.track.curvature.every > 0);
    QVERIFY(s.metrics.front() == SweepMetric::Sharpness);
    QVERIFY(QString::fromStdString(referenceCurves(s, SweepMetric::Sharpness).at(0).name).startsWith("2/eta"));
  }

  // Li et al. 2018's curve: accuracy against the subspace dimension d, for two widths; the
  // planned runs train in subspaces of the rounded dimensions 10 … 1000.
  void intrinsicDimensionSweepsTheSubspaceDimensionAndTheWidth() {
    const SweepConfig s = readSweepFile(preset("intrinsic-dimension-digits.json"));
    QCOMPARE(s.axes.size(), size_t(2));
    QCOMPARE(s.axes[0].path, std::string("subspace.dim"));
    QCOMPARE(s.axes[1].path, std::string("model.hidden"));
    const std::vector<SweepRun> plan = planSweep(s);
    QCOMPARE(plan.size(), std::size_t(14));
    QCOMPARE(plan.front().experiment.subspace.dim, 10L);
    QCOMPARE(plan.back().experiment.subspace.dim, 1000L);
    QVERIFY(s.metrics.front() == SweepMetric::TestAccuracy);
  }

  void grokkingMapsTestAccuracyOverWeightDecayAndTrainingFraction() {
    const SweepConfig s = readSweepFile(preset("grokking-phase-diagram.json"));
    QCOMPARE(s.axes.size(), size_t(2));
    QCOMPARE(s.axes[0].path, std::string("optimizer.weight_decay"));
    QCOMPARE(s.axes[1].path, std::string("data.train_fraction"));
    QCOMPARE(s.base.data.kind, std::string("modular"));
    QVERIFY(s.metrics.front() == SweepMetric::TestAccuracy);
  }
};

QTEST_GUILESS_MAIN(SweepPresetsTest)
#include "test_sweep_presets.moc"
