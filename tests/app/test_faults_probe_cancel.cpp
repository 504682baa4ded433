// Cancelling every kind of probe half-way through, in the window: the spectrum (top-k and
// density, then the dense matrix), the landscape grid and a sweep. After Cancel the controls say
// so and can start again, no worker thread is left running, nothing of the cancelled probe is
// shown, and the next probe runs to its end.
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "control_key.hpp"
#include "controls/curvature_controls.hpp"
#include "fixtures.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "main_window_fixture.hpp"
#include "probe_settled.hpp"
#include "runs/probe_runner.hpp"
#include "sanitized.hpp"
#include "sweeps/sweep_results_view.hpp"
#include "sweeps/sweep_window.hpp"
#include "tabs/landscape_controls.hpp"
#include "tabs/landscape_tab.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
// Digits through 24 hidden units: 1,810 parameters, under the window's dense limit (2,000), and
// 900 samples, so that every phase of a spectrum takes long enough to be caught half-way.
ExperimentConfig digitsNet() {
  ExperimentConfig c = loadExperimentFile(QStringLiteral(":/presets/hessian-bulk-outliers-digits.json"));
  c.model.hidden = {24};
  return c;
}

// Waits until the probe has reported at least `fraction` of its work.
bool reached(const ProbeRunner& runner, double fraction, int timeoutMs = 60000 * test::kTimeScale) {
  QSignalSpy progressed(&runner, &ProbeRunner::progressed);
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < timeoutMs) {
    for (const auto& args : progressed)
      if (args.first().toDouble() >= fraction) return true;
    if (!runner.isRunning()) return false;  // finished before we could cancel it
    progressed.wait(20);
  }
  return false;
}

QString sweepText(const char* name) {
  return QString::fromStdString(readTextFile(test::fixture(std::string("sweeps/") + name)));
}
}  // namespace

class FaultsProbeCancelTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { clearSettings(); }

  void theSpectrumCancelledDuringItsDenseMatrixCanStartAgain() {
    auto w = std::make_unique<MainWindow>(digitsNet());
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 0); }, 20000 * test::kTimeScale));
    CurvatureControls* panel = w->curvatureControls();
    // H only: top-k, density, dense — a third each.
    control<QComboBox>(*w, "spectrum.operator")->setCurrentIndex(0);
    panel->computeButton()->click();
    QVERIFY(reached(*w->probes(), 0.7));  // inside the dense matrix's columns
    panel->cancelButton()->click();
    QVERIFY(!w->probes()->isRunning());
    QVERIFY(panel->computeButton()->isEnabled());
    QVERIFY(!panel->cancelButton()->isEnabled());
    QVERIFY2(panel->statusLabel()->text().startsWith("Cancelled"), qPrintable(panel->statusLabel()->text()));
    QVERIFY(probeSettled(*w->probes()));
    QVERIFY(!w->spectrumView()->result());  // nothing of the cancelled probe arrived

    panel->computeButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(w->spectrumView()->result() != nullptr, 120000 * test::kTimeScale);
    const SpectrumResultPtr r = w->spectrumView()->result();
    QCOMPARE(r->spectra.front().exact.size(), Eigen::Index(r->parameters));  // the dense one too
    QVERIFY(probeSettled(*w->probes()));
  }

  void theLandscapeCancelledHalfWayCanStartAgain() {
    auto w = std::make_unique<MainWindow>(digitsNet());
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 0); }, 20000 * test::kTimeScale));
    w->showView(MainWindow::View::Landscape);
    LandscapeTab* tab = w->landscapeTab();
    control<QSpinBox>(*tab, "landscape.alpha.points")->setValue(201);
    control<QSpinBox>(*tab, "landscape.beta.points")->setValue(201);
    tab->compute();
    QVERIFY(reached(*tab->runner(), 0.3));
    tab->cancel();
    QCOMPARE(tab->job(), LandscapeTab::Job::None);
    QVERIFY(tab->controls()->computeButton()->isEnabled());
    QVERIFY(!tab->controls()->cancelButton()->isEnabled());
    QVERIFY(tab->controls()->statusLabel()->text().contains("Cancelled"));
    QVERIFY(probeSettled(*tab->runner()));
    QVERIFY(!tab->result());  // nothing of the cancelled map arrived

    control<QSpinBox>(*tab, "landscape.alpha.points")->setValue(11);
    control<QSpinBox>(*tab, "landscape.beta.points")->setValue(11);
    tab->compute();
    QTRY_VERIFY_WITH_TIMEOUT(tab->result() != nullptr, 60000 * test::kTimeScale);
    QCOMPARE(tab->job(), LandscapeTab::Job::None);
    QVERIFY(probeSettled(*tab->runner()));
  }

  void aSweepCancelledHalfWayLetsAnotherOneRun() {
    QTemporaryDir tmp;
    SweepWindow w;
    w.setSweepText(sweepText("slow_lr.json"));
    w.setOutputDirectory(tmp.filePath("slow"));
    QSignalSpy finished(&w, &SweepWindow::sweepFinished);
    QVERIFY(w.start());
    QTRY_VERIFY_WITH_TIMEOUT(w.resultsView()->results().size() >= 1, 60000 * test::kTimeScale);
    w.cancel();
    QVERIFY(!w.isRunning());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished[0][0].toBool(), false);
    QVERIFY(w.statusText().startsWith("Cancelled"));

    // Another sweep, elsewhere: it starts although the first one never finished.
    QString tiny = sweepText("tiny_lr_wd.json");
    tiny.replace("\"../experiments/tiny_spiral.json\"",
                 QString::fromStdString(readTextFile(test::fixture("experiments/tiny_spiral.json"))));
    w.setSweepText(tiny);
    w.setOutputDirectory(tmp.filePath("tiny"));
    QVERIFY2(w.start(), qPrintable(w.statusText()));
    QVERIFY(finished.wait(60000 * test::kTimeScale));
    QCOMPARE(finished[1][0].toBool(), true);
    QCOMPARE(w.resultsView()->results().size(), 12L);
  }
};

QTEST_MAIN(FaultsProbeCancelTest)
#include "test_faults_probe_cancel.moc"
