// Issue #21 in a teacher's hands: the edge-of-stability demo driven as in a lecture. A threshold
// is drawn only beside what it bounds and follows the rate in force (undo too); Compare proposes
// what teaches something; a divergence keeps the picture and says what to do; presets open with
// what they are about, paused, at their pace; bad input is refused where it is typed; words say
// what is true.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "control_key.hpp"
#include "controls/curvature_controls.hpp"
#include "controls/experiment_controls.hpp"
#include "document/preset_description.hpp"
#include "document/run_document.hpp"
#include "figures/figure_export_dialog.hpp"
#include "losslab/widgets/log_slider.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "main_window_fixture.hpp"
#include "losslab/config/mlp_shortcut.hpp"
#include "runs/compare_dialog.hpp"
#include "runs/run_comparison.hpp"
#include "runs/run_bridge.hpp"
#include "tabs/compared_landscapes.hpp"
#include "tabs/landscape_tab.hpp"
#include <QStatusBar>
#include <QTabWidget>

using namespace losslab;
using namespace losslab::testing;

namespace {

void openPreset(MainWindow& w, const QString& file) {
  QComboBox* presets = w.presetBox();
  const int i = presetIndex(*presets, file);
  QVERIFY(i > 0);
  presets->setCurrentIndex(i);
  Q_EMIT presets->activated(i);
}
}  // namespace

class TeacherDemoTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { clearSettings(); }

  void theEdgeOfStabilityPresetOpensMeasuringPausedAtItsPace() {
    auto w = openWindow();
    openPreset(*w, "edge-of-stability-digits.json");
    QCOMPARE(w->presetDescription()->title(), QString("The edge of stability"));
    QCOMPARE(w->bridge()->curvatureTracking().every, 10L);
    QCOMPARE(control<QSpinBox>(*w, "tracking.sharpness_every")->value(), 10);
    QVERIFY(w->currentView() == MainWindow::View::Sharpness);
    QCOMPARE(w->bridge()->pace(), 2L);
    QCOMPARE(w->paceBox()->currentData().toInt(), 2);
    QVERIFY(!w->bridge()->isPlaying());
    QVERIFY(w->sharpnessView()->xAxis->range().upper <= 3000.0);  // grows with the run, to the preset's range
    // Its names are for people.
    QVERIFY(presetIndex(*w->presetBox(), "perp-adamw-mod113.json") > 0);
    QCOMPARE(w->presetBox()->itemText(presetIndex(*w->presetBox(), "perp-adamw-mod113.json")),
             QString("The ⊥AdamW rescue"));
  }

  // A preset that compares from its start: the skip-connections preset opens with the network
  // without skips training beside it; an experiment whose change does not apply names it; a
  // view "side-by-side" opens the Landscape tab on the compared runs' maps.
  void aPresetStartsItsComparedRuns() {
    auto w = openWindow();
    QVERIFY(w->compareWith({ComparedSetting::Seed, "9"}));
    openPreset(*w, "skip-connections-landscape.json");
    QCOMPARE(w->comparison()->count(), 0);  // the window's go; the preset's start with its run
    QTRY_COMPARE_WITH_TIMEOUT(w->comparison()->count(), 1, 5000);
    QCOMPARE(w->comparison()->change(0).setting, ComparedSetting::Skips);
    QVERIFY(!hasSkips(w->comparison()->bridge(0)->config().model.layers));
    QVERIFY(hasSkips(w->bridge()->config().model.layers));
    ExperimentConfig c = w->bridge()->config();
    c.presentation.compare = {"lr=fast"};
    c.presentation.view = "side-by-side";
    w->presentExperiment(c);
    QCOMPARE(w->comparison()->count(), 0);
    QVERIFY(w->statusBar()->currentMessage().contains("presentation.compare[0]"));
    QVERIFY(w->currentView() == MainWindow::View::Landscape);
    QVERIFY(w->landscapeTab()->viewTabs()->currentWidget() == w->landscapeTab()->compared());
  }

  void theThresholdFollowsTheRestoredRateOnUndo() {
    auto w = openWindow();
    w->showView(MainWindow::View::Sharpness);
    control<QSpinBox>(*w, "tracking.sharpness_every")->setValue(1);
    w->bridge()->step(3);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 3); }));
    SharpnessView* view = w->sharpnessView();
    QTRY_COMPARE_WITH_TIMEOUT(view->thresholdLabel()->text(), QString("2/η = 20"), 2000);
    auto* rate = control<LogSlider>(*w, "optimizer.lr");
    rate->setValue(0.2);
    QTRY_COMPARE_WITH_TIMEOUT(view->thresholdLabel()->text(), QString("2/η = 10"), 2000);
    w->document()->undoStack()->undo();
    QCOMPARE(rate->value(), 0.1);
    QTRY_COMPARE_WITH_TIMEOUT(view->thresholdLabel()->text(), QString("2/η = 20"), 2000);
    w->bridge()->step(2);
    const SnapshotPtr s = waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 5); });
    QVERIFY(s);
    for (const MetricsRow& r : *s->history) QCOMPARE(r.sharpnessThreshold, 20.0);  // every row carries it
  }

  void switchingToAdamMeasuresWhatItsThresholdBounds() {
    auto w = openWindow();
    control<QSpinBox>(*w, "tracking.sharpness_every")->setValue(2);
    QVERIFY(!w->bridge()->curvatureTracking().preconditioned);
    auto* kind = control<QComboBox>(*w, "optimizer.kind");
    const int adam = kind->findData(QString("adam"));
    QVERIFY(adam >= 0);
    kind->setCurrentIndex(adam);
    Q_EMIT kind->activated(adam);
    QVERIFY(control<QCheckBox>(*w, "tracking.preconditioned")->isChecked());
    QVERIFY(w->bridge()->curvatureTracking().preconditioned);
    // At η = 0.1, Adam would diverge: the window says which rates Adam takes.
    QVERIFY2(w->runStatus()->currentMessage().contains("0.001"), qPrintable(w->runStatus()->currentMessage()));
  }

  void compareProposesHalfAndDoubleTheRate() {
    ExperimentConfig base = loadExperimentFile(defaultPresetPath());
    base.optimizer.lr = 0.251;
    CompareDialog dialog(base);
    QCOMPARE(dialog.change().setting, ComparedSetting::LearningRate);
    QCOMPARE(dialog.valueBox()->currentText(), QString("0.1255"));
    QVERIFY(dialog.valueBox()->findText("0.502") >= 0);
    dialog.settingBox()->setCurrentIndex(dialog.settingBox()->findData(int(ComparedSetting::Optimizer)));
    dialog.valueBox()->setCurrentIndex(dialog.valueBox()->findText("adam"));
    QVERIFY2(dialog.message()->text().contains("likely to diverge"), qPrintable(dialog.message()->text()));
  }

  void aDivergenceKeepsThePictureAndSaysWhatToDo() {
    // MSE blows up at lr 100 (the spiral's cross-entropy stays finite: test_faults_divergence).
    ExperimentConfig c = loadExperimentFile(QStringLiteral(":/presets/hessian-bulk-outliers-digits.json"));
    c.optimizer.lr = 100.0;
    c.presentation = {};
    auto w = std::make_unique<MainWindow>(c);
    w->sessionFiles()->setClosePrompt([](const QString&) { return QMessageBox::Discard; });
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    w->play();
    const SnapshotPtr s = waitFor(*w, [](const Snapshot& s) { return s.state == RunStatus::Diverged; }, 20000);
    QVERIFY(s);
    LossCurveView* curve = w->lossCurve();
    curve->flushRedraw();
    double first = s->history->front().trainLoss;
    QVERIFY2(curve->yAxis->range().upper < 100.0 * first,
             qPrintable(QString("y axis to %1 for a first loss of %2").arg(curve->yAxis->range().upper).arg(first)));
    QVERIFY(curve->divergenceLabel()->visible());
    w->actions()->playPause->trigger();
    QVERIFY(!w->bridge()->isPlaying());
    QVERIFY2(w->runStatus()->currentMessage().contains("Diverged") &&
                 w->runStatus()->currentMessage().contains("Reset"),
             qPrintable(w->runStatus()->currentMessage()));
  }

  void theSeedBoxRefusesTextThatIsNotASeed() {
    auto w = openWindow();
    w->bridge()->step(5);
    QVERIFY(waitFor(*w, [](const Snapshot& s) { return pausedAt(s, 5); }));
    auto* seed = control<QSpinBox>(*w, "seed");  // the box beside "New seed"
    const int before = seed->value();
    // The window restarts a run only for a document edit, which the key itself would make.
    QSignalSpy edits(w->document(), &RunDocument::changed);
    seed->setFocus();
    seed->selectAll();
    QTest::keyClicks(seed, "abc-1e9xyz");
    QTest::keyClick(seed, Qt::Key_Return);
    QCOMPARE(seed->value(), before);
    QCOMPARE(w->document()->config().seed, std::uint64_t(before));
    QCOMPARE(edits.count(), 0);  // so no restart is pending
    QCOMPARE(w->bridge()->latest()->step, 5L);  // the run was not restarted
    seed->selectAll();
    QTest::keyClicks(seed, "42");
    QTest::keyClick(seed, Qt::Key_Return);
    QCOMPARE(w->document()->config().seed, std::uint64_t(42));
  }

  void theRateCanBeTyped() {
    auto w = openWindow();
    auto* lr = control<LogSlider>(*w, "optimizer.lr");
    lr->valueField()->setText("0.217");
    Q_EMIT lr->valueField()->editingFinished();
    QCOMPARE(w->document()->config().optimizer.lr, 0.217);
  }

  void wordsSayWhatIsTrue() {
    auto w = openWindow();
    // The quadratic model's network summary is its own, not the spiral's.
    openPreset(*w, "progressive-sharpening-quadratic.json");
    QTRY_VERIFY_WITH_TIMEOUT(w->controls()->networkLabel()->text().startsWith("Quadratic model, 60 parameters"), 5000);
    // A spectrum computed while paused does not say training goes on.
    openPreset(*w, "hessian-bulk-outliers-digits.json");
    QTRY_VERIFY_WITH_TIMEOUT(w->bridge()->latest() && w->bridge()->latest()->config.data.kind == "digits", 10000);
    w->curvatureControls()->computeButton()->click();
    QVERIFY(w->spectrumView()->summaryLabel()->text().contains("Computing the spectrum"));
    QVERIFY(!w->spectrumView()->summaryLabel()->text().contains("Training goes on"));
  }

  void exportNamesAreNotSaidTwice() {
    std::vector<Figure> figures(3);
    figures[0].name = "landscape-map";
    figures[1].name = "landscape-slice";
    figures[2].name = "landscape-surface";
    QCOMPARE(commonStem(figures), QString("landscape"));
    figures.resize(1);
    QCOMPARE(commonStem(figures), QString("landscape-map"));
  }

  void aJsonFileThatIsNoExperimentOpensTheDefaultPreset() {
    const QString binary = qEnvironmentVariable("LOSSLAB_APP");
    if (binary.isEmpty()) QSKIP("needs the losslab binary (LOSSLAB_APP)");
    QTemporaryDir dir;
    QFile f(dir.filePath("package.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"name": "x", "dependencies": {}})");
    f.close();
    const QProcessEnvironment env = appEnvironment(dir.path());
    QProcess run;
    run.setProcessEnvironment(env);
    run.start(binary, {f.fileName(), "--steps", "2", "--screenshot", dir.filePath("shot.png")});
    QVERIFY(run.waitForFinished(60000));
    const QString err = QString::fromUtf8(run.readAllStandardError());
    QCOMPARE(run.exitCode(), 0);
    QVERIFY2(err.contains("not a LossLab experiment (no \"format\" key") && err.contains("default preset"), qPrintable(err));
    QVERIFY(QFile::exists(dir.filePath("shot.png")));
  }
};

QTEST_MAIN(TeacherDemoTest)
#include "test_teacher_demo.moc"
