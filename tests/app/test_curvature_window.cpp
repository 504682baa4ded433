// The curvature half of the window: tracking turned on in the panel puts the sharpness into the
// run's history and onto the sharpness view beside 2/η, which follows the learning-rate slider;
// "Compute spectrum" shows the spectrum of the current step without blocking, and Cancel stops it.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QtTest>
#include <cmath>

#include <QSettings>
#include <QStandardPaths>

#include "control_key.hpp"
#include "controls/curvature_controls.hpp"
#include "document/experiment_file.hpp"
#include "losslab/widgets/figure.hpp"
#include "fuzzy_compare.hpp"
#include "losslab/curvature/top_eigenpairs.hpp"
#include "losslab/widgets/log_slider.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/timeline_cursor.hpp"
#include "main_window/window_actions.hpp"
#include "losslab/widgets/layer_curvature_view.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "losslab/widgets/value_slider.hpp"
#include "main_window/main_window.hpp"
#include "runs/probe_runner.hpp"
#include "runs/run_bridge.hpp"
#include "probe_settled.hpp"
#include "sanitized.hpp"

using namespace losslab;
using namespace losslab::testing;

namespace {
template <class Pred>
SnapshotPtr waitFor(const MainWindow& w, Pred ok, int timeoutMs = 5000) {
  const RunBridge& b = *w.bridge();
  const bool found = QTest::qWaitFor([&] { return b.latest() && ok(*b.latest()); }, timeoutMs);
  return found ? b.latest() : nullptr;
}
bool pausedAt(const Snapshot& s, long step) {
  return s.state == RunStatus::Paused && s.step == step;
}
int trackedRows(const Snapshot& s) {
  int n = 0;
  if (s.history)
    for (const MetricsRow& r : *s.history) n += std::isfinite(r.sharpness);
  return n;
}
double lastValue(const QCPGraph* g) {
  return g->dataCount() ? g->data()->at(g->dataCount() - 1)->value : NAN;
}
}  // namespace

class CurvatureWindowTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();  // no layout or view from an earlier test
    window_ = std::make_unique<MainWindow>(loadExperimentFile(defaultPresetPath()));
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 0); }));
  }
  void cleanup() { window_.reset(); }

  void opensOnTheTrainingViewWithTheCurvatureViewsInTabs() {
    QCOMPARE(window_->currentView(), MainWindow::View::Training);
    QVERIFY(window_->viewTabs()->count() >= 3);
    QCOMPARE(window_->viewTabs()->tabText(1), QString("Sharpness"));
    QCOMPARE(window_->viewTabs()->tabText(2), QString("Spectrum"));
    QVERIFY(!window_->curvatureControls()->isVisible());  // nothing to set for training
    window_->showView(MainWindow::View::Spectrum);
    QVERIFY(window_->curvatureControls()->isVisible());
    QVERIFY(window_->spectrumView()->isVisible());
    QCOMPARE(MainWindow::viewFromName("sharpness"), std::optional(MainWindow::View::Sharpness));
    QVERIFY(!MainWindow::viewFromName("hessian"));
  }

  void trackingTurnedOnInThePanelPutsSharpnessInTheHistoryAndTheView() {
    window_->showView(MainWindow::View::Sharpness);
    CurvatureControls* panel = window_->curvatureControls();
    QVERIFY(panel->isVisible());
    QVERIFY(window_->sharpnessView()->placeholder()->visible());
    auto* every = control<QSpinBox>(*panel, "tracking.sharpness_every");
    every->setValue(2);
    QCOMPARE(window_->bridge()->curvatureTracking().every, 2L);
    window_->bridge()->step(10);
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 10); });
    QVERIFY(s);
    QCOMPARE(s->tracking.every, 2L);
    QCOMPARE(trackedRows(*s), 5);  // steps 0, 2, 4, 6, 8
    QCOMPARE(s->history->front().sharpnessThreshold, 2.0 / 0.1);
    SharpnessView* view = window_->sharpnessView();
    QTRY_COMPARE_WITH_TIMEOUT(view->graph(CurvatureQuantity::Sharpness)->dataCount(), 5, 1000);
    QCOMPARE(view->graph(CurvatureQuantity::Sharpness)->data()->at(0)->value,
             s->history->front().sharpness);
    QCOMPARE(lastValue(view->thresholdGraph()), 20.0);
    QVERIFY(!view->placeholder()->visible());
    QCOMPARE(view->xAxis->range().upper, window_->timelineLossCurve()->xAxis->range().upper);

    every->setValue(0);  // off again: no new curvature rows
    window_->bridge()->step(4);
    const SnapshotPtr off = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 14); });
    QVERIFY(off);
    QCOMPARE(trackedRows(*off), 5);
  }

  // "also per layer" reaches the run, and the stack under the sharpness shows one panel per layer
  // of the default preset's MLP, each drawing the history's sharpness_layer<l> beside λmax(H);
  // the stack's steps line up with the sharpness view's. Off again, the stack goes.
  void perLayerTrackingShowsTheStackUnderTheSharpness() {
    window_->showView(MainWindow::View::Sharpness);
    LayerCurvatureView* stack = window_->layerCurvatureView();
    QVERIFY(!stack->isVisible());
    control<QSpinBox>(*window_, "tracking.sharpness_every")->setValue(3);
    auto* perLayer = control<QCheckBox>(*window_, "tracking.per_layer");
    QVERIFY(perLayer->isEnabled());
    perLayer->setChecked(true);
    QVERIFY(window_->bridge()->curvatureTracking().perLayer);
    window_->bridge()->step(7);
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 7); });
    QVERIFY(s);
    QVERIFY(s->tracking.perLayer);
    const std::size_t layers = parameterLayerSpans(s->network).size();
    QVERIFY(layers >= 2);
    QTRY_VERIFY_WITH_TIMEOUT(stack->isVisible(), 1000);
    QTRY_COMPARE_WITH_TIMEOUT(stack->sharpnessGraph(0)->dataCount(), 3, 1000);  // steps 0, 3, 6
    QCOMPARE(std::size_t(stack->layerCount()), layers);
    const MetricsRow& first = s->history->front();
    QVERIFY(first.layers);
    for (int l = 0; l < stack->layerCount(); ++l) {
      QCOMPARE(stack->sharpnessGraph(l)->data()->at(0)->value, first.layers->sharpness[std::size_t(l)]);
      QCOMPARE(stack->traceGraph(l)->data()->at(0)->value, first.layers->trace[std::size_t(l)]);
      QCOMPARE(stack->wholeGraph(l)->data()->at(0)->value, first.sharpness);
      // A block's top eigenvalue never exceeds the whole matrix's (Cauchy interlacing).
      QVERIFY(first.layers->sharpness[std::size_t(l)] <= first.sharpness * (1 + 1e-6));
      QVERIFY(stack->panelTitle(l)->text().startsWith(QString::fromStdString(stack->layer(l).name)));
      QCOMPARE(stack->panel(l)->axis(QCPAxis::atBottom)->range(), window_->sharpnessView()->xAxis->range());
    }
    QCOMPARE(stack->panel(0)->left(), window_->sharpnessView()->axisRect()->left());
    QCOMPARE(stack->legend->itemCount(), 3);  // each quantity once, whatever the layer count
    QVERIFY(stack->toolTipAt(stack->panel(0)->center()).contains(QString::fromStdString(stack->layer(0).name)));
    // The tab's figures include the stack, its data naming each row's layer.
    const std::vector<Figure> figures = window_->figures(MainWindow::View::Sharpness);
    QCOMPARE(figures.size(), std::size_t(3));
    QCOMPARE(figures[2].name, QString("sharpness-per-layer"));
    for (int l = 0; l < stack->layerCount(); ++l)
      QVERIFY(figures[2].csv.find(",graph,λmax of " + stack->layer(l).name + "'s block,") != std::string::npos);

    // The default preset's cross-entropy has no minimum for the flow: no GFS sharpness to tick.
    QVERIFY(!control<QCheckBox>(*window_, "tracking.gfs")->isEnabled());

    perLayer->setChecked(false);
    QVERIFY(!window_->bridge()->curvatureTracking().perLayer);
    window_->bridge()->step(3);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 10) && !s.tracking.perLayer; }));
    QTRY_VERIFY_WITH_TIMEOUT(!stack->isVisible(), 1000);
  }

  // The gradient flow beside the run: its box reaches the run, its loss and distance join the
  // loss plot and its λmax the sharpness plot; T puts every time-series view on effective time,
  // where each point sits at its row's t = Σ η.
  void theGradientFlowRunsBesideAndTheTimeAxisSwitches() {
    window_->showView(MainWindow::View::Sharpness);
    auto* flow = control<QCheckBox>(*window_, "tracking.flow");
    QVERIFY(!flow->isEnabled());  // nothing tracked yet
    control<QSpinBox>(*window_, "tracking.sharpness_every")->setValue(2);
    QVERIFY(flow->isEnabled());
    flow->setChecked(true);
    QVERIFY(window_->bridge()->curvatureTracking().flow);
    window_->bridge()->step(7);
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 7) && s.tracking.flow; });
    QVERIFY(s);
    LossCurveView* loss = window_->timelineLossCurve();
    SharpnessView* sharp = window_->sharpnessView();
    QTRY_COMPARE_WITH_TIMEOUT(loss->flowDistanceGraph()->dataCount(), 4, 1000);  // steps 0, 2, 4, 6
    QCOMPARE(loss->flowLossGraph()->dataCount(), 4);
    QCOMPARE(sharp->graph(CurvatureQuantity::FlowSharpness)->dataCount(), 4);
    const MetricsRow& row = s->history->at(6);
    QCOMPARE(loss->flowDistanceGraph()->data()->at(3)->value, row.flowDistance);
    QCOMPARE(sharp->graph(CurvatureQuantity::FlowSharpness)->data()->at(3)->value, row.flowSharpness);
    QVERIFY(loss->yAxis2->visible());
    QVERIFY(loss->yAxis2->label().contains("θ_flow"));
    QCOMPARE(loss->flowDistanceGraph()->data()->at(3)->key, 6.0);

    window_->actions()->effectiveTime->setChecked(true);
    QCOMPARE(loss->timeAxis(), TimeAxis::EffectiveTime);
    QCOMPARE(sharp->timeAxis(), TimeAxis::EffectiveTime);
    QVERIFY(sharp->xAxis->label().startsWith("effective time"));
    QCOMPARE(loss->flowDistanceGraph()->data()->at(3)->key, row.effectiveTime);
    LOSSLAB_COMPARE_NEAR(row.effectiveTime, 6 * s->config.optimizer.lr, 1e-12);
    QCOMPARE(sharp->graph(CurvatureQuantity::FlowSharpness)->data()->at(3)->key, row.effectiveTime);
    QVERIFY(sharp->xAxis->range().upper >= 7 * s->config.optimizer.lr);
    QVERIFY(sharp->xAxis->range().upper <= 20 * s->config.optimizer.lr);  // not the 10 steps' width in steps
    QVERIFY(TimelineCursor::valuesAt(*loss, row.effectiveTime, TimeAxis::EffectiveTime).startsWith("t = "));
    window_->actions()->effectiveTime->setChecked(false);
    QCOMPARE(loss->trainGraph()->data()->at(6)->key, 6.0);
    QCOMPARE(sharp->xAxis->label(), QString("step"));
  }

  // On a projector the stack's panels, made when the run's network first arrives, are as large as
  // the rest (1.4×), and back to normal with the mode.
  void theStackIsScaledOnAProjector() {
    window_->showView(MainWindow::View::Sharpness);
    window_->setPresentationMode(true);
    control<QSpinBox>(*window_, "tracking.sharpness_every")->setValue(2);
    control<QCheckBox>(*window_, "tracking.per_layer")->setChecked(true);
    window_->bridge()->step(3);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 3) && s.tracking.perLayer; }));
    LayerCurvatureView* stack = window_->layerCurvatureView();
    QTRY_VERIFY_WITH_TIMEOUT(stack->layerCount() >= 2, 1000);
    QCOMPARE(stack->panelTitle(0)->font().pointSizeF(), 14.0);  // 10 pt × 1.4
    QCOMPARE(stack->panel(0)->axis(QCPAxis::atLeft)->tickLabelFont().pointSizeF(), 14.0);
    window_->setPresentationMode(false);
    QCOMPARE(stack->panelTitle(0)->font().pointSizeF(), 10.0);
  }

  // The method box reaches the run: power steps fill every row, close to Lanczos's values.
  void thePowerMethodTracksEveryStepCheaply() {
    control<QSpinBox>(*window_, "tracking.sharpness_every")->setValue(1);
    auto* method = control<QComboBox>(*window_, "tracking.power");
    method->setCurrentIndex(1);
    Q_EMIT method->activated(1);
    QVERIFY(window_->bridge()->curvatureTracking().power);
    window_->bridge()->step(30);
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 30); });
    QVERIFY(s);
    QVERIFY(s->tracking.power);
    QCOMPARE(trackedRows(*s), 30);
    // Power steps follow on from the first row's Lanczos solve: no jumps, all positive.
    for (std::size_t i = 1; i < s->history->size(); ++i) {
      const double a = s->history->at(i - 1).sharpness, b = s->history->at(i).sharpness;
      QVERIFY2(b > 0, qPrintable(QString("row %1: %2 after %3").arg(i).arg(b).arg(a)));
      LOSSLAB_COMPARE_NEAR(b, a, 0.05 * a);
    }
  }

  void theThresholdLineFollowsTheLearningRateSlider() {
    window_->showView(MainWindow::View::Sharpness);
    control<QSpinBox>(*window_, "tracking.sharpness_every")->setValue(1);
    window_->bridge()->step(3);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 3); }));
    SharpnessView* view = window_->sharpnessView();
    QTRY_COMPARE_WITH_TIMEOUT(lastValue(view->thresholdGraph()), 20.0, 1000);
    control<LogSlider>(*window_, "optimizer.lr")->setValue(0.05);
    // The slider alone (paused, no new step) moves the line's end and its label.
    QTRY_COMPARE_WITH_TIMEOUT(lastValue(view->thresholdGraph()), 40.0, 2000);
    QCOMPARE(view->thresholdLabel()->text(), QString("2/η = 40"));
    window_->bridge()->step(2);
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 5); });
    QVERIFY(s);
    QCOMPARE(s->history->back().sharpnessThreshold, 40.0);  // the rows carry it from now on
    QCOMPARE(s->history->at(1).sharpnessThreshold, 20.0);
  }

  void computeSpectrumShowsTheEnginesSpectrumOfTheCurrentStep() {
    window_->bridge()->step(5);
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 5); });
    QVERIFY(s);
    CurvatureControls* panel = window_->curvatureControls();
    control<QSpinBox>(*panel, "spectrum.top_k")->setValue(3);
    control<QComboBox>(*panel, "spectrum.operator")->setCurrentIndex(2);  // H and G
    QTest::mouseClick(panel->computeButton(), Qt::LeftButton);
    QCOMPARE(window_->currentView(), MainWindow::View::Spectrum);
    QVERIFY(!panel->computeButton()->isEnabled());
    QVERIFY(panel->cancelButton()->isEnabled());
    QVERIFY(window_->spectrumView()->summaryLabel()->text().contains("Computing"));
    QTRY_VERIFY_WITH_TIMEOUT(window_->spectrumView()->result() != nullptr, 20000 * test::kTimeScale);
    const SpectrumResultPtr r = window_->spectrumView()->result();
    QCOMPARE(r->step, 5L);
    QCOMPARE(r->spectra.size(), size_t(2));
    QCOMPARE(window_->spectrumView()->eigenvalueLines(CurvatureKind::Hessian).size(), 3);
    CurvatureOperator op(s->network, s->config.loss, s->parameters, trainingSamples(*s, 0));
    EigenOptions o;
    o.k = 3;
    o.tolerance = 1e-10;
    const double top = extremeEigenpairs(op, o).values[0];
    LOSSLAB_COMPARE_WITHIN(r->spectra[0].top[0], top, 1e-5 * std::abs(top));  // panel tolerance 1e-6
    QVERIFY(panel->computeButton()->isEnabled());
    QVERIFY(!panel->cancelButton()->isEnabled());
    QVERIFY(panel->statusLabel()->text().contains("Step 5"));
  }

  void cancelStopsTheProbeAndKeepsWhatTheViewShowed() {
    CurvatureControls* panel = window_->curvatureControls();
    QTest::mouseClick(panel->computeButton(), Qt::LeftButton);
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);  // before any result is delivered
    QVERIFY(!window_->probes()->isRunning());
    QVERIFY(panel->computeButton()->isEnabled());
    QCOMPARE(panel->progressBar()->value(), 0);
    QVERIFY(panel->statusLabel()->text().startsWith("Cancelled"));
    QVERIFY(probeSettled(*window_->probes()));
    QVERIFY(!window_->spectrumView()->result());  // nothing of the cancelled probe arrived
  }

  void aRestartDropsTheOldRunsSpectrum() {
    QTest::mouseClick(window_->curvatureControls()->computeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window_->spectrumView()->result() != nullptr, 20000 * test::kTimeScale);
    control<ValueSlider>(*window_, "model.hidden.0")->setValue(4);
    QTRY_VERIFY_WITH_TIMEOUT(plainMlp(window_->bridge()->latest()->network)->layers[1] == 4, 3000);
    QVERIFY(!window_->spectrumView()->result());
  }

 private:
  std::unique_ptr<MainWindow> window_;
};

QTEST_MAIN(CurvatureWindowTest)
#include "test_curvature_window.moc"
