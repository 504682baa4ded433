// Run → Compare with a changed setting on a real window: the compared run is the run again with
// one setting changed (its history that of a run trained on its own with that setting), it
// follows play, pause, step and reset, it is drawn in every time-series view with its own
// colour and a legend naming its change, and removing it takes its graphs away.
#include <QAction>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include "control_key.hpp"
#include "losslab/widgets/collapse_view.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "main_window_fixture.hpp"
#include "runs/forked_runs.hpp"
#include "runs/run_comparison.hpp"
#include "tabs/collapse_tab.hpp"
#include "tabs/compared_landscapes.hpp"
#include "tabs/landscape_tab.hpp"
#include "tabs/training_tab.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
bool standsAt(const RunBridge* b, long step) {
  return b && b->latest() && pausedAt(*b->latest(), step);
}

// Both runs paused at `step`.
bool bothAt(const MainWindow& w, long step, int compared = 0) {
  return standsAt(w.bridge(), step) && standsAt(w.comparison()->bridge(compared), step);
}

SnapshotPtr trainAlone(const ExperimentConfig& config, long steps) {
  RunBridge alone;
  alone.start(config);
  alone.step(steps);
  const bool done = QTest::qWaitFor([&] { return standsAt(&alone, steps); }, 20000);
  return done ? alone.latest() : nullptr;
}

bool inLegend(const QCustomPlot& plot, const QCPGraph* g) { return g && plot.legend->itemWithPlottable(g); }
}  // namespace

class RunComparisonTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { clearSettings(); }

  void aComparedRateIsTheRunTrainedWithThatRate() {
    auto w = openWindow();
    QVERIFY(w);
    const ExperimentConfig base = w->bridge()->config();
    const double lr = 3.0 * base.optimizer.lr;
    QVERIFY(w->compareWith({ComparedSetting::LearningRate, QString::number(lr, 'g', 17)}));
    QCOMPARE(w->comparison()->count(), 1);
    QCOMPARE(w->comparison()->bridge(0)->config().optimizer.lr, lr);
    QCOMPARE(w->comparison()->bridge(0)->config().seed, base.seed);
    w->bridge()->step(25);  // the compared run follows
    QTRY_VERIFY_WITH_TIMEOUT(bothAt(*w, 25), 20000);

    ExperimentConfig own = base;
    own.optimizer.lr = lr;
    const SnapshotPtr alone = trainAlone(own, 25);
    QVERIFY(alone);
    const auto& compared = *w->comparison()->bridge(0)->latest()->history;
    QCOMPARE(compared.size(), alone->history->size());
    for (size_t i = 0; i < compared.size(); ++i) {  // exactly: the same engine, seed and order
      QCOMPARE(compared[i].step, (*alone->history)[i].step);
      QCOMPARE(compared[i].trainLoss, (*alone->history)[i].trainLoss);
      QCOMPARE(compared[i].testLoss, (*alone->history)[i].testLoss);
      QCOMPARE(compared[i].gradNorm, (*alone->history)[i].gradNorm);
    }
    // ... and not the base run's history.
    QVERIFY(compared.back().trainLoss != w->bridge()->latest()->history->back().trainLoss);
  }

  void everyTimeSeriesViewDrawsTheComparedRunUnderItsName() {
    auto w = openWindow();
    QVERIFY(w);
    control<QSpinBox>(*w, "tracking.sharpness_every")->setValue(5);  // as if typed in the panel
    const double lr = 2.0 * w->bridge()->config().optimizer.lr;
    const QString name = "lr " + QString::number(lr);
    QVERIFY(w->compareWith({ComparedSetting::LearningRate, QString::number(lr)}));
    QVERIFY(w->compareWith({ComparedSetting::Seed, "11"}));  // the same rate: the same threshold
    QCOMPARE(w->comparison()->name(0), name);
    QCOMPARE(w->comparison()->name(1), QString("seed 11"));
    QVERIFY(w->comparison()->color(0) != w->comparison()->color(1));
    w->bridge()->step(20);
    QTRY_VERIFY_WITH_TIMEOUT(bothAt(*w, 20, 0) && bothAt(*w, 20, 1), 20000);

    const int rows = static_cast<int>(w->comparison()->bridge(0)->latest()->history->size());
    QVERIFY(rows >= 20);
    w->showView(MainWindow::View::Training);
    LossCurveView* curve = w->lossCurve();
    QTRY_COMPARE_WITH_TIMEOUT(curve->comparedRuns().graph(0, LossCurveView::ComparedTrain)->dataCount(), rows, 5000);
    // The run's own curve is refreshed by its own snapshot, which may reach the tab a frame later.
    QTRY_COMPARE_WITH_TIMEOUT(curve->trainGraph()->dataCount(), rows, 5000);
    QCOMPARE(curve->comparedRuns().graph(0, LossCurveView::ComparedTrain)->name(), name + " train");
    QCOMPARE(curve->comparedRuns().graph(0, LossCurveView::ComparedTrain)->pen().color(), w->comparison()->color(0));
    QVERIFY(inLegend(*curve, curve->comparedRuns().graph(0, LossCurveView::ComparedTrain)));
    QVERIFY(inLegend(*curve, curve->comparedRuns().graph(1, LossCurveView::ComparedTest)));
    QVERIFY(!curve->comparedRuns().graph(2, LossCurveView::ComparedTrain));  // one per run

    w->showView(MainWindow::View::Sharpness);
    SharpnessView* sharp = w->sharpnessView();
    QTRY_VERIFY_WITH_TIMEOUT(sharp->graph(CurvatureQuantity::Sharpness)->dataCount() >= 3, 5000);
    // Measured as this run is, at the same steps: the curvature controls' tracking applies to both.
    QTRY_COMPARE_WITH_TIMEOUT(sharp->comparedRuns().graph(0, SharpnessView::ComparedSharpness)->dataCount(),
                              sharp->graph(CurvatureQuantity::Sharpness)->dataCount(), 5000);
    const QCPGraph* lambda = sharp->comparedRuns().graph(0, SharpnessView::ComparedSharpness);
    QCOMPARE(lambda->name(), name);
    QVERIFY(inLegend(*sharp, lambda));
    // Its own rate has its own threshold, 2/η; the seed's run shares this run's, drawn once.
    const QCPGraph* own = sharp->comparedRuns().graph(0, SharpnessView::ComparedThreshold);
    QVERIFY(own->visible() && inLegend(*sharp, own));
    QCOMPARE(own->data()->at(own->dataCount() - 1)->value, 2.0 / lr);
    QVERIFY(!sharp->comparedRuns().graph(1, SharpnessView::ComparedThreshold)->visible());
    QVERIFY(inLegend(*sharp, sharp->comparedRuns().graph(1, SharpnessView::ComparedSharpness)));
    QTRY_COMPARE_WITH_TIMEOUT(w->timelineLossCurve()->comparedRuns().graph(0, LossCurveView::ComparedTrain)->dataCount(), rows, 5000);

    w->showView(MainWindow::View::Collapse);
    CollapseView* collapse = w->collapseTab()->view();
    QTRY_COMPARE_WITH_TIMEOUT(collapse->runs().size(), 3, 5000);
    QCOMPARE(collapse->runs()[1].name, name);
    QCOMPARE(collapse->runs()[2].name, QString("seed 11"));
    QCOMPARE(collapse->runs()[1].color, w->comparison()->color(0));
    QTRY_VERIFY_WITH_TIMEOUT(collapse->graph(1, CollapseQuantity::TrainAccuracy)
                                 && collapse->graph(1, CollapseQuantity::TrainAccuracy)->dataCount() == rows, 5000);

    // Exported, the loss and sharpness figures carry the compared runs: their graphs in the CSV
    // under their legend names, and in the JSON each run's experiment, change and colour.
    for (MainWindow::View v : {MainWindow::View::Training, MainWindow::View::Sharpness}) {
      const std::vector<Figure> figures = w->figures(v);
      QVERIFY(!figures.empty());
      const Figure& f = figures.front();
      QVERIFY2(QString::fromStdString(f.csv).contains(name), qPrintable(f.name));
      QVERIFY2(f.metadata.contains("compared_runs"), qPrintable(f.name));
      const nlohmann::json& runs = f.metadata["compared_runs"];
      QCOMPARE(int(runs.size()), 2);
      QCOMPARE(QString::fromStdString(runs[0]["name"].get<std::string>()), name);
      QCOMPARE(runs[0]["experiment"]["optimizer"]["lr"].get<double>(), lr);
      QCOMPARE(runs[0]["changed_setting"]["setting"].get<std::string>(), std::string("lr"));
      QCOMPARE(QString::fromStdString(runs[0]["color"].get<std::string>()), w->comparison()->color(0).name());
      QCOMPARE(runs[1]["seed"].get<long>(), 11L);
      QCOMPARE(runs[1]["step"].get<long>(), 20L);
    }
    w->showView(MainWindow::View::Collapse);

    // Removed, its graphs go from every view, hidden ones too.
    w->comparison()->remove(0);
    QCOMPARE(w->comparison()->count(), 1);
    QCOMPARE(w->comparison()->name(0), QString("seed 11"));
    QVERIFY(!curve->comparedRuns().graph(1, LossCurveView::ComparedTrain));
    QCOMPARE(curve->comparedRuns().graph(0, LossCurveView::ComparedTrain)->name(), QString("seed 11 train"));
    QVERIFY(!sharp->comparedRuns().graph(1, SharpnessView::ComparedSharpness));
    QTRY_COMPARE_WITH_TIMEOUT(collapse->runs().size(), 2, 5000);
    w->comparison()->clear();
    QCOMPARE(curve->graphCount(), 6);  // the run's own six again (losses, accuracies, the gradient flow's two)
    QVERIFY(!sharp->comparedRuns().graph(0, SharpnessView::ComparedSharpness));
    QTRY_COMPARE_WITH_TIMEOUT(collapse->runs().size(), 1, 5000);
  }

  void theComparedRunFollowsPlayPauseStepAndReset() {
    auto w = openWindow();
    QVERIFY(w);
    QVERIFY(w->compareWith({ComparedSetting::Precision, "float32"}));
    RunBridge* compared = w->comparison()->bridge(0);
    QVERIFY(compared->config().precision == Precision::Float32);
    w->actions()->playPause->trigger();
    QVERIFY(compared->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(compared->latest() && compared->latest()->step > 3, 20000);
    w->actions()->playPause->trigger();
    QVERIFY(!w->bridge()->isPlaying());
    QVERIFY(!compared->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(compared->latest()->state == RunStatus::Paused, 5000);
    const long pausedAt = compared->latest()->step;
    // Time, not a condition: a step still queued would run after any request answered now.
    QTest::qWait(200);
    QCOMPARE(compared->latest()->step, pausedAt);  // paused, it stands

    w->actions()->reset->trigger();  // both back to step 0, the same run again
    QTRY_VERIFY_WITH_TIMEOUT(bothAt(*w, 0), 10000);
    w->actions()->step->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(bothAt(*w, 1), 10000);
    w->bridge()->step(9);
    QTRY_VERIFY_WITH_TIMEOUT(bothAt(*w, 10), 20000);
    const auto first = compared->latest()->history;
    w->actions()->reset->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(bothAt(*w, 0), 10000);
    w->bridge()->step(10);
    QTRY_VERIFY_WITH_TIMEOUT(bothAt(*w, 10), 20000);
    QCOMPARE(compared->latest()->history->back().trainLoss, first->back().trainLoss);
  }

  void severalComparisonsAtOnceAndTheyStartAgainWithANewRun() {
    auto w = openWindow();
    QVERIFY(w);
    const int alone = w->landscapeTab()->minimumSizeHint().width();
    for (const char* lr : {"0.05", "0.2", "0.4", "0.8"}) QVERIFY(w->compareWith({ComparedSetting::LearningRate, lr}));
    QString why;
    QVERIFY(!w->compareWith({ComparedSetting::LearningRate, "1.6"}, &why));  // kMaxRuns
    QVERIFY(why.contains("at most"));
    QVERIFY(!w->compareWith({ComparedSetting::LearningRate, "fast"}, &why));
    QCOMPARE(w->comparison()->count(), RunComparison::kMaxRuns);
    QSet<QRgb> colors;
    for (int r = 0; r < w->comparison()->count(); ++r) colors.insert(w->comparison()->color(r).rgb());
    QCOMPARE(colors.size(), RunComparison::kMaxRuns);

    // A new seed starts the run again: each compared run again beside it, its change kept.
    const auto seed = w->bridge()->config().seed;
    w->actions()->newSeed->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w->bridge()->config().seed == seed + 1, 5000);
    QCOMPARE(w->comparison()->count(), RunComparison::kMaxRuns);
    QCOMPARE(w->comparison()->bridge(2)->config().seed, seed + 1);
    QCOMPARE(w->comparison()->bridge(2)->config().optimizer.lr, 0.4);
    // The Landscape tab's side-by-side page has a column for each: this run first, then the four.
    ComparedLandscapes* page = w->landscapeTab()->compared();
    QCOMPARE(page->runCount(), 1 + RunComparison::kMaxRuns);
    QCOMPARE(page->runName(0), QStringLiteral("this run"));
    QCOMPARE(page->runName(3), w->comparison()->name(2));
    // Five columns scroll sideways: the tab asks no more width of the window than with one.
    QCOMPARE(w->landscapeTab()->minimumSizeHint().width(), alone);
    w->comparison()->remove(0);
    QCOMPARE(page->runCount(), RunComparison::kMaxRuns);
    QCOMPARE(page->runName(1), w->comparison()->name(0));
  }

  // Side by side in the Landscape tab from the window: each column's map is of its own run's
  // newest parameters, and the export writes each map with its run's experiment.
  void theLandscapeTabDrawsComparedRunsSideBySide() {
    auto w = openWindow();
    QVERIFY(w);
    QVERIFY(w->compareWith({ComparedSetting::Seed, "5"}));
    w->bridge()->step(10);
    QTRY_VERIFY_WITH_TIMEOUT(bothAt(*w, 10), 20000);
    w->showView(MainWindow::View::Landscape);
    ComparedLandscapes* page = w->landscapeTab()->compared();
    QTRY_VERIFY_WITH_TIMEOUT(page->snapshot(1) && page->snapshot(1)->step == 10, 5000);
    control<QSpinBox>(*w, "landscape.alpha.points")->setValue(7);
    control<QSpinBox>(*w, "landscape.beta.points")->setValue(7);
    control<QSpinBox>(*w, "landscape.compare_convexity_points")->setValue(3);
    QSignalSpy computed(page, &ComparedLandscapes::computed);
    page->compute();
    QVERIFY(computed.wait(60000));
    QCOMPARE(page->loss(1)->centre, w->comparison()->bridge(0)->latest()->parameters);
    QCOMPARE(page->loss(0)->centre, w->bridge()->latest()->parameters);
    const std::vector<Figure> figures = w->figures(MainWindow::View::Landscape);
    QStringList names;
    for (const Figure& f : figures) names << f.name;
    QVERIFY2(names.contains("landscape-side-by-side-2-convexity"), qPrintable(names.join(' ')));
    for (const Figure& f : figures)
      if (f.name == "landscape-side-by-side-2-map") {
        QCOMPARE(f.metadata["seed"].get<int>(), 5);
        QCOMPARE(f.metadata["side_by_side"]["run"].get<std::string>(), std::string("seed 5"));
      }
  }
};

QTEST_MAIN(RunComparisonTest)
#include "test_run_comparison.moc"
