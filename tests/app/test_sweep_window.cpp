// The sweep window as a user drives it: a preset to start from, a sweep run off the GUI thread
// with its progress bar and views filling in, a click that selects a run to open, cancel and
// resume, results opened from disk, and the figure exported with its data.
#include <QtTest>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>

#include "dialog_answer.hpp"
#include "figures/figure_export_dialog.hpp"
#include "fixtures.hpp"
#include "fuzzy_compare.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/widgets/sweep_heatmap_view.hpp"
#include "sanitized.hpp"
#include "sweeps/sweep_editor.hpp"
#include "sweeps/sweep_results_view.hpp"
#include "sweeps/sweep_window.hpp"

using namespace losslab;

namespace {
QString fixtureText(const char* name) {
  return QString::fromStdString(readTextFile(test::fixture(std::string("sweeps/") + name)));
}
// The tiny sweep with its base experiment inline (the fixture names it by a relative path).
QString tinySweep() {
  QString text = fixtureText("tiny_lr_wd.json");
  const QString base = QString::fromStdString(readTextFile(test::fixture("experiments/tiny_spiral.json")));
  return text.replace("\"../experiments/tiny_spiral.json\"", base);
}
}  // namespace

class SweepWindowTest : public QObject {
  Q_OBJECT
  QTemporaryDir tmp;

 private Q_SLOTS:
  void startsFromAPreset() {
    SweepWindow w;
    QCOMPARE(w.presetPaths().size(), 2);
    QVERIFY(w.editor()->verdict().contains("runs:"));
    QVERIFY(w.outputDirectory().contains("LossLab sweeps"));
  }

  void runsASweepAndShowsEveryRun() {
    SweepWindow w;
    w.setSweepText(tinySweep());
    w.setOutputDirectory(tmp.filePath("tiny"));
    QSignalSpy finished(&w, &SweepWindow::sweepFinished);
    QVERIFY(w.start());
    QVERIFY(w.isRunning());
    QVERIFY(finished.wait(60000 * test::kTimeScale));
    QCOMPARE(finished[0][0].toBool(), true);
    QCOMPARE(w.progressBar()->value(), 12);
    QCOMPARE(w.resultsView()->results().size(), 12L);
    QVERIFY(w.statusText().startsWith("Finished: 12 runs"));
    w.resultsView()->refreshNow();
    const PhaseGrid& g = w.resultsView()->heatmapView()->grid();
    QCOMPARE(g.count(2, 1), 2);  // both seeds of every point

    QSignalSpy selected(&w, &SweepWindow::pointSelected);
    QSignalSpy open(&w, &SweepWindow::runOpenRequested);
    Q_EMIT w.resultsView()->heatmapView()->cellClicked(2, 1);
    QCOMPARE(selected.count(), 1);
    const QString dir = w.runDirectory(2, 1, 1);
    QVERIFY(dir.endsWith("/runs/run-0011"));
    for (QPushButton* b : w.findChildren<QPushButton*>())
      if (b->text() == "Open run") b->click();
    QCOMPARE(open.count(), 1);
    QVERIFY(open[0][0].toString().endsWith("/runs/run-0010/config.json"));  // seed index 0 chosen
    QVERIFY(QFileInfo::exists(open[0][1].toString()));
  }

  void aBadSweepDoesNotStartAndSaysWhy() {
    SweepWindow w;
    w.setSweepText(R"({"format": "losslab-sweep/1", "base": {}, "axes": [{"path": "optimizer.lr", "values": [-1]}]})");
    w.setOutputDirectory(tmp.filePath("never"));
    QVERIFY(!w.start());
    QVERIFY2(w.statusText().contains("axes[0].values[0]"), qPrintable(w.statusText()));
  }

  void cancelKeepsFinishedRunsAndResumeCompletesTheSweep() {
    SweepWindow w;
    w.setSweepText(fixtureText("slow_lr.json"));
    w.setOutputDirectory(tmp.filePath("slow"));
    QSignalSpy finished(&w, &SweepWindow::sweepFinished);
    QVERIFY(w.start());
    QTRY_VERIFY_WITH_TIMEOUT(w.resultsView()->results().size() >= 2, 60000 * test::kTimeScale);
    w.cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished[0][0].toBool(), false);
    QVERIFY(!w.isRunning());
    QVERIFY(w.statusText().startsWith("Cancelled"));
    QVERIFY(w.start(true));
    QVERIFY(finished.wait(60000 * test::kTimeScale));
    QCOMPARE(finished[1][0].toBool(), true);
    QCOMPARE(w.resultsView()->results().size(), 24L);
  }

  void opensASweepFolderAndExportsTheFigure() {
    SweepWindow w;
    QVERIFY(w.openResults(tmp.filePath("tiny")));
    QCOMPARE(w.resultsView()->results().size(), 12L);
    QVERIFY(w.resultsView()->showsHeatmap());
    QString error;
    QVERIFY(!w.openResults(tmp.filePath("nothing-here"), &error));
    QVERIFY(error.contains("no sweep.json"));
    w.resize(1400, 850);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QString stem = tmp.filePath("figure");
    QVERIFY2(w.resultsView()->exportFigure(stem, 150, &error), qPrintable(error));
    for (const char* ext : {".pdf", ".svg", ".png", ".csv", ".json"}) QVERIFY(QFileInfo(stem + ext).size() > 0);
    QVERIFY(QString::fromStdString(readTextFile((stem + ".svg").toStdString())).contains("<text"));
    QVERIFY(QString::fromStdString(readTextFile((stem + ".csv").toStdString())).startsWith("x,y,train_loss_mean,seeds"));
    LOSSLAB_COMPARE_NEAR(QImage(stem + ".png").dotsPerMeterX(), 150 / 0.0254, 1);  // 150 dpi, in whole dots per metre

    // The window's Export button asks in the export dialog of File → Export figure: the paper
    // style at 600 dpi, SVG and PNG only, here.
    const QString chosen = tmp.filePath("chosen");
    bool asked = false;
    testing::DialogAnswer answer([&](QWidget* modal) {
      auto* d = qobject_cast<FigureExportDialog*>(modal);
      if (!d) return;
      asked = true;
      d->formatBox(0)->setChecked(false);  // no PDF (the dialog remembers the last choices)
      d->formatBox(1)->setChecked(true);
      d->formatBox(2)->setChecked(true);
      d->widthBox()->setCurrentIndex(0);   // a journal column: the paper style
      d->dpiBox()->setCurrentIndex(2);     // 600 dpi
      d->setDestination(chosen);
      d->accept();
    });
    w.exportButton()->click();
    QVERIFY(asked);
    QVERIFY(!QFileInfo::exists(chosen + ".pdf"));
    for (const char* ext : {".svg", ".png", ".csv", ".json"}) QVERIFY2(QFileInfo(chosen + ext).size() > 0, ext);
    LOSSLAB_COMPARE_NEAR(QImage(chosen + ".png").dotsPerMeterX(), 600 / 0.0254, 1);
    QCOMPARE(readTextFile((chosen + ".csv").toStdString()), readTextFile((stem + ".csv").toStdString()));
  }
};

QTEST_MAIN(SweepWindowTest)
#include "test_sweep_window.moc"
