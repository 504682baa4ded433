// What the sweep views are given: means and bands over seeds, phase grids, and the reference
// curves theory provides, all from the results table (the views only draw them).
#include <QtTest>

#include <set>

#include "losslab/sweep/sweep_series.hpp"
#include "sweep_test_support.hpp"

using namespace losslab;
using nlohmann::json;

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// lr (3 log-spaced values) x weight decay (2), seeds 0 and 1: run index = (i*2 + j)*2 + seed.
SweepConfig sweep() { return sweepFromJson(test::tinySweep()); }

// sharpness of run (i, j, seed) = 10 i + j + seed, except the runs given as NaN.
SweepResults results(const SweepConfig& s, std::set<long> missing = {}) {
  SweepResults r(s.metrics);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j)
      for (int seed = 0; seed < 2; ++seed) {
        const long index = (i * 2 + j) * 2 + seed;
        if (missing.count(index)) continue;
        std::vector<double> values(s.metrics.size(), nan);
        values[2] = 10.0 * i + j + seed;  // metrics: train_loss, test_accuracy, sharpness, ...
        r.set(index, values);
      }
  return r;
}
}  // namespace

class SweepSeriesTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void meanAndSampleStandardDeviationOverSeeds() {
    const SweepConfig s = sweep();
    const SeedSeries series = seedSeries(s, results(s), SweepMetric::Sharpness, SeedBand::StandardDeviation, 0, 1);
    QCOMPARE(series.axis.positions.size(), size_t(3));
    QVERIFY(series.axis.logarithmic);
    QCOMPARE(series.mean[2], 21.5);  // i = 2, j = 1: seeds give 21 and 22
    QCOMPARE(series.upper[2] - series.mean[2], std::sqrt(0.5));  // s.d. with n - 1
    QCOMPARE(series.count[2], 2);
    QCOMPARE(series.perSeed[2], (std::vector<double>{21, 22}));
    QCOMPARE(describe(series.band, series.seeds), std::string("mean ± 1 s.d. over 2 seeds"));
  }

  void minMaxBandsAndUnfinishedSeeds() {
    const SweepConfig s = sweep();
    const SeedSeries series = seedSeries(s, results(s, {0, 1, 4}), SweepMetric::Sharpness, SeedBand::MinMax);
    QVERIFY(std::isnan(series.mean[0]));  // no seed of (0, 0) finished
    QCOMPARE(series.count[0], 0);
    QCOMPARE(series.mean[1], 11.0);  // only seed 1 of (1, 0)
    QCOMPARE(series.lower[1], 11.0);
    QCOMPARE(series.upper[2], 21.0);
    QCOMPARE(series.lower[2], 20.0);
  }

  void theSecondAxisAsASeries() {
    const SweepConfig s = sweep();
    const SeedSeries series = seedSeries(s, results(s), SweepMetric::Sharpness, SeedBand::StandardDeviation, 1, 2);
    QCOMPARE(series.axis.texts, (std::vector<std::string>{"0.0", "0.01"}));
    QCOMPARE(series.mean[0], 20.5);
    QCOMPARE(series.mean[1], 21.5);
  }

  void aPhaseGridHoldsTheMeanAtEveryPoint() {
    const SweepConfig s = sweep();
    const PhaseGrid g = phaseGrid(s, results(s, {3}), SweepMetric::Sharpness);
    QCOMPARE(g.value.rows(), 3);
    QCOMPARE(g.value.cols(), 2);
    QCOMPARE(g.value(2, 0), 20.5);
    QCOMPARE(g.value(0, 1), 1.0);  // seed 1 of (0, 1) missing
    QCOMPARE(g.count(0, 1), 1);
    QVERIFY(std::isnan(phaseGrid(s, results(s), SweepMetric::TrainLoss).value(0, 0)));
    QCOMPARE(toCsv(g).substr(0, 44), std::string("x,y,sharpness_mean,seeds\n0.05,0.0,0.5,2\n0.05"));
  }

  void theStabilityThresholdIsTheReferenceOfSharpnessAgainstTheLearningRate() {
    const SweepConfig s = sweep();
    const std::vector<ReferenceCurve> r = referenceCurves(s, SweepMetric::Sharpness);
    QCOMPARE(r.size(), size_t(1));
    QVERIFY(QString::fromStdString(r[0].name).startsWith("2/eta"));
    QCOMPARE(r[0].x.front(), 0.05);
    QCOMPARE(r[0].x.back(), 0.8);
    for (size_t k = 0; k < r[0].x.size(); ++k) QCOMPARE(r[0].y[k], 2.0 / r[0].x[k]);
    QCOMPARE(referenceCurves(s, SweepMetric::SharpnessRatio)[0].y.front(), 1.0);
    QVERIFY(referenceCurves(s, SweepMetric::TrainLoss).empty());
    QVERIFY(referenceCurves(s, SweepMetric::Sharpness, 1).empty());  // weight decay: no theory here
    json adam = test::tinySweep();
    adam["base"]["optimizer"] = {{"kind", "adam"}, {"lr", 0.01}};
    QVERIFY(referenceCurves(sweepFromJson(adam), SweepMetric::Sharpness).empty());  // bounds P^-1 H
    json momentum = test::tinySweep();
    momentum["base"]["optimizer"]["momentum"] = 0.9;
    QCOMPARE(referenceCurves(sweepFromJson(momentum), SweepMetric::Sharpness)[0].y.front(), 3.8 / 0.05);
  }

  void categoricalSettingsArePlottedAtPositions() {
    json doc = test::tinySweep();
    doc["axes"][1] = {{"path", "model.activation"}, {"values", {"tanh", "relu", "gelu"}}};
    const SweepPlotAxis a = plotAxis(sweepFromJson(doc).axes[1]);
    QVERIFY(!a.numeric);
    QCOMPARE(a.positions, (std::vector<double>{0, 1, 2}));
    QCOMPARE(a.texts[1], std::string("relu"));
  }
};

QTEST_GUILESS_MAIN(SweepSeriesTest)
#include "test_sweep_series.moc"
