// A session opened in the window gives back what the run measures and what it is compared with:
// the curvature controls and the collapse tab show the saved run's tracking (and the run goes on
// measuring that), and each compared run comes back under its name, trained again to the saved
// step with the same curves it had.
#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "control_key.hpp"
#include "controls/curvature_controls.hpp"
#include "runs/forked_runs.hpp"
#include "runs/run_comparison.hpp"
#include "session_window_support.hpp"
#include "tabs/collapse_tab.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
constexpr long kSaved = 30;

bool comparedAt(const MainWindow& w, int run, long step) {
  const RunBridge* b = w.comparison()->bridge(run);
  return b && b->latest() && pausedAt(*b->latest(), step);
}
}  // namespace

class SessionRestoresControlsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { clearSettings(); }

  void theTrackingAndTheComparedRunsComeBack() {
    QTemporaryDir dir;
    auto a = openWindow();
    QVERIFY(a);
    control<QSpinBox>(*a, "tracking.sharpness_every")->setValue(7);
    control<QCheckBox>(*a, "tracking.trace")->setChecked(true);
    auto* toleranceBox = control<QComboBox>(*a, "tracking.tolerance");
    const int tolerance = toleranceBox->findData(1e-4);
    toleranceBox->setCurrentIndex(tolerance);
    Q_EMIT toleranceBox->activated(tolerance);  // as a user's choice reports it
    auto* collapseEvery = control<QComboBox>(*a, "tracking.collapse_every");
    collapseEvery->setCurrentIndex(collapseEvery->findData(4));
    control<QComboBox>(*a, "collapse.order")->setCurrentIndex(1);  // small terms first
    const double lr = 2.0 * a->bridge()->config().optimizer.lr;
    QVERIFY(a->compareWith({ComparedSetting::LearningRate, QString::number(lr)}));
    a->bridge()->step(kSaved);
    QTRY_VERIFY_WITH_TIMEOUT(waitFor(*a, [](const Snapshot& s) { return pausedAt(s, kSaved); }, 100)
                                 && comparedAt(*a, 0, kSaved), 30000);
    const QString path = dir.filePath("compared.losslab");
    QVERIFY(saveAndWait(*a, path));

    auto b = openWindow();  // its panels at their defaults: nothing tracked, 16 steps
    QVERIFY(b);
    QCOMPARE(control<QSpinBox>(*b, "tracking.sharpness_every")->value(), 0);
    QString error;
    QVERIFY2(b->sessionFiles()->open(path, &error), qPrintable(error));
    QVERIFY(waitFor(*b, [](const Snapshot& s) { return pausedAt(s, kSaved); }, 20000));

    QCOMPARE(control<QSpinBox>(*b, "tracking.sharpness_every")->value(), 7);
    const auto* trace = control<QCheckBox>(*b, "tracking.trace");
    QVERIFY(trace->isChecked() && trace->isEnabled());
    QCOMPARE(control<QComboBox>(*b, "tracking.tolerance")->currentData().toDouble(), 1e-4);
    // What the run does.
    QCOMPARE(b->curvatureControls()->tracking().every, b->bridge()->curvatureTracking().every);
    QCOMPARE(control<QComboBox>(*b, "tracking.collapse_every")->currentData().toInt(), 4);
    QCOMPARE(control<QComboBox>(*b, "collapse.order")->currentIndex(), 1);
    QVERIFY(b->collapseTab()->collapseTracking().every == b->bridge()->collapseTracking().every
            && b->collapseTab()->collapseTracking().order == b->bridge()->collapseTracking().order);

    QCOMPARE(b->comparison()->count(), 1);
    QCOMPARE(b->comparison()->name(0), a->comparison()->name(0));
    QTRY_VERIFY_WITH_TIMEOUT(comparedAt(*b, 0, kSaved), 30000);
    QCOMPARE(historyText(*b->comparison()->bridge(0)->latest()), historyText(*a->comparison()->bridge(0)->latest()));

    // Both go on as one: the restored run and its compared run take the next steps together.
    b->bridge()->step(6);  // rows lag the step by one: step 36 has logged step 35
    QTRY_VERIFY_WITH_TIMEOUT(waitFor(*b, [](const Snapshot& s) { return pausedAt(s, kSaved + 6); }, 100)
                                 && comparedAt(*b, 0, kSaved + 6), 30000);
    for (const RunBridge* run : {b->bridge(), b->comparison()->bridge(0)}) {
      const MetricsRow& row = run->latest()->history->back();
      QCOMPARE(row.step, 35L);
      QVERIFY(std::isfinite(row.sharpness) && std::isfinite(row.trace));  // measured, trace too
    }
  }

  // A value that no longer reads is refused with the key named; the window's run goes on.
  void aComparisonThatDoesNotReadIsRefused() {
    QTemporaryDir dir;
    auto a = openWindow();
    QVERIFY(a);
    a->bridge()->step(5);
    QVERIFY(waitFor(*a, [](const Snapshot& s) { return pausedAt(s, 5); }, 20000));
    const QString path = dir.filePath("run.losslab");
    QVERIFY(saveAndWait(*a, path));
    SessionFile file = readSessionFile(path.toStdString());
    file.window["compared"] = {"learning_speed=3"};
    writeSessionFile(path.toStdString(), file);

    auto b = openWindow();
    QVERIFY(b);
    QString error;
    QVERIFY(!b->sessionFiles()->open(path, &error));
    QVERIFY2(error.contains("window.compared") && error.contains("learning_speed"), qPrintable(error));
    QCOMPARE(b->comparison()->count(), 0);
  }
};

QTEST_MAIN(SessionRestoresControlsTest)
#include "test_session_restores_controls.moc"
