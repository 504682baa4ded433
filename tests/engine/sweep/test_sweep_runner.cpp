// Running a sweep: the same numbers whatever the threads, a point equal to its run alone,
// results on disk as runs finish, cancel, and resume from what is on disk without redoing
// finished runs.
#include <QtTest>

#include <QTemporaryDir>
#include <atomic>
#include <filesystem>

#include "folder_files.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/sweep/sweep_directory.hpp"
#include "losslab/sweep/sweep_runner.hpp"
#include "sweep_test_support.hpp"

using namespace losslab;

namespace {

SweepConfig tiny() { return sweepFromJson(test::tinySweep()); }

using losslab::test::filesOf;

}  // namespace

class SweepRunnerTest : public QObject {
  Q_OBJECT
  QTemporaryDir tmp;
  QString dir(const QString& name) const { return tmp.filePath(name); }

 private Q_SLOTS:
  void initTestCase() {
    LocalDistribution local;
    runSweep(tiny(), dir("reference").toStdString(), {false, 1}, local);  // one run at a time
  }

  void everyRunIsOnDiskWithItsExperiment() {
    const auto files = filesOf(dir("reference"));
    QCOMPARE(files.size(), size_t(2 + 12 * 2));  // sweep.json, results.csv, runs/*/{metrics,config}
    QVERIFY(files.at("results.csv").starts_with("run,i,j,seed,optimizer.lr,optimizer.weight_decay,train_loss,"));
    const ExperimentConfig alone = parseExperiment(files.at("runs/run-0007/config.json"));
    QCOMPARE(alone.seed, std::uint64_t(1));
    QCOMPARE(alone.optimizer.weightDecay, 0.01);
  }

  void parallelRunsGiveTheNumbersOfSerialRuns() {
    LocalDistribution local;
    runSweep(tiny(), dir("parallel").toStdString(), {false, 2}, local);
    QVERIFY(filesOf(dir("parallel")) == filesOf(dir("reference")));
  }

  void aPointOfTheSweepEqualsItsRunAlone() {
    const SweepConfig s = tiny();
    const std::vector<SweepRun> plan = planSweep(s);
    const SweepRunRecord alone = trainSweepRun(s, plan[5]);
    QCOMPARE(alone.metricsCsv, readTextFile(dir("reference/runs/run-0005/metrics.csv").toStdString()));
    const SweepResults onDisk = readResultsCsv(dir("reference/results.csv").toStdString(), s, plan);
    QCOMPARE(onDisk.size(), 12L);
    for (size_t k = 0; k < s.metrics.size(); ++k) {
      const double a = alone.values[k], b = onDisk.rows().at(5)[k];
      QVERIFY((std::isnan(a) && std::isnan(b)) || a == b);
    }
  }

  // track.per_layer: a run's metrics.csv carries every layer's block curvature at tracked rows.
  void perLayerTrackingReachesTheRunsMetrics() {
    SweepConfig s = tiny();
    QVERIFY(s.track.curvature.every > 0);
    s.track.curvature.perLayer = true;
    const SweepRunRecord r = trainSweepRun(s, planSweep(s)[0]);
    const std::string header = r.metricsCsv.substr(0, r.metricsCsv.find('\n'));
    QVERIFY2(header.find(",sharpness_layer1,sharpness_layer2,trace_layer1,trace_layer2") != std::string::npos,
             header.c_str());
    const std::string first = r.metricsCsv.substr(header.size() + 1, r.metricsCsv.find('\n', header.size() + 1) - header.size() - 1);
    QVERIFY2(first.back() != ',', first.c_str());  // step 0 is tracked: its last cell, trace_layer2, is filled
  }

  void resultsListRunsInRunOrderAsTheyFinish() {
    LocalDistribution local;
    std::vector<long> finished;
    SweepCallbacks callbacks;
    callbacks.runFinished = [&](const SweepRun& run, const std::vector<double>&) {
      finished.push_back(run.index);
      // The run's files and its results row are on disk before anyone hears of it.
      const std::string results = readTextFile(dir("streamed/results.csv").toStdString());
      QVERIFY(results.find("\n" + run.id + ",") != std::string::npos);
    };
    runSweep(tiny(), dir("streamed").toStdString(), {false, 2}, local, callbacks);
    QCOMPARE(finished.size(), size_t(12));
  }

  void cancelStopsAndResumeRedoesOnlyUnfinishedRuns() {
    LocalDistribution local;
    std::stop_source stop;
    SweepCallbacks first;
    long finishedBeforeCancel = 0;
    first.runFinished = [&](const SweepRun&, const std::vector<double>&) {
      if (++finishedBeforeCancel == 5) stop.request_stop();
    };
    QVERIFY_THROWS_EXCEPTION(Cancelled, runSweep(tiny(), dir("resumed").toStdString(), {false, 2}, local, first, stop.get_token()));
    const SweepConfig s = tiny();
    const SweepResults partial = readResultsCsv(dir("resumed/results.csv").toStdString(), s, planSweep(s));
    QVERIFY(partial.size() >= 5 && partial.size() < 12);

    SweepCallbacks second;
    long redone = 0;
    SweepProgress last;
    second.runFinished = [&](const SweepRun& run, const std::vector<double>&) {
      ++redone;
      QVERIFY2(!partial.has(run.index), "a finished run was run again");
    };
    second.progress = [&](const SweepProgress& p) { last = p; };
    runSweep(s, dir("resumed").toStdString(), {true, 2}, local, second);
    QCOMPARE(redone, 12 - partial.size());
    QCOMPARE(last.runsResumed, partial.size());
    QCOMPARE(last.runsDone, 12L);
    QVERIFY(filesOf(dir("resumed")) == filesOf(dir("reference")));
  }

  void aFolderHoldingASweepNeedsResumeAndTheSameSweep() {
    LocalDistribution local;
    QVERIFY_THROWS_EXCEPTION(InputError, runSweep(tiny(), dir("reference").toStdString(), {false, 1}, local));
    nlohmann::json other = test::tinySweep();
    other["steps"] = 41;
    try {
      runSweep(sweepFromJson(other), dir("reference").toStdString(), {true, 1}, local);
      QFAIL("resumed a different sweep");
    } catch (const InputError& e) {
      QVERIFY2(std::string(e.what()).find("different sweep") != std::string::npos, e.what());
    }
    long again = 0;
    SweepCallbacks callbacks;
    callbacks.runFinished = [&](const SweepRun&, const std::vector<double>&) { ++again; };
    runSweep(tiny(), dir("reference").toStdString(), {true, 1}, local, callbacks);  // nothing left
    QCOMPARE(again, 0L);
  }

  void theRemainingTimeIsEstimatedFromThroughput() {
    SweepProgress p;
    p.runsTotal = 40, p.runsDone = 12, p.runsResumed = 4, p.elapsedSeconds = 65, p.secondsLeft = 130;
    QCOMPARE(progressText(p), std::string("12/40 runs (4 resumed), 1 min 05 s elapsed, about 2 min 10 s left"));
    p.secondsLeft = std::nan("");
    QVERIFY(progressText(p).ends_with("estimating time left"));
    QCOMPARE(durationText(7384), std::string("2 h 03 min"));
  }
};

QTEST_GUILESS_MAIN(SweepRunnerTest)
#include "test_sweep_runner.moc"
