#include "main_window/main_window.hpp"

#include <QCloseEvent>
#include <algorithm>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <cmath>

#include "controls/experiment_controls.hpp"
#include "controls/curvature_controls.hpp"
#include "document/preset_description.hpp"
#include "document/run_document.hpp"
#include "document/setting_change.hpp"
#include "losslab/core/error.hpp"
#include "losslab/widgets/collapse_view.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "losslab/widgets/layer_curvature_view.hpp"
#include "main_window/presentation_mode.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "losslab/widgets/timeline_cursor.hpp"
#include "main_window/screen_fit.hpp"
#include "main_window/window_actions.hpp"
#include "main_window/window_settings.hpp"
#include "runs/probe_runner.hpp"
#include "runs/run_comparison.hpp"
#include "runs/run_bridge.hpp"
#include "session_files/session_files.hpp"
#include "tabs/collapse_tab.hpp"
#include "tabs/compared_landscapes.hpp"
#include "tabs/landscape_tab.hpp"
#include "tabs/training_tab.hpp"

namespace losslab {

namespace {
// Fixed left and right margins give the loss and the sharpness axis rects the same horizontal
// extent, so a step sits at the same x in both; the trace's axis takes room on the right.
QMargins timelineMargins(bool traceAxis) { return QMargins(92, 0, traceAxis ? 92 : 28, 0); }

QWidget* page(QWidget* view) {
  auto* p = new QWidget;
  auto* row = new QHBoxLayout(p);
  row->setContentsMargins(0, 4, 0, 0);
  row->addWidget(view, 1);
  return p;
}
}  // namespace

MainWindow::MainWindow(const ExperimentConfig& config, QWidget* parent)
    : QMainWindow(parent),
      document_(new RunDocument(config, this)),
      bridge_(new RunBridge(this)),
      probes_(new ProbeRunner(this)),
      controls_(new ExperimentControls(document_, this)),
      curvature_(new CurvatureControls(this)),
      training_(new TrainingTab(this)),
      timelineLoss_(new LossCurveView(this)),
      sharpness_(new SharpnessView(this)),
      layerCurvature_(new LayerCurvatureView(this)),
      spectrum_(new SpectrumView(this)),
      landscape_(new LandscapeTab(this)),
      collapse_(new CollapseTab(this)),
      cursor_(new TimelineCursor(this)),
      status_(new RunStatusBar(this)) {
  setWindowTitle(tr("LossLab"));
  resizeWithinScreen(*this, {1440, 900});
  buildViews();
  setCentralWidget(tabs_);
  controlDock_ = new QDockWidget(tr("Experiment"), this);
  controlDock_->setObjectName(QStringLiteral("controlDock"));
  controlDock_->setWidget(controls_);
  controlDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  addDockWidget(Qt::LeftDockWidgetArea, controlDock_);
  resizeDocks({controlDock_}, {controls_->minimumWidth()}, Qt::Horizontal);
  setStatusBar(status_);
  files_ = new SessionFiles(*this);
  buildActions();
  connectComparison();
  buildPresetChooser();
  buildPresetDescription();

  connect(bridge_, &RunBridge::snapshotArrived, this, &MainWindow::onSnapshot);
  connect(bridge_, &RunBridge::playingChanged, this, &MainWindow::onPlayingChanged);
  connect(document_, &RunDocument::changed, this, &MainWindow::onDocumentChanged);
  connect(controls_, &ExperimentControls::hideRequested, this, [this](const QSet<QString>& keys) {
    QStringList sorted(keys.begin(), keys.end());
    sorted.sort();
    document_->edit(keys.isEmpty() ? tr("Show all controls") : tr("Hide a control"), QStringLiteral("hidden_controls"),
                    [&](ExperimentConfig& c) {
                      c.hiddenControls.clear();
                      for (const QString& k : sorted) c.hiddenControls.push_back(k.toStdString());
                    });
  });
  connect(collapse_, &CollapseTab::collapseTrackingChanged, bridge_, &RunBridge::setCollapseTracking);
  bridge_->setCollapseTracking(collapse_->collapseTracking());  // the tab's default, from step 0
  restartSettle_.setSingleShot(true);
  restartSettle_.setInterval(restartSettleMs);
  connect(&restartSettle_, &QTimer::timeout, this, &MainWindow::restartFromDocument);
  connectCurvature();

  showHiddenControls(config);
  controls_->showConfig(config);
  restartFromDocument();
  restoreWindowSettings(*this);
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!files_->mayClose()) {  // it asked; a Save chosen closes the window once written
    event->ignore();
    return;
  }
  saveWindowSettings(*this);
  QMainWindow::closeEvent(event);
}

void MainWindow::buildViews() {
  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);
  tabs_->addTab(training_, tr("Training"));
  tabs_->setTabToolTip(0, tr("Loss and accuracy, what the network predicts, and the network "
                             "itself (Ctrl+1)"));

  // Loss above sharpness, one timeline: equal step ranges and axis rects of equal extent.
  auto* timeline = new QSplitter(Qt::Vertical);
  timeline->addWidget(timelineLoss_);
  timeline->addWidget(sharpness_);
  // A network of many layers makes a tall stack: it scrolls rather than squeeze its panels.
  auto* layers = new QScrollArea;
  layers->setWidget(layerCurvature_);
  layers->setWidgetResizable(true);
  layers->setFrameShape(QFrame::NoFrame);
  layers->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  layers->setVisible(false);
  layerCurvatureArea_ = layers;
  // Panels made for a new network while on a projector are as large as the rest.
  connect(layerCurvature_, &LayerCurvatureView::rebuilt, this, [this] {
    if (presentation_) scaleForPresentation(layerCurvature_, kPresentationScale);
  });
  timeline->addWidget(layers);
  timeline->setStretchFactor(0, 2);
  timeline->setStretchFactor(1, 3);
  timeline->setStretchFactor(2, 3);
  timelineLoss_->setMinimumHeight(180);
  for (QCustomPlot* plot : {static_cast<QCustomPlot*>(timelineLoss_), static_cast<QCustomPlot*>(sharpness_)}) {
    plot->axisRect()->setAutoMargins(QCP::msTop | QCP::msBottom);
    plot->axisRect()->setMargins(timelineMargins(false));
  }
  // The loss curve names its loss in a long axis label, too long for this shorter plot.
  connect(timelineLoss_, &QCustomPlot::beforeReplot, timelineLoss_,
          [this] { timelineLoss_->yAxis->setLabel(tr("loss")); });
  tabs_->addTab(page(timeline), tr("Sharpness"));
  tabs_->setTabToolTip(1, tr("Sharpness λmax(H) and the stability threshold against step, under "
                             "the loss (Ctrl+2)"));
  tabs_->addTab(page(spectrum_), tr("Spectrum"));
  tabs_->setTabToolTip(2, tr("Eigenvalues of the Hessian at one step: density, top eigenvalues "
                             "and, for small models, all of them (Ctrl+3)"));
  tabs_->addTab(landscape_, tr("Landscape"));
  tabs_->setTabToolTip(3, tr("The loss around the current parameters along two directions, "
                             "with the training path (Ctrl+4)"));
  tabs_->addTab(collapse_, tr("Collapse"));
  tabs_->setTabToolTip(4, tr("Softmax collapse and grokking: SC fraction per precision, NLM "
                             "alignment, logit and weight norms (Ctrl+5)"));
  curvature_->setParent(tabs_->widget(1));
  tabs_->widget(1)->layout()->addWidget(curvature_);
  connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::onViewChanged);
  for (QCustomPlot* plot : {static_cast<QCustomPlot*>(training_->curve()),
                            static_cast<QCustomPlot*>(timelineLoss_), static_cast<QCustomPlot*>(sharpness_),
                            static_cast<QCustomPlot*>(collapse_->view())})
    cursor_->attach(plot);
}

LossCurveView* MainWindow::lossCurve() const { return training_->curve(); }

void MainWindow::play() { bridge_->play(); }

void MainWindow::showView(View view) { tabs_->setCurrentIndex(static_cast<int>(view)); }

MainWindow::View MainWindow::currentView() const { return static_cast<View>(tabs_->currentIndex()); }

std::optional<MainWindow::View> MainWindow::viewFromName(const QString& name) {
  if (name == QStringLiteral("training") || name == QStringLiteral("loss")) return View::Training;
  if (name == QStringLiteral("sharpness")) return View::Sharpness;
  if (name == QStringLiteral("spectrum")) return View::Spectrum;
  if (name == QStringLiteral("landscape") || name == QStringLiteral("side-by-side")) return View::Landscape;
  if (name == QStringLiteral("collapse")) return View::Collapse;
  return std::nullopt;
}

bool MainWindow::showViewNamed(const QString& name) {
  const auto view = viewFromName(name);
  if (!view) return false;
  showView(*view);
  if (name == QStringLiteral("side-by-side")) landscape_->viewTabs()->setCurrentWidget(landscape_->compared());
  return true;
}

QString MainWindow::viewName(View view) {
  switch (view) {
    case View::Training: return QStringLiteral("training");
    case View::Sharpness: return QStringLiteral("sharpness");
    case View::Spectrum: return QStringLiteral("spectrum");
    case View::Landscape: return QStringLiteral("landscape");
    case View::Collapse: return QStringLiteral("collapse");
  }
  return QStringLiteral("training");
}

void MainWindow::openExperiment(const ExperimentConfig& config, const QString& name) {
  description_->setTitle(name);
  document_->replace(tr("Open %1").arg(name), config);
}

void MainWindow::onDocumentChanged(const ExperimentConfig& config) {
  showHiddenControls(config);
  controls_->showConfig(config);
  // Said where it is seen, before the run starts: the controls' summary may be scrolled away.
  if (!controls_->costWarning().isEmpty())
    status_->showMessage(controls_->costWarning() + tr(" The window stays responsive."), 20000);
  if (needsRestart(bridge_->config(), config) || !bridge_->hasRun()) {
    restartSettle_.start();  // (re)started by every edit: a drag restarts once, where it rests
    return;
  }
  if (restartSettle_.isActive()) return;  // the pending restart takes the whole config
  const auto adam = [](const OptimizerConfig& o) {
    return o.kind == OptimizerKind::Adam || o.kind == OptimizerKind::AdamW;
  };
  const bool becameAdam = adam(config.optimizer) && !adam(bridge_->config().optimizer);
  try {
    bridge_->setTraining(config.optimizer, config.schedule);
  } catch (const InputError& e) {
    status_->showMessage(tr("Not applied: %1").arg(QString::fromUtf8(e.what())), 10000);
    // This runs inside the edit's push onto the undo stack: reject it once the push is done.
    QMetaObject::invokeMethod(document_, &RunDocument::rejectLastEdit, Qt::QueuedConnection);
    return;
  }
  if (becameAdam && config.optimizer.lr > kAdamRateHigh)  // issue #21: a rate in Adam's range
    status_->showMessage(tr("Adam trains at learning rates near %1 (about %2 to %3): at η = %4 it is likely "
                            "to diverge. Lower the learning rate.")
                             .arg(kAdamRate).arg(kAdamRateLow).arg(kAdamRateHigh).arg(config.optimizer.lr),
                         15000);
  curvature_->followOptimizer(config);
  collapse_->showConfig(config);
  comparison_->followTraining(config);
}

void MainWindow::showHiddenControls(const ExperimentConfig& config) {
  QSet<QString> hidden;
  for (const std::string& k : config.hiddenControls) hidden.insert(QString::fromStdString(k));
  controls_->setHiddenControls(hidden);
}

void MainWindow::restartFromDocument() {
  const ExperimentConfig config = document_->config();
  try {
    bridge_->start(config);
  } catch (const InputError& e) {
    status_->showMessage(tr("Cannot start this run: %1").arg(QString::fromUtf8(e.what())), 10000);
    if (bridge_->hasRun()) document_->rejectLastEdit();  // back to the run in force
    return;
  }
  showNewRun(config);
}

void MainWindow::showNewRun(const ExperimentConfig& config) {
  // The old run's pictures are no longer this run's.
  training_->clearRun();
  timelineLoss_->setSnapshot(nullptr);
  sharpness_->setSnapshot(nullptr);
  layerCurvature_->setSnapshot(nullptr);
  probes_->cancel();
  spectrum_->setResult(nullptr);
  curvature_->showNoProbe();  // a spectrum status of the old run would name its step
  landscape_->clearRun();
  collapse_->clearRun();
  comparison_->rebase(config);  // the compared runs start again beside the new run
  if (!pendingCompare_.empty()) startPendingComparisons();  // a preset's, now that its run is on
  curvature_->showConfig(config);
  landscape_->showConfig(config);
  collapse_->showConfig(config);
}

void MainWindow::onSnapshot(const SnapshotPtr& snapshot) {
  training_->showSnapshot(snapshot);
  if (currentView() == View::Sharpness) {  // hidden plots need no frames
    const bool perLayer = snapshot->tracking.every > 0 && snapshot->tracking.perLayer && !snapshot->network.layers.empty();
    // The stack's panels have a trace axis on the right, the loss plot the distance to the
    // gradient flow: the plots keep the same room, so their steps line up.
    const bool rightAxis = snapshot->tracking.every > 0 && (snapshot->tracking.trace || snapshot->tracking.flow);
    const QMargins margins = timelineMargins(rightAxis || perLayer);
    timelineLoss_->axisRect()->setMargins(margins);
    sharpness_->axisRect()->setMargins(margins);
    timelineLoss_->setSnapshot(snapshot);
    sharpness_->setSnapshot(snapshot);
    if (perLayer != layerCurvatureArea_->isVisible()) {
      layerCurvatureArea_->setVisible(perLayer);
      // The loss and the sharpness give up some of their minimum height to the stack: at 1280×800
      // their 180 and 260 pixels left it room for two panels of three and no legend.
      timelineLoss_->setMinimumHeight(perLayer ? 110 : 180);
      sharpness_->setMinimumHeight(perLayer ? 200 : 260);
      // ... and so a shorter axis: "largest eigenvalue" no longer fits along it.
      sharpness_->yAxis->setLabel(perLayer ? tr("eigenvalue") : tr("largest eigenvalue"));
      if (perLayer) {  // its panels now, so that their height is known below
        layerCurvature_->setSnapshot(snapshot);
        layerCurvature_->flushRedraw();
      }
      // The stack takes the room the loss can spare, all it needs where the tab has it (on a
      // 1280×800 projector a 45% share scrolled its third panel and legend out of sight).
      if (auto* timeline = qobject_cast<QSplitter*>(layerCurvatureArea_->parentWidget()); perLayer && timeline) {
        // Shares of a tab at least 640 high: before the window is laid out its height is still 0,
        // and the splitter scales the sizes to whatever height it gets.
        const int h = std::max(timeline->height(), 640);
        const int stack = std::max(h * 45 / 100, std::min(layerCurvature_->minimumSizeHint().height(), h * 60 / 100));
        const int loss = std::max(timelineLoss_->minimumHeight(), (h - stack) * 2 / 5);
        timeline->setSizes({loss, h - stack - loss, stack});
      }
    }
    if (perLayer) {
      layerCurvature_->setPanelMargins(margins);
      layerCurvature_->setSnapshot(snapshot);
    }
  }
  landscape_->showSnapshot(snapshot);
  showRunsSideBySide(comparison_->plotted());
  collapse_->showSnapshot(snapshot);
  status_->showSnapshot(*snapshot);
  controls_->showSnapshot(*snapshot);
  curvature_->showSnapshot(*snapshot);
}

void MainWindow::onPlayingChanged(bool playing) {
  actions_->showPlaying(playing);
  landscape_->setRunPlaying(playing);
  collapse_->setRunPlaying(playing);
}

void MainWindow::togglePlay() {
  if (!bridge_->isPlaying() && refuseDiverged()) return;
  bridge_->togglePlay();
}

bool MainWindow::refuseDiverged() {
  const SnapshotPtr s = bridge_->latest();
  if (!s || s->state != RunStatus::Diverged) return false;
  // Issue #21: Play after a divergence did nothing, silently.
  status_->showMessage(tr("Diverged at step %1 — Reset (R) to start again, with a lower learning rate η "
                          "or it diverges again.").arg(s->divergedAtStep), 15000);
  return true;
}

void MainWindow::stepOneEpoch() {
  if (refuseDiverged()) return;
  const SnapshotPtr s = bridge_->latest();
  if (!s || !s->data) return;
  const auto& batch = s->config.optimizer.batchSize;
  const long n = s->data->train.size();
  bridge_->step(batch && *batch < n ? (n + *batch - 1) / *batch : 1);  // one pass over the data
}

}  // namespace losslab
