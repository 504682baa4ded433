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
// Issue #17: a CNN on the digits as images and a transformer on tokens sweep as an MLP does (each
// small, so that the sweep takes a moment).
const char* const kLayerSweeps[] = {
    R"({"format": "losslab-sweep/1", "steps": 10, "seeds": [0], "track": {"log_every": 5, "sharpness_every": 5},
        "axes": [{"path": "optimizer.lr", "values": [0.003, 0.01]}],
        "base": {"data": {"kind": "digits", "shape": [1, 8, 8], "train_fraction": 0.2},
                 "model": {"kind": "network", "layers": [
                   {"kind": "conv2d", "out_channels": 4, "kernel": 3, "padding": 1}, {"kind": "activation", "fn": "relu"},
                   {"kind": "maxpool2d", "kernel": 2}, {"kind": "flatten"}, {"kind": "linear"}]},
                 "optimizer": {"kind": "adam", "lr": 0.01}}})",
    R"({"format": "losslab-sweep/1", "steps": 10, "seeds": [0], "track": {"log_every": 5, "collapse_every": 5},
        "axes": [{"path": "optimizer.weight_decay", "values": [0, 1]}],
        "base": {"data": {"kind": "modular", "p": 7, "op": "add", "encoding": "tokens", "train_fraction": 0.5},
                 "model": {"kind": "network", "layers": [
                   {"kind": "embedding", "dim": 16}, {"kind": "positional"},
                   {"kind": "residual", "body": [{"kind": "attention", "heads": 2, "causal": true}]},
                   {"kind": "select", "position": -1}, {"kind": "linear"}]},
                 "optimizer": {"kind": "adamw", "lr": 0.01}}})"};
}  // namespace

class SweepWindowTest : public QObject {
  Q_OBJECT
  QTemporaryDir tmp;

 private Q_SLOTS:
  void startsFromAPreset() {
    SweepWindow w;
    QCOMPARE(w.presetPaths().size(), 3);
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

  void sweepsACnnAndATransformer() {
    for (const char* sweep : kLayerSweeps) {
      SweepWindow w;
      w.setSweepText(sweep);
      const QString out = tmp.filePath(QString("layers-%1").arg(sweep == kLayerSweeps[0] ? "cnn" : "transformer"));
      w.setOutputDirectory(out);
      QSignalSpy finished(&w, &SweepWindow::sweepFinished);
      QVERIFY2(w.start(), qPrintable(w.statusText()));
      QVERIFY(finished.wait(60000 * test::kTimeScale));
      QCOMPARE(finished[0][0].toBool(), true);
      QCOMPARE(w.resultsView()->results().size(), 2L);
      QVERIFY2(w.statusText().startsWith("Finished: 2 runs"), qPrintable(w.statusText()));
      for (int i = 0; i < 2; ++i) {  // each run trained the layer list it was given, to a finite loss
        const QString run = w.runDirectory(i, 0, 0);
        const std::string config = readTextFile((run + "/config.json").toStdString());
        QVERIFY2(config.find(sweep == kLayerSweeps[0] ? "conv2d" : "attention") != std::string::npos, config.c_str());
        const QStringList lines = QString::fromStdString(readTextFile((run + "/metrics.csv").toStdString())).trimmed().split('\n');
        QCOMPARE(lines.size(), 4);  // the header, steps 0, 5 and 10
        QVERIFY2(!lines.last().contains("nan") && !lines.last().contains("inf"), qPrintable(lines.last()));
      }
    }
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
