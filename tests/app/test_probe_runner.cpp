// Curvature probes run off the GUI thread: progress and the result arrive on the GUI thread, a
// cancel returns at once and nothing of the cancelled probe is applied, and the window's
// spectrum is the engine's (top eigenvalue = extremeEigenpairs on the same snapshot).
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <thread>

#include <Eigen/Eigenvalues>

#include "fuzzy_compare.hpp"
#include "losslab/curvature/top_eigenpairs.hpp"
#include "losslab/model/quadratic_model.hpp"
#include "losslab/run/training_run.hpp"
#include "probe_settled.hpp"
#include "runs/probe_runner.hpp"

using namespace losslab;

namespace {
// A paused run after `steps` steps of GD on a small spiral, as the window would hold it.
SnapshotPtr trainedSnapshot(std::vector<int> hidden, long steps = 20) {
  ExperimentConfig c;
  c.data.kind = "spiral";
  c.data.n = 200;
  c.model.hidden = std::move(hidden);
  c.optimizer.lr = 0.1;
  TrainingRun run(c);
  run.step(steps);
  run.waitIdle();
  return run.latest();
}

// A probe that reports progress and waits for its stop token, as a long computation does.
SpectrumResult untilStopped(const TaskControl& control, std::atomic<bool>& started) {
  started = true;
  for (int i = 0;; ++i) {
    control.checkStop();
    control.report(std::min(0.99, i / 1000.0));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}
}  // namespace

class ProbeRunnerTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void runsOffTheGuiThreadAndReportsProgressOnIt() {
    ProbeRunner runner;
    QSignalSpy finished(&runner, &ProbeRunner::finished);
    std::atomic<std::thread::id> ranOn;
    QThread* progressOn = nullptr;
    QList<double> fractions;
    connect(&runner, &ProbeRunner::progressed, this, [&](double f) {
      progressOn = QThread::currentThread();
      fractions << f;
    });
    runner.run([&](const TaskControl& control) {
      ranOn = std::this_thread::get_id();
      for (int i = 1; i <= 4; ++i) {
        control.report(i / 4.0);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      SpectrumResult r;
      r.step = 7;
      return r;
    });
    QVERIFY(runner.isRunning());
    QVERIFY(finished.wait(5000));
    QVERIFY(ranOn.load() != std::this_thread::get_id());
    QCOMPARE(progressOn, QThread::currentThread());
    QVERIFY(!fractions.isEmpty());
    QCOMPARE(fractions.back(), 1.0);
    QCOMPARE(finished.first().first().value<SpectrumResultPtr>()->step, 7L);
    QVERIFY(!runner.isRunning());
  }

  void theTopEigenvalueIsTheEnginesOnTheSameSnapshot() {
    const SnapshotPtr snapshot = trainedSnapshot({8, 8});
    SpectrumRequest request;
    request.k = 3;
    request.tolerance = 1e-10;
    request.gaussNewton = true;
    ProbeRunner runner;
    QSignalSpy finished(&runner, &ProbeRunner::finished);
    QSignalSpy progressed(&runner, &ProbeRunner::progressed);
    runner.runSpectrum(snapshot, request);
    QVERIFY(finished.wait(20000));
    QVERIFY(progressed.count() >= 1);
    const auto result = finished.first().first().value<SpectrumResultPtr>();
    QCOMPARE(result->step, 20L);
    QCOMPARE(result->spectra.size(), size_t(2));
    const OperatorSpectrum& h = result->spectra[0];
    QVERIFY(h.kind == CurvatureKind::Hessian);
    QCOMPARE(h.top.size(), Index(3));

    CurvatureOperator op(snapshot->network, snapshot->config.loss, snapshot->parameters,
                         trainingSamples(*snapshot, 0));
    EigenOptions o;
    o.k = 3;
    o.tolerance = 1e-10;
    const Eigenpairs engine = extremeEigenpairs(op, o);
    LOSSLAB_COMPARE_WITHIN(h.top[0], engine.values[0], 1e-8 * std::abs(engine.values[0]));
    // Small model: the exact spectrum came along, and agrees too.
    QCOMPARE(h.exact.size(), snapshot->parameters.size());
    LOSSLAB_COMPARE_WITHIN(h.exact.maxCoeff(), engine.values[0], 1e-8 * std::abs(engine.values[0]));
    QVERIFY(result->spectra[1].kind == CurvatureKind::GaussNewton);
    QVERIFY(result->spectra[1].exact.minCoeff() > -1e-10);  // G is positive semi-definite
  }

  void theQuadraticModelHasItsOwnHessian() {
    ExperimentConfig c;
    c.model.kind = "quadratic";
    c.model.params = 30;
    c.model.residuals = 12;
    c.loss = LossKind::Mse;
    c.optimizer.lr = 0.5;
    TrainingRun run(c);
    run.step(10);
    run.waitIdle();
    const SnapshotPtr snapshot = run.latest();
    SpectrumRequest request;
    request.k = 2;
    request.tolerance = 1e-10;
    request.gaussNewton = true;
    const SpectrumResult r = spectrumOf(*snapshot, request);
    const QuadraticModel model =
        QuadraticModel::random(30, 12, c.model.initScale, c.seed);
    const double exact = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(
                             model.hessian(snapshot->parameters)).eigenvalues().maxCoeff();
    LOSSLAB_COMPARE_WITHIN(r.spectra[0].top[0], exact, 1e-8 * std::abs(exact));
    QCOMPARE(r.spectra[0].exact.size(), Index(30));
    QCOMPARE(r.samples, Index(12));
    QVERIFY(r.spectra[1].exact.minCoeff() > -1e-10);  // G = JᵀJ/n
  }

  void cancelReturnsAtOnceAndNothingIsApplied() {
    ProbeRunner runner;
    QSignalSpy finished(&runner, &ProbeRunner::finished);
    QSignalSpy failed(&runner, &ProbeRunner::failed);
    QSignalSpy cancelled(&runner, &ProbeRunner::cancelled);
    QSignalSpy progressed(&runner, &ProbeRunner::progressed);
    // The real probe, made long: a wider network (no dense spectrum) and many SLQ runs.
    SpectrumRequest request;
    request.density.runs = 400;
    request.density.steps = 120;
    runner.runSpectrum(trainedSnapshot({48, 48}, 5), request);
    QVERIFY(progressed.wait(10000));
    QVERIFY(runner.isRunning());
    QElapsedTimer clock;
    clock.start();
    runner.cancel();
    QVERIFY2(clock.elapsed() < 50, qPrintable(QString::number(clock.elapsed())));  // no join
    QVERIFY(!runner.isRunning());
    QCOMPARE(cancelled.count(), 1);
    const int progressAtCancel = progressed.count();
    QVERIFY(testing::probeSettled(runner, 2000));  // the worker stopped too; its posts are in
    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(progressed.count(), progressAtCancel);  // no progress after the cancel either
  }

  void aNewProbeReplacesTheOneRunning() {
    ProbeRunner runner;
    QSignalSpy finished(&runner, &ProbeRunner::finished);
    QSignalSpy cancelled(&runner, &ProbeRunner::cancelled);
    std::atomic<bool> started{false};
    runner.run([&](const TaskControl& c) { return untilStopped(c, started); });
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 2000);
    runner.run([](const TaskControl&) {
      SpectrumResult r;
      r.step = 42;
      return r;
    });
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().value<SpectrumResultPtr>()->step, 42L);
    QCOMPARE(cancelled.count(), 0);  // replaced, not cancelled by the user
    QTRY_COMPARE_WITH_TIMEOUT(runner.activeThreads(), 0, 2000);
  }

  void aFailingProbeSaysWhy() {
    ProbeRunner runner;
    QSignalSpy failed(&runner, &ProbeRunner::failed);
    SpectrumRequest nothing;
    nothing.hessian = false;
    runner.runSpectrum(trainedSnapshot({4}, 1), nothing);
    QVERIFY(failed.wait(5000));
    QVERIFY(failed.first().first().toString().contains("Hessian"));
    QVERIFY(!runner.isRunning());
  }

  void destroyingTheRunnerStopsItsProbe() {
    std::atomic<bool> started{false};
    QElapsedTimer clock;
    {
      ProbeRunner runner;
      runner.run([&](const TaskControl& c) { return untilStopped(c, started); });
      QTRY_VERIFY_WITH_TIMEOUT(started.load(), 2000);
      clock.start();
    }
    QVERIFY(clock.elapsed() < 500);
  }
};

QTEST_MAIN(ProbeRunnerTest)
#include "test_probe_runner.moc"
