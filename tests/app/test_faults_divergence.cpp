// A run that diverges (learning rate 100) in the window: the run stops with "diverged at step k"
// in the status bar, every plot keeps finite axes (no NaN or infinite range from the last
// steps), and the user can lower the learning rate, reset and train again.
#include <QAction>
#include <QLabel>
#include <QtTest>
#include <cmath>

#include "control_key.hpp"
#include "losslab/widgets/log_slider.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "main_window_fixture.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
bool finiteRange(const QCPRange& r) { return std::isfinite(r.lower) && std::isfinite(r.upper) && r.lower <= r.upper; }

// Every axis of every plot in the window, named for the failure message.
QStringList badAxes(const QWidget& window) {
  QStringList bad;
  for (QCustomPlot* plot : window.findChildren<QCustomPlot*>())
    for (QCPAxis* axis : plot->axisRect() ? plot->axisRect()->axes() : QList<QCPAxis*>())
      if (!finiteRange(axis->range()))
        bad << QStringLiteral("%1 %2 [%3, %4]")
                   .arg(plot->objectName(), axis->label())
                   .arg(axis->range().lower)
                   .arg(axis->range().upper);
  return bad;
}
}  // namespace

class FaultsDivergenceTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { clearSettings(); }

  void learningRate100Diverges_data() {
    QTest::addColumn<QString>("preset");
    // (The spiral's and the logistic regression's cross-entropy stays finite at lr 100: the
    // engine calls a run diverged when its loss or parameters stop being finite numbers.)
    QTest::newRow("quadratic") << QString(":/presets/progressive-sharpening-quadratic.json");
    QTest::newRow("output scale") << QString(":/presets/lazy-vs-rich-output-scale.json");
    QTest::newRow("digits") << QString(":/presets/hessian-bulk-outliers-digits.json");
  }

  void learningRate100Diverges() {
    QFETCH(QString, preset);
    ExperimentConfig config = loadExperimentFile(preset);
    config.optimizer.lr = 100.0;
    MainWindow w(config);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(waitFor(w, [](const Snapshot& s) { return pausedAt(s, 0); }));
    w.play();
    const SnapshotPtr diverged = waitFor(w, [](const Snapshot& s) { return s.state == RunStatus::Diverged; }, 20000);
    QVERIFY2(diverged, "lr 100 did not diverge");
    QVERIFY(diverged->divergedAtStep >= 0);
    QCOMPARE(diverged->step, diverged->divergedAtStep);  // the last finite parameters are kept
    QVERIFY(diverged->parameters.allFinite());
    QTRY_COMPARE(w.runStatus()->stateLabel()->text(), QStringLiteral("diverged at step %1").arg(diverged->divergedAtStep));
    QTRY_VERIFY(!w.bridge()->isPlaying());
    QCOMPARE(w.actions()->playPause->text(), QString("Play"));

    // Every view, shown once, keeps finite axes.
    for (MainWindow::View v : {MainWindow::View::Training, MainWindow::View::Sharpness, MainWindow::View::Spectrum,
                               MainWindow::View::Landscape, MainWindow::View::Collapse}) {
      w.showView(v);
      QTest::qWait(80);  // the views redraw through their throttles, which say nothing when done
      const QStringList bad = badAxes(w);
      QVERIFY2(bad.isEmpty(), qPrintable(MainWindow::viewName(v) + ": " + bad.join("; ")));
    }

    // Lower the learning rate and reset: the same run again, now training.
    w.showView(MainWindow::View::Training);
    control<LogSlider>(w, "optimizer.lr")->setValue(config.model.kind == "quadratic" ? 1e-3 : 0.01);
    w.actions()->reset->trigger();
    QVERIFY(waitFor(w, [](const Snapshot& s) { return s.step == 0 && s.state != RunStatus::Diverged; }, 10000));
    w.bridge()->step(30);
    const SnapshotPtr trained = waitFor(w, [](const Snapshot& s) { return s.step >= 30 && s.state == RunStatus::Paused; }, 20000);
    QVERIFY2(trained, qPrintable(w.runStatus()->stateLabel()->text()));
    QVERIFY(trained->divergedAtStep < 0);
    QVERIFY(w.runStatus()->stateLabel()->text() != QStringLiteral("diverged at step %1").arg(diverged->divergedAtStep));
    QVERIFY(badAxes(w).isEmpty());
  }
};

QTEST_MAIN(FaultsDivergenceTest)
#include "test_faults_divergence.moc"
