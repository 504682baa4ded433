// The first window: it shows, drives a real training run through its controls and keyboard,
// and its curve and status bar follow the run.
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSlider>
#include <QToolBar>
#include <QtTest>

#include "control_panel.hpp"
#include "experiment_file.hpp"
#include "losslab/widgets/log_slider.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "main_window.hpp"
#include "session_bridge.hpp"

using namespace losslab;

namespace {
template <class Pred>
SnapshotPtr waitFor(const MainWindow& w, Pred ok, int timeoutMs = 5000) {
  const SessionBridge& b = *w.bridge();
  const bool found = QTest::qWaitFor([&] { return b.latest() && ok(*b.latest()); }, timeoutMs);
  return found ? b.latest() : nullptr;
}
bool pausedAt(const Snapshot& s, long step) {
  return s.state == RunState::Paused && s.step == step;
}
}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() {
    window_ = std::make_unique<MainWindow>(loadExperimentFile(defaultPresetPath()));
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
  }
  void cleanup() { window_.reset(); }

  void showsTheDefaultPresetPausedAtStepZero() {
    QCOMPARE(window_->windowTitle(), QString("LossLab"));
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 0); }));
    ControlPanel* c = window_->controls();
    QCOMPARE(c->dataKindBox()->currentData().toString(), QString("spiral"));
    QCOMPARE(c->widthSlider()->value(), 16);
    QCOMPARE(c->learningRateSlider()->value(), 0.1);
    QCOMPARE(window_->runStatus()->stateLabel()->text(), QString("paused"));
    QVERIFY(c->networkLabel()->text().startsWith(QString("2 → 16 → 16 → 2")));
    for (QWidget* control : {static_cast<QWidget*>(c->dataKindBox()),
                             static_cast<QWidget*>(c->widthSlider()),
                             static_cast<QWidget*>(c->learningRateSlider())})
      QVERIFY(!control->toolTip().isEmpty());
  }

  void playMovesTheCurveAtABoundedFrameRate() {
    window_->play();
    QCOMPARE(window_->playPauseAction()->text(), QString("Pause"));
    const int before = window_->lossCurve()->redrawCount();
    QTest::qWait(1000);
    const SnapshotPtr s = window_->bridge()->latest();
    QVERIFY(s->state == RunState::Running);
    QVERIFY(s->step > 100);
    QVERIFY(window_->lossCurve()->trainGraph()->dataCount() > 10);
    const int redraws = window_->lossCurve()->redrawCount() - before;
    QVERIFY2(redraws >= 5 && redraws <= 40, qPrintable(QString::number(redraws)));
    QCOMPARE(window_->runStatus()->stateLabel()->text(), QString("running"));
  }

  void keyboardPlaysPausesStepsAndResets() {
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 0); }));
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    QTest::keyClick(window_.get(), Qt::Key_S);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 1); }));
    QTest::keyClick(window_.get(), Qt::Key_Right);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 2); }));
    const double firstLoss = window_->bridge()->latest()->history->front().trainLoss;

    QTest::keyClick(window_.get(), Qt::Key_Space);
    QVERIFY(window_->bridge()->isPlaying());
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return s.step > 50; }));
    QTest::keyClick(window_.get(), Qt::Key_Space);
    QVERIFY(!window_->bridge()->isPlaying());
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return s.state == RunState::Paused; }));

    QTest::keyClick(window_.get(), Qt::Key_R);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 0); }));
    window_->stepAction()->trigger();
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 1); });
    QVERIFY(s);
    QCOMPARE(s->history->front().trainLoss, firstLoss);  // the same run again
  }

  void learningRateSliderChangesTheRateOfTheNextStep() {
    window_->stepAction()->trigger();
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 1); }));
    LogSlider* rate = window_->controls()->learningRateSlider();
    rate->slider()->setValue(rate->slider()->value() - 50);  // half a decade down
    QCOMPARE(rate->value(), 0.0316);
    window_->stepAction()->trigger();
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 2); });
    QVERIFY(s);
    QCOMPARE(s->config.optimizer.lr, 0.0316);
    QCOMPARE(s->history->front().lr, 0.1);
    QCOMPARE(s->history->back().lr, 0.0316);
  }

  void aFocusedSliderKeepsItsArrowKeys() {
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 0); }));
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    QSlider* rate = window_->controls()->learningRateSlider()->slider();
    rate->setFocus();
    const int before = rate->value();
    QTest::keyClick(rate, Qt::Key_Right);
    QCOMPARE(rate->value(), before + rate->singleStep());
    QTest::qWait(100);
    QCOMPARE(window_->bridge()->latest()->step, 0L);  // no step taken
    QTest::keyClick(rate, Qt::Key_S);  // other shortcuts still work
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 1); }));
  }

  void dataSetAndWidthRestartTheRun() {
    window_->play();
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return s.step > 100; }));
    QComboBox* kind = window_->controls()->dataKindBox();
    kind->setFocus();
    QTest::keyClick(kind, Qt::Key_Down);  // spiral -> circles, as a user would
    QCOMPARE(kind->currentData().toString(), QString("circles"));
    QVERIFY(waitFor(*window_, [](const Snapshot& s) {
      return s.config.data.kind == "circles" && s.state == RunState::Running;
    }));

    window_->controls()->widthSlider()->setValue(7);
    window_->controls()->widthSlider()->setValue(8);  // one restart for the whole drag
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) {
      return s.architecture.layers == std::vector<int>({2, 8, 8, 2});
    });
    QVERIFY(s);
    QCOMPARE(s->config.data.kind, std::string("circles"));
    QCOMPARE(window_->controls()->widthSlider()->value(), 8);
  }

  void logScaleActionSwitchesTheLossAxis() {
    QVERIFY(!window_->lossCurve()->logScale());
    window_->logScaleAction()->trigger();
    QVERIFY(window_->lossCurve()->logScale());
  }

 private:
  std::unique_ptr<MainWindow> window_;
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
