// A run replaced while its worker is inside a long curvature measurement (issue #21): the
// run's destructor returns at once, the worker stops within one product and frees its
// memory, and replacing a large run again and again leaves memory where it started.
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

#include "fuzzy_compare.hpp"
#include "losslab/core/retired_threads.hpp"
#include "losslab/run/curvature_tracker.hpp"
#include "losslab/run/run_cost.hpp"
#include "losslab/run/training_run.hpp"
#include "process_memory.hpp"
#include "sanitized.hpp"

using namespace losslab;
using Clock = std::chrono::steady_clock;

namespace {

// About a million parameters on 2000 samples: a Hessian-vector product takes a noticeable time
// and a cold Lanczos solve (tracked at step 0) takes dozens of them.
ExperimentConfig wideSpiral(int width = 1024, int n = 2000) {
  ExperimentConfig c;
  c.data.kind = "spiral";
  c.data.n = n;
  c.model.hidden = {width, width};
  c.optimizer.lr = 0.05;
  return c;
}

CurvatureTracking everyStep() {
  CurvatureTracking t;
  t.every = 1;
  t.tolerance = 1e-9;  // a cold solve that runs its whole Krylov dimension
  return t;
}



double millisecondsSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

}  // namespace

class RunRetirementTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void destructorReturnsAtOnceMidMeasurement() {
    std::atomic<int> callbacks{0};
    auto s = std::make_unique<TrainingRun>(wideSpiral(), [&](SnapshotPtr) { ++callbacks; });
    s->setCurvatureTracking(everyStep());
    s->play();
    // The worker is inside step 0's Lanczos solve: products of a million parameters.
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    QCOMPARE(s->latest()->step, 0L);
    const int before = callbacks.load();
    const auto start = Clock::now();
    s.reset();
    const double ms = millisecondsSince(start);
    qInfo("destructor returned in %.2f ms", ms);
    QVERIFY2(ms < 100.0 * test::kTimeScale, qPrintable(QString("took %1 ms").arg(ms)));
    // The worker stops within one product (well under a second here) and calls back no more.
    QTRY_COMPARE_WITH_TIMEOUT(retiredThreadsRunning(), std::size_t(0), 10000 * test::kTimeScale);
    QCOMPARE(callbacks.load(), before);
  }

  void replacingALargeRunAgainAndAgainKeepsMemoryBounded() {
    if (test::kSanitized) QSKIP("the allocator of an instrumented build keeps freed memory quarantined");
    auto cycle = [] {
      auto s = std::make_unique<TrainingRun>(wideSpiral(1536, 400));
      s->setCurvatureTracking(everyStep());
      s->play();
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      const auto start = Clock::now();
      s.reset();
      return millisecondsSince(start);
    };
    cycle();
    joinRetiredThreads();
    malloc_trim(0);
    const double start = test::allocatedMegabytes(), residentStart = test::residentMegabytes();
    double worst = 0.0;
    for (int i = 0; i < 50; ++i) worst = std::max(worst, cycle());
    joinRetiredThreads();
    malloc_trim(0);
    const double end = test::allocatedMegabytes();
    qInfo("50 replacements: slowest destructor %.2f ms; allocated %.0f MB before, %.0f MB after (resident %.0f, "
          "%.0f MB)", worst, start, end, residentStart, test::residentMegabytes());
    QVERIFY2(worst < 100.0, qPrintable(QString("a destructor took %1 ms").arg(worst)));
    QVERIFY2(end - start < 20.0, qPrintable(QString("%1 MB -> %2 MB").arg(start).arg(end)));
  }

  void krylovBasisIsBoundedByMemory() {
    QCOMPARE(CurvatureTracker::krylovSteps(1000), 80);
    const Index huge = 16'801'794;  // 2 -> 4096 -> 4096 -> 2
    const int steps = CurvatureTracker::krylovSteps(huge);
    QVERIFY(steps >= 4 && steps < 80);
    QVERIFY(double(steps) * huge * 8.0 <= std::max(CurvatureTracker::kKrylovBytes, 4.0 * huge * 8.0));
  }

  void costEstimateSaysWhenARunIsSlow() {
    Architecture small = Architecture::mlp({2, 16, 16, 2}, Activation::Tanh);
    Architecture huge = Architecture::mlp({2, 4096, 4096, 2}, Activation::Tanh);
    const RunCost a = estimateRunCost(small, 200, 200, everyStep());
    const RunCost b = estimateRunCost(huge, 200, 200, everyStep());
    QCOMPARE(b.parameters, huge.parameterCount());
    QVERIFY(!a.slow());
    QVERIFY(b.slow());
    QVERIFY(b.bytes > 16.0 * double(b.parameters) * 8.0);  // at least the 16 checkpoints kept
    // Linear in the samples a step uses.
    const RunCost twice = estimateRunCost(huge, 400, 200, everyStep());
    LOSSLAB_COMPARE_NEAR(twice.secondsPerStep / b.secondsPerStep, 2.0, 1e-9);
  }

  void costEstimateIsWithinAFactorOfAMeasuredStep() {
    if (test::kSanitized) QSKIP("instrumented code runs at another speed than the estimate's");
    const ExperimentConfig c = wideSpiral(512);
    TrainingRun s(c);
    s.step(1);  // warm up: first-touch of buffers
    s.waitIdle();
    const auto start = Clock::now();
    s.step(10);
    s.waitIdle();
    const double measured = millisecondsSince(start) / 1000.0 / 10.0;
    const RunCost cost = estimateRunCost(s.latest()->network, 2000, 2000, CurvatureTracking{});
    qInfo("a step of 2-512-512-2 on 2000 samples: %.1f ms measured, %.1f ms estimated", measured * 1e3,
          cost.secondsPerStep * 1e3);
    QVERIFY(cost.secondsPerStep < 10.0 * measured && cost.secondsPerStep > measured / 10.0);
  }
};

QTEST_GUILESS_MAIN(RunRetirementTest)
#include "test_run_retirement.moc"
