// The collapse tab on a real run: it asks the run to track collapse, shows the tracked columns
// as they arrive, forks StableMax and ⊥Grad twins that train from step 0 with the same seed and
// appear in the legend in their own colours, makes the twins follow play and pause, and drops
// them with the run.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include "control_key.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/widgets/collapse_view.hpp"
#include "losslab/widgets/logit_gap_view.hpp"
#include "runs/collapse_twins.hpp"
#include "runs/run_bridge.hpp"
#include "tabs/collapse_tab.hpp"

using namespace losslab;
using losslab::testing::control;

namespace {
ExperimentConfig tinyModular() {
  return parseExperiment(R"({"seed": 5, "precision": "float32",
      "data": {"kind": "modular", "p": 7, "op": "add", "train_fraction": 0.5},
      "model": {"hidden": [16], "activation": "relu", "bias": false},
      "optimizer": {"kind": "adamw", "lr": 0.01, "betas": [0.9, 0.99], "eps": 1e-25}})");
}

QString legendName(const CollapseView& view, int i) {
  return static_cast<QCPPlottableLegendItem*>(view.runLegend()->item(i))->plottable()->name();
}

// The lead's wiring, as MainWindow does it.
struct Wired {
  RunBridge bridge;
  CollapseTab tab{nullptr};
  Wired() {
    QObject::connect(&tab, &CollapseTab::collapseTrackingChanged, &bridge, &RunBridge::setCollapseTracking);
    QObject::connect(&bridge, &RunBridge::snapshotArrived, &tab, &CollapseTab::showSnapshot);
    QObject::connect(&bridge, &RunBridge::playingChanged, &tab, &CollapseTab::setRunPlaying);
    bridge.setCollapseTracking(tab.collapseTracking());
  }
  void start(const ExperimentConfig& c) {
    tab.clearRun();
    tab.showConfig(c);
    bridge.start(c);
  }
};
}  // namespace

class CollapseTabTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void tracksTheRunAndShowsTheTrackedColumns() {
    Wired w;
    QSignalSpy changed(&w.tab, &CollapseTab::collapseTrackingChanged);
    auto* every = control<QComboBox>(w.tab, "tracking.collapse_every");
    every->setCurrentIndex(every->findData(4));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(w.bridge.collapseTracking().every, 4L);
    w.tab.resize(1400, 900);
    w.tab.show();
    w.start(tinyModular());
    w.bridge.step(30);
    QTRY_VERIFY_WITH_TIMEOUT(w.bridge.latest() && w.bridge.latest()->step == 30, 10000);
    QCOMPARE(w.bridge.latest()->collapseTracking.every, 4L);
    QTRY_COMPARE_WITH_TIMEOUT(w.tab.view()->graph(0, CollapseQuantity::ScFloat32)->dataCount(), 8, 5000);
    QCOMPARE(w.tab.view()->graph(0, CollapseQuantity::TrainAccuracy)->dataCount(), 30);
    QVERIFY(w.tab.gapView()->record());
    QCOMPARE(w.tab.gapView()->record()->step, 28L);
    QVERIFY(w.tab.summary()->text().contains("Step 28"));
    QVERIFY(w.tab.forkButton()->isEnabled());
    // The order reaches the engine too.
    auto* order = control<QComboBox>(w.tab, "collapse.order");
    QCOMPARE(SummationOrder(order->currentData().toInt()), SummationOrder::Torch);  // the default
    order->setCurrentIndex(order->findData(int(SummationOrder::SmallestFirst)));
    QCOMPARE(w.bridge.collapseTracking().order, SummationOrder::SmallestFirst);
  }

  void forkedTwinsTrainAlongsideAndAppearInTheLegend() {
    Wired w;
    w.tab.resize(1400, 900);
    w.tab.show();
    const ExperimentConfig c = tinyModular();
    w.start(c);
    w.bridge.play();
    QTRY_VERIFY_WITH_TIMEOUT(w.bridge.latest() && w.bridge.latest()->step > 20, 10000);
    w.tab.forkButton()->click();
    CollapseTwins& twins = *w.tab.twins();
    QVERIFY(twins.active());
    const ExperimentConfig stable = twins.bridge(CollapseTwins::StableMax)->config();
    const ExperimentConfig perp = twins.bridge(CollapseTwins::PerpGrad)->config();
    QVERIFY(stable.loss.kind == LossKind::StableMaxCrossEntropy && !stable.optimizer.perpGrad);
    QVERIFY(perp.loss.kind == LossKind::CrossEntropy && perp.optimizer.perpGrad);
    QCOMPARE(stable.seed, c.seed);
    QVERIFY(twins.bridge(CollapseTwins::StableMax)->isPlaying());  // the run was playing
    // Tracked columns of both twins arrive (StableMax has no softmax SC: its zero-gradient share).
    QTRY_VERIFY_WITH_TIMEOUT(w.tab.view()->graph(2, CollapseQuantity::ScFloat32) &&
                                 w.tab.view()->graph(1, CollapseQuantity::ZeroGradient)->dataCount() > 2 &&
                                 w.tab.view()->graph(2, CollapseQuantity::ScFloat32)->dataCount() > 2,
                             10000);
    QCOMPARE(w.tab.view()->runLegend()->itemCount(), 3);
    QCOMPARE(legendName(*w.tab.view(), 0), QString("softmax CE, AdamW"));
    QCOMPARE(legendName(*w.tab.view(), 1), QString("StableMax twin"));
    QCOMPARE(legendName(*w.tab.view(), 2), QString("⊥AdamW twin"));
    QVERIFY(w.tab.view()->graph(1, CollapseQuantity::WeightNorm)->pen().color() !=
            w.tab.view()->graph(2, CollapseQuantity::WeightNorm)->pen().color());
    // The twins started at step 0: behind the run.
    QVERIFY(twins.bridge(CollapseTwins::PerpGrad)->latest()->history->front().step == 0);
    // The histogram can show a twin.
    control<QComboBox>(w.tab, "collapse.gap_run")->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(w.tab.gapView()->title()->text().contains("StableMax"), 5000);

    w.bridge.pause();  // the twins follow
    QVERIFY(!twins.bridge(CollapseTwins::StableMax)->isPlaying());
    QVERIFY(!twins.bridge(CollapseTwins::PerpGrad)->isPlaying());
    w.bridge.play();
    QVERIFY(twins.bridge(CollapseTwins::PerpGrad)->isPlaying());

    w.start(c);  // a new run drops the twins
    QVERIFY(!twins.active());
    QTRY_COMPARE_WITH_TIMEOUT(w.tab.view()->runLegend()->itemCount(), 1, 5000);
  }

  void runsWithoutSoftmaxAreNotTrackedAndHaveNoTwins() {
    Wired w;
    ExperimentConfig regression;
    regression.data.kind = "reg_plane";
    regression.data.n = 40;
    regression.loss = LossKind::Mse;
    w.start(regression);
    w.bridge.step(3);
    QTRY_VERIFY_WITH_TIMEOUT(w.bridge.latest() && w.bridge.latest()->step == 3, 10000);
    QCOMPARE(w.bridge.latest()->collapseTracking.every, 0L);
    QVERIFY(!w.tab.forkButton()->isEnabled());
    QCOMPARE(w.bridge.collapseTracking().every, 16L);  // kept for the next classification run
  }
};

QTEST_MAIN(CollapseTabTest)
#include "test_collapse_tab.moc"
