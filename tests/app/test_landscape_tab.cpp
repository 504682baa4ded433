// The landscape tab: Compute shows the engine's grid of a snapshot, coarse first, with the path
// over it; Cancel returns within 50 ms and nothing of the cancelled computation is applied;
// live mode follows a running run on a small grid within its share of time, without blocking
// the GUI thread, and refines to the full grid when the run pauses; contour lines come with the
// grid and are traced again off the GUI thread; a hidden tab does nothing; runs compared side by
// side each get their own map on a shared colour scale.
#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include "control_key.hpp"
#include "fuzzy_compare.hpp"
#include "losslab/landscape/random_directions.hpp"
#include "losslab/probes/landscape_session.hpp"
#include "losslab/widgets/landscape_map_view.hpp"
#include "losslab/widgets/landscape_slice_view.hpp"
#include "runs/probe_runner.hpp"
#include "probe_settled.hpp"
#include "runs/run_bridge.hpp"
#include "sanitized.hpp"
#include "losslab/config/layer_config.hpp"
#include "losslab/landscape/convexity_map.hpp"
#include "losslab/landscape/grid_minima.hpp"
#include "tabs/compared_landscapes.hpp"
#include "tabs/convexity_panel.hpp"
#include "tabs/landscape_controls.hpp"
#include "tabs/landscape_tab.hpp"
#include "trained_snapshot.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
ExperimentConfig spiral(int n = 200, std::vector<int> hidden = {8}) {
  ExperimentConfig c;
  c.data.kind = "spiral";
  c.data.n = n;
  c.model.hidden = std::move(hidden);
  c.optimizer.lr = 0.1;
  return c;
}

SnapshotPtr trained(const ExperimentConfig& c, long steps) { return test::trainedSnapshot(c, steps); }

void setGrid(LandscapeTab& tab, int points) {
  control<QSpinBox>(tab, "landscape.alpha.points")->setValue(points);
  control<QSpinBox>(tab, "landscape.beta.points")->setValue(points);
}

// The tab on screen, showing snapshot `s` of a run of `c`, with an n x n grid asked for.
bool showOnScreen(LandscapeTab& tab, const ExperimentConfig& c, const SnapshotPtr& s, int n) {
  tab.resize(1400, 900);
  tab.show();
  if (!QTest::qWaitForWindowExposed(&tab)) return false;
  tab.showConfig(c);
  tab.showSnapshot(s);
  setGrid(tab, n);
  return true;
}

// Whether the map draws exactly `expected`, the engine's lines: each polyline one curve, point
// for point, in order.
bool drawsLines(const LandscapeMapView& map, const LandscapeContours& expected) {
  if (!map.contoursCurrent() || !(map.contourSettings() == expected.settings)) return false;
  const QList<QCPCurve*> curves = map.contourCurves();
  int k = 0;
  for (const ContourLine& line : expected.lines.lines)
    for (const Polyline& p : line.polylines) {
      if (k >= curves.size() || curves[k]->dataCount() != int(p.size())) return false;
      auto it = curves[k++]->data()->constBegin();
      for (const Eigen::Vector2d& q : p) {
        if (it->key != q.x() || it->value != q.y()) return false;
        ++it;
      }
    }
  return k == curves.size();
}

bool waitForPicture(LandscapeTab& tab, bool complete, int timeoutMs = 20000) {
  QSignalSpy shown(&tab, &LandscapeTab::pictureShown);
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < timeoutMs) {
    for (const auto& args : shown)
      if (args.first().toBool() == complete) return true;
    shown.wait(50);
  }
  return false;
}
}  // namespace

class LandscapeTabTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void computeShowsTheEnginesGridCoarseFirstWithThePath() {
    const ExperimentConfig c = spiral();
    const SnapshotPtr s = trained(c, 40);
    LandscapeTab tab(nullptr);
    QVERIFY(showOnScreen(tab, c, s, 21));
    QSignalSpy shown(&tab, &LandscapeTab::pictureShown);
    tab.compute();
    QCOMPARE(tab.job(), LandscapeTab::Job::Compute);
    QVERIFY(waitForPicture(tab, true));
    QVERIFY(shown.count() >= 2);
    QCOMPARE(shown.first().first().toBool(), false);  // a coarse pass came first
    const auto result = tab.result();
    QVERIFY(result && result->grid);
    // The engine's numbers on the engine's plane (seed 0, filter-normalised, biases zeroed).
    const DirectionPair d = randomDirections(s->parameters, s->network, {});
    const LandscapeGrid direct = evaluateSurface(s->network, c.loss, LandscapePlane{s->parameters, d.dir1, d.dir2},
                                                 toSamples<double>(s->data->train), GridSpec{{-1, 1, 21}, {-1, 1, 21}});
    QCOMPARE(result->grid->loss, direct.loss);
    QCOMPARE(tab.mapView()->heatmap()->data()->cell(10, 10), direct.loss(10, 10));
    QCOMPARE(tab.mapView()->colorBar()->axis()->label(), QStringLiteral("training loss"));
    QVERIFY(tab.sliceView()->trainGraph()->dataCount() == 21);
    // The recorded path over the map: steps 0, 10, ..., 40; the current point at the centre.
    QCOMPARE(tab.mapView()->pathCurve()->dataCount(), int(s->checkpoints->size()));
    QVERIFY(tab.mapView()->currentMarker()->visible());
    const auto now = tab.mapView()->currentMarker()->data()->constBegin();
    LOSSLAB_COMPARE_NEAR(now->key, 0.0, 1e-9);
    LOSSLAB_COMPARE_NEAR(now->value, 0.0, 1e-9);
    QCOMPARE(tab.mapView()->startMarker()->name(), QStringLiteral("start (step 0)"));
    QVERIFY(tab.controls()->statusLabel()->text().contains("filter-normalised"));
    QVERIFY(!tab.controls()->cancelButton()->isEnabled());
  }

  // The convexity map of the loss map's plane: the engine's numbers, coarse first, stale once the
  // map moves, exported as a figure; a residual network's too.
  void theConvexityMapIsOfTheLossMapsPlane() {
    ExperimentConfig c = spiral();
    c.model.kind = "network";
    c.model.layers = readLayerConfigs(nlohmann::json::parse(R"([{"kind": "linear", "out": 6},
      {"kind": "residual", "body": [{"kind": "layernorm"}, {"kind": "linear", "out": 6}, {"kind": "activation", "fn": "tanh"}]},
      {"kind": "linear"}])"), "model.layers");
    const SnapshotPtr s = trained(c, 30);
    LandscapeTab tab(nullptr);
    QVERIFY(showOnScreen(tab, c, s, 11));
    ConvexityPanel* panel = tab.convexity();
    QVERIFY(!panel->findChild<QPushButton*>()->isEnabled());  // nothing to compute it of yet
    tab.compute();
    QVERIFY(waitForPicture(tab, true));
    control<QSpinBox>(tab, "landscape.convexity_points")->setValue(5);
    panel->compute();
    QVERIFY(panel->computing());
    QTRY_VERIFY_WITH_TIMEOUT(panel->grid() && !panel->computing(), 20000);
    const LandscapeBasis& b = *tab.basis();
    const ConvexityGrid direct = evaluateConvexity(s->network, c.loss, LandscapePlane{s->parameters, b.plane.dir1, b.plane.dir2},
                                                   toSamples<double>(s->data->train), GridSpec{{-1, 1, 5}, {-1, 1, 5}});
    QCOMPARE(panel->grid()->lambdaMax, direct.lambdaMax);
    QCOMPARE(panel->mapView()->heatmap()->data()->cell(2, 2), direct.ratio()(2, 2));
    QCOMPARE(panel->mapView()->colorBar()->axis()->label(), QStringLiteral("|λmin / λmax|"));
    // The display's log colour scale applies to it too.
    control<QCheckBox>(tab, "landscape.log_scale")->setChecked(true);
    QVERIFY(panel->mapView()->logScale());
  }

  // Widgets draw and do not compute: the map's lines come with each grid from the worker, and
  // a change of scale or count, or a picture from a session file (which keeps no display
  // settings), has them traced on a worker too: right after the change the GUI thread has drawn
  // none of its own, then the engine's lines for the new settings arrive.
  void contourLinesComeWithTheGridAndAreTracedOffTheGuiThread() {
    const ExperimentConfig c = spiral();
    const SnapshotPtr s = trained(c, 40);
    LandscapeTab tab(nullptr);
    QVERIFY(showOnScreen(tab, c, s, 21));
    tab.compute();
    QVERIFY(waitForPicture(tab, true));
    const auto result = tab.result();
    QVERIFY(result && result->grid && result->contours);
    const LandscapeMapView& map = *tab.mapView();
    QVERIFY((result->contours->settings == ContourSettings{8, LevelSpacing::Linear}));
    QVERIFY(drawsLines(map, landscapeContours(*result->grid, {8, LevelSpacing::Linear})));
    QVERIFY(!map.contourCurves().isEmpty());

    control<QCheckBox>(tab, "landscape.log_scale")->setChecked(true);
    QVERIFY(map.contourCurves().isEmpty());  // the linear lines are not the log scale's
    QVERIFY(tab.contourRunner()->isRunning());
    QTRY_VERIFY(map.contoursCurrent());
    QVERIFY(drawsLines(map, landscapeContours(*result->grid, {8, LevelSpacing::Log})));
    control<QSpinBox>(tab, "landscape.contours")->setValue(3);
    QVERIFY(map.contourCurves().isEmpty());
    QTRY_VERIFY(map.contoursCurrent());
    QVERIFY(drawsLines(map, landscapeContours(*result->grid, {3, LevelSpacing::Log})));
    QCOMPARE(tab.job(), LandscapeTab::Job::None);  // no landscape recomputed for a display change
    QVERIFY(tab.result() == result);

    // Reopened from a session file: the grid, then its lines for the settings shown.
    const auto restored = landscapeResultFrom(toSessionLandscape(*result), *s->checkpoints);
    QVERIFY(!restored->contours);
    tab.showRestored(restored);
    QVERIFY(map.hasGrid());
    QVERIFY(map.contourCurves().isEmpty());
    QTRY_VERIFY(map.contoursCurrent());
    QVERIFY(drawsLines(map, landscapeContours(*restored->grid, {3, LevelSpacing::Log})));
    // Lines traced for a grid since replaced are dropped: a run cleared meanwhile keeps none.
    control<QCheckBox>(tab, "landscape.log_scale")->setChecked(false);
    tab.clearRun();
    QTest::qWait(100);  // a fixed wait: nothing of the dropped tracing may arrive later
    QVERIFY(!map.hasGrid());
    QVERIFY(map.contourCurves().isEmpty());
  }

  void cancelReturnsWithin50Milliseconds() {
    const ExperimentConfig c = spiral(2000, {64, 64});
    LandscapeTab tab(nullptr);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    tab.showSnapshot(trained(c, 1));
    setGrid(tab, 301);
    QSignalSpy progressed(tab.runner(), &ProbeRunner::progressed);
    QElapsedTimer started;
    started.start();
    tab.compute();  // 90,601 points of a 64 x 64 network on 1,600 samples: seconds of work
    QVERIFY(started.elapsed() < 50 * test::kTimeScale);  // ... on the worker: the GUI thread goes on at once
    QVERIFY(progressed.wait(20000));  // under way
    QElapsedTimer t;
    t.start();
    tab.cancel();
    const qint64 returned = t.elapsed();
    while (tab.runner()->activeThreads() > 0 && t.elapsed() < 2000) QThread::usleep(500);
    const qint64 stopped = t.elapsed();
    qInfo("cancel returned after %lld ms; the worker stopped after %lld ms", returned, stopped);
    QVERIFY(returned < 50 * test::kTimeScale);
    QVERIFY(stopped < 50 * test::kTimeScale);
    QCOMPARE(tab.job(), LandscapeTab::Job::None);
    QVERIFY(tab.controls()->statusLabel()->text().contains("Cancelled"));
    QVERIFY(probeSettled(*tab.runner()));
    QVERIFY(!tab.result());  // nothing of the cancelled computation arrived
  }

  void liveModeKeepsItsBudgetAndRefinesWhenPaused() {
    const ExperimentConfig c = spiral(400, {16});
    RunBridge bridge;
    LandscapeTab tab(nullptr);
    tab.resize(1200, 800);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    connect(&bridge, &RunBridge::snapshotArrived, &tab, &LandscapeTab::showSnapshot);
    bridge.start(c);
    tab.showConfig(c);
    setGrid(tab, 31);
    QTRY_VERIFY(bridge.latest());
    tab.compute();
    QVERIFY(waitForPicture(tab, true));
    const long firstStep = tab.result()->step;

    // The GUI thread keeps ticking while live frames run.
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, [&] {
      longestGap = std::max(longestGap, sinceTick.restart());
    });
    sinceTick.start();
    ticker.start(5);
    bridge.play();
    tab.setRunPlaying(true);
    QElapsedTimer running;
    running.start();
    while ((tab.liveBudget().framesFinished() < 4 || running.elapsed() < 2000) && running.elapsed() < 30000 * test::kTimeScale)
      QTest::qWait(50);  // a share of time is measured over seconds of running
    ticker.stop();
    // Over whole frames and their rests (measured when a frame starts) at most 30%.
    const double share = tab.liveBudget().shareAtLastStart();
    qInfo("live: %d frames in %lld ms, %.1f%% of the time, longest GUI gap %lld ms",
          tab.liveBudget().framesFinished(), running.elapsed(), 100 * share, longestGap);
    QVERIFY(tab.liveBudget().framesFinished() >= 4);
    QVERIFY(share <= 0.3 + 1e-9);
    QVERIFY(share > 0.0);
    // A frame computed on the GUI thread would stall it for the whole frame; drawing one takes
    // milliseconds (the bound leaves room for a machine loaded by other work).
    QVERIFY(longestGap < 1000);
    QVERIFY(tab.result()->live);
    QCOMPARE(tab.result()->grid->alphas.size(), size_t(kLiveGridPoints));
    QVERIFY(tab.result()->step > firstStep);  // it follows the run

    QSignalSpy shown(&tab, &LandscapeTab::pictureShown);
    bridge.pause();
    tab.setRunPlaying(false);
    QTRY_VERIFY_WITH_TIMEOUT(tab.result() && !tab.result()->live &&
                                 tab.result()->step == bridge.latest()->step && tab.job() == LandscapeTab::Job::None,
                             30000);
    QCOMPARE(tab.result()->grid->alphas.size(), size_t(31));  // the full grid again
    QVERIFY(shown.count() >= 2);                               // refined coarse to fine
    QCOMPARE(shown.first().first().toBool(), false);
    QCOMPARE(tab.result()->basis, tab.basis());                // the same directions throughout
  }

  void aHiddenTabOnlyKeepsTheNewestSnapshot() {
    LandscapeTab tab(nullptr);  // never shown
    const SnapshotPtr s = trained(spiral(), 5);
    for (int i = 0; i < 50; ++i) tab.showSnapshot(s);
    tab.setRunPlaying(true);
    QCOMPARE(tab.job(), LandscapeTab::Job::None);
    QCOMPARE(tab.runner()->activeThreads(), 0);
  }

  void pcaInterpolationAndClearRun() {
    const ExperimentConfig c = spiral();
    LandscapeTab tab(nullptr);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    tab.showSnapshot(trained(c, 60));
    setGrid(tab, 11);
    auto* kind = control<QComboBox>(tab, "landscape.directions");
    kind->setCurrentIndex(2);  // PCA of the trajectory
    tab.compute();
    QVERIFY(waitForPicture(tab, true));
    QVERIFY(tab.basis()->kind == DirectionKind::TrajectoryPca);
    QVERIFY(tab.mapView()->xAxis->label().contains("PC1"));
    // The ranges were fitted to the path: its start (step 0) is on the map.
    const auto start = tab.mapView()->startMarker()->data()->constBegin();
    QVERIFY(tab.mapView()->xAxis->range().contains(start->key));
    QVERIFY(tab.mapView()->yAxis->range().contains(start->value));
    LOSSLAB_COMPARE_NEAR(control<QDoubleSpinBox>(tab, "landscape.alpha.to")->value(),
                         tab.result()->grid->alphas.back(), 1e-3);
    kind->setCurrentIndex(3);  // interpolation from the start
    tab.compute();
    QVERIFY(waitForPicture(tab, true));
    QVERIFY(!tab.result()->grid);
    QVERIFY(!tab.mapView()->hasGrid());
    QCOMPARE(tab.sliceView()->markLines().size(), 2);  // t = 0 and t = 1
    tab.clearRun();
    QVERIFY(!tab.result() && !tab.basis());
    QCOMPARE(tab.sliceView()->trainGraph()->dataCount(), 0);
    // A reset run (back to step 0) starts over by itself, so no stale path is drawn.
    tab.showSnapshot(trained(c, 30));
    kind->setCurrentIndex(0);
    tab.compute();
    QVERIFY(waitForPicture(tab, true));
    tab.showSnapshot(trained(c, 0));
    QVERIFY(!tab.result() && !tab.basis());
    QVERIFY(!tab.mapView()->hasGrid());
  }

  // Li et al.'s comparison: each run's map is the engine's map of its own snapshot along its own
  // directions made alike, the maps of a row share one colour scale spanning them all, each
  // column counts its local minima and non-convex share, and a run started again loses its map.
  void comparedRunsAreDrawnSideBySideOnSharedScales() {
    ExperimentConfig skips = spiral();
    skips.model.kind = "network";
    skips.model.layers = readLayerConfigs(nlohmann::json::parse(R"([{"kind": "linear", "out": 6},
      {"kind": "residual", "repeat": 2, "body": [{"kind": "linear", "out": 6}, {"kind": "activation", "fn": "tanh"}]},
      {"kind": "linear"}])"), "model.layers");
    ExperimentConfig plain = skips;
    plain.model.layers = readLayerConfigs(nlohmann::json::parse(R"([{"kind": "linear", "out": 6},
      {"kind": "linear", "out": 6, "repeat": 2}, {"kind": "activation", "fn": "tanh"}, {"kind": "linear"}])"), "model.layers");
    const SnapshotPtr a = trained(skips, 20), b = trained(plain, 20);
    ComparedLandscapes page;
    page.resize(1200, 800);
    page.show();
    LandscapeRequest request;
    request.grid = GridSpec{{-1, 1, 9}, {-0.5, 0.5, 7}};
    page.setRequestSource([request] { return request; });
    control<QSpinBox>(page, "landscape.compare_convexity_points")->setValue(5);
    QSignalSpy computed(&page, &ComparedLandscapes::computed);
    // Shown, it computes without a button.
    page.setRuns({{"this run", Qt::blue, a}, {"skips off", Qt::red, b}});
    QCOMPARE(page.runCount(), 2);
    QCOMPARE(page.runName(1), QStringLiteral("skips off"));
    QVERIFY(page.computing());
    QVERIFY(computed.wait(60000));
    QVERIFY(!page.computing());
    const Samples<double> dataA = toSamples<double>(a->data->train), dataB = toSamples<double>(b->data->train);
    double lo = 1e300, hi = -1e300;
    for (int r = 0; r < 2; ++r) {
      const SnapshotPtr s = r == 0 ? a : b;
      const DirectionPair d = randomDirections(s->parameters, s->network, {});
      const LandscapePlane plane{s->parameters, d.dir1, d.dir2};
      const LandscapeGrid direct = evaluateSurface(s->network, s->config.loss, plane, r == 0 ? dataA : dataB, request.grid);
      QVERIFY(page.loss(r) && page.loss(r)->grid);
      QCOMPARE(page.loss(r)->grid->loss, direct.loss);
      QCOMPARE(page.snapshot(r), s);
      lo = std::min(lo, direct.loss.minCoeff());
      hi = std::max(hi, direct.loss.maxCoeff());
      GridSpec coarse = request.grid;
      coarse.alpha.points = coarse.beta.points = 5;
      const ConvexityGrid ratio = evaluateConvexity(s->network, s->config.loss, plane, r == 0 ? dataA : dataB, coarse);
      QVERIFY(page.convexity(r));
      QCOMPARE(page.convexity(r)->lambdaMin, ratio.lambdaMin);
      QVERIFY(page.summary(r).contains(QStringLiteral("%1 local minim").arg(countLocalMinima(direct.loss))));
      QVERIFY(page.summary(r).contains(QLocale().toString(100.0 * ratio.shareAbove(0.1), 'f', 1) + " % non-convex"));
    }
    // One scale for the row: both colour bars span the lowest to the highest loss of both maps.
    for (int r = 0; r < 2; ++r) {
      const QCPRange range = page.lossView(r)->colorBar()->dataRange();
      QCOMPARE(range.lower, lo);
      QCOMPARE(range.upper, hi);
    }
    // The ratio's scale is 0 (convex) to 1 on a linear scale, the range of both on a log one.
    QCOMPARE(page.convexityView(0)->colorBar()->dataRange(), QCPRange(0, 1));
    control<QCheckBox>(page, "landscape.compare_convexity")->setChecked(true);
    page.setLogScale(true);
    QCOMPARE(page.convexityView(0)->colorBar()->dataRange(), page.convexityView(1)->colorBar()->dataRange());
    QVERIFY(page.convexityView(0)->colorBar()->dataRange().upper >=
            std::max(page.convexity(0)->ratio().maxCoeff(), page.convexity(1)->ratio().maxCoeff()) * 0.999);
    page.setLogScale(false);
    // Run 2 started again (step 0 after step 20): its map goes, the other's stays.
    page.setRuns({{"this run", Qt::blue, a}, {"skips off", Qt::red, trained(plain, 0)}});
    QVERIFY(page.loss(0) && !page.loss(1) && !page.convexity(1));
    QVERIFY(page.computing());  // the missing map, at once
    QVERIFY(computed.wait(60000));
    QVERIFY(page.loss(1) && page.loss(1)->step == 0);
    // Another set of runs: new columns, computing; Cancel stops at once and holds the page
    // until Compute.
    request.grid = GridSpec{{-1, 1, 41}, {-1, 1, 41}};
    page.setRequestSource([request] { return request; });
    page.setRuns({{"this run", Qt::blue, a}});
    QCOMPARE(page.runCount(), 1);
    QVERIFY(!page.loss(0));
    QVERIFY(page.computing());
    // The run trains again: the page's own computation gives way, and starts again when it stands.
    auto moving = std::make_shared<Snapshot>(*a);
    moving->state = RunStatus::Running;
    page.setRuns({{"this run", Qt::blue, moving}});
    QVERIFY(!page.computing());
    QVERIFY(page.status().contains("train again"));
    page.setRuns({{"this run", Qt::blue, a}});
    QVERIFY(page.computing());
    page.cancel();
    QVERIFY(!page.computing());
    page.setRuns({{"this run", Qt::blue, a}});
    QVERIFY(!page.computing());
    page.compute();
    QVERIFY(page.computing());
    page.cancel();
    QVERIFY(page.status().contains("Cancelled"));
  }

  void errorsAreShownAndLandscapesNeedANetwork() {
    LandscapeTab tab(nullptr);
    tab.show();
    tab.showSnapshot(trained(spiral(), 0));
    control<QComboBox>(tab, "landscape.directions")->setCurrentIndex(2);  // PCA, no past checkpoint
    tab.compute();
    QTRY_VERIFY_WITH_TIMEOUT(tab.controls()->statusLabel()->text().contains("PCA"), 10000);
    QCOMPARE(tab.job(), LandscapeTab::Job::None);
    ExperimentConfig q;
    q.model.kind = "quadratic";
    tab.showConfig(q);
    QVERIFY(!tab.controls()->isEnabled());
  }

  void everyControlSaysWhatItDoes() {
    LandscapeControls controls;
    int checked = 0;
    for (QWidget* w : controls.findChildren<QWidget*>())
      if (qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractSpinBox*>(w)) {
        QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->metaObject()->className()));
        ++checked;
      }
    QVERIFY(checked >= 15);
    const QString norm = control<QComboBox>(controls, "landscape.norm")->toolTip();
    QVERIFY(norm.contains("Li et al. 2018"));
    QVERIFY(norm.contains("row of W"));
  }
};

QTEST_MAIN(LandscapeTabTest)
#include "test_landscape_tab.moc"
