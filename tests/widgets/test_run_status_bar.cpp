// The status bar reads state, step, loss and speed off a snapshot.
#include <QLabel>
#include <QtTest>

#include "losslab/widgets/run_status_bar.hpp"

using namespace losslab;

class RunStatusBarTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void namesEachState() {
    Snapshot s;
    s.state = RunStatus::Running;
    QCOMPARE(RunStatusBar::stateText(s), QString("running"));
    s.state = RunStatus::Paused;
    QCOMPARE(RunStatusBar::stateText(s), QString("paused"));
    s.state = RunStatus::Diverged;
    s.divergedAtStep = 17;
    QCOMPARE(RunStatusBar::stateText(s), QString("diverged at step 17"));
  }

  void showsStepLatestLossAndSpeed() {
    auto history = std::make_shared<std::vector<MetricsRow>>(2);
    (*history)[0].trainLoss = 0.9;
    (*history)[1].trainLoss = 0.25;
    Snapshot s;
    s.step = 2;
    s.stepsPerSecond = 1500.4;
    s.history = history;
    RunStatusBar bar;
    bar.showSnapshot(s);
    QCOMPARE(bar.stateLabel()->text(), QString("paused"));
    QVERIFY(bar.stepLabel()->text().endsWith(" 2"));
    QCOMPARE(bar.lossLabel()->text(), QString("loss 0.25"));
    QVERIFY(bar.speedLabel()->text().contains("steps/s"));
    QVERIFY(bar.speedLabel()->text().contains("500"));
  }

  void beforeTheFirstStepThereIsNoLoss() {
    RunStatusBar bar;
    QVERIFY(std::isnan(RunStatusBar::latestTrainLoss(Snapshot{})));
    QVERIFY(!bar.lossLabel()->text().contains("nan"));
  }
};

QTEST_MAIN(RunStatusBarTest)
#include "test_run_status_bar.moc"
