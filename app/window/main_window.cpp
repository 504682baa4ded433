#include "main_window.hpp"

#include <QAction>
#include <QHBoxLayout>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>

#include "control_panel.hpp"
#include "curvature_panel.hpp"
#include "losslab/core/error.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "probe_runner.hpp"
#include "session_bridge.hpp"

namespace losslab {

namespace {
// Fixed left and right margins give the loss and the sharpness axis rects the same horizontal
// extent, so a step sits at the same x in both; the trace's axis takes room on the right.
QMargins timelineMargins(bool traceAxis) { return QMargins(92, 0, traceAxis ? 92 : 28, 0); }
}  // namespace

MainWindow::MainWindow(const ExperimentConfig& config, QWidget* parent)
    : QMainWindow(parent),
      bridge_(new SessionBridge(this)),
      probes_(new ProbeRunner(this)),
      controls_(new ControlPanel(this)),
      curvature_(new CurvaturePanel(this)),
      curve_(new LossCurveView(this)),
      timelineLoss_(new LossCurveView(this)),
      sharpness_(new SharpnessView(this)),
      spectrum_(new SpectrumView(this)),
      status_(new RunStatusBar(this)) {
  setWindowTitle(tr("LossLab"));
  resize(1280, 800);

  auto* central = new QWidget(this);
  auto* layout = new QHBoxLayout(central);
  layout->addWidget(controls_);
  buildViews();
  layout->addWidget(tabs_, 1);
  setCentralWidget(central);
  setStatusBar(status_);
  buildActions();

  connect(bridge_, &SessionBridge::snapshotArrived, this, &MainWindow::onSnapshot);
  connect(bridge_, &SessionBridge::playingChanged, this, &MainWindow::onPlayingChanged);
  connect(controls_, &ControlPanel::learningRateChanged, bridge_, &SessionBridge::setLearningRate);
  connect(controls_, &ControlPanel::dataKindChanged, this, [this](const QString& kind) {
    ExperimentConfig next = bridge_->config();
    next.data.kind = kind.toStdString();
    restartWith(next);
  });
  connect(controls_, &ControlPanel::hiddenWidthChanged, this, [this](int width) {
    ExperimentConfig next = bridge_->config();
    for (int& w : next.model.hidden) w = width;  // same depth, new width
    restartWith(next);
  });
  connectCurvature();

  restartWith(config);
}

void MainWindow::buildActions() {
  QToolBar* bar = addToolBar(tr("Run"));
  bar->setObjectName(QStringLiteral("runToolBar"));
  bar->setMovable(false);
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->setIconSize(QSize(24, 24));

  playPause_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"));
  playPause_->setShortcut(Qt::Key_Space);
  playPause_->setToolTip(tr("Train continuously, or pause (Space)"));
  connect(playPause_, &QAction::triggered, bridge_, &SessionBridge::togglePlay);

  step_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Step"));
  step_->setShortcuts({QKeySequence(Qt::Key_S), QKeySequence(Qt::Key_Right)});
  step_->setToolTip(tr("Take exactly one optimizer step, then pause (S or Right arrow)"));
  connect(step_, &QAction::triggered, bridge_, [this] { bridge_->step(1); });

  reset_ = bar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reset"));
  reset_->setShortcut(Qt::Key_R);
  reset_->setToolTip(tr("Back to step 0 with the same seed: the same initial weights and the "
                        "same run again (R)"));
  connect(reset_, &QAction::triggered, bridge_, &SessionBridge::reset);

  bar->addSeparator();
  logScale_ = bar->addAction(tr("Log loss axis"));
  logScale_->setCheckable(true);
  logScale_->setShortcut(Qt::Key_L);
  logScale_->setToolTip(tr("Logarithmic loss axis: shows progress once the loss is small (L)"));
  connect(logScale_, &QAction::toggled, curve_, &LossCurveView::setLogScale);
  connect(logScale_, &QAction::toggled, timelineLoss_, &LossCurveView::setLogScale);

  logCurvature_ = bar->addAction(tr("Log curvature axis"));
  logCurvature_->setCheckable(true);
  logCurvature_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_L));
  logCurvature_->setToolTip(tr("Logarithmic axis for the sharpness and trace: curvature that "
                               "grows by orders of magnitude stays readable (Shift+L)"));
  connect(logCurvature_, &QAction::toggled, sharpness_, &SharpnessView::setLogScale);

  const int keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3};
  for (int i = 0; i < 3; ++i) {  // Ctrl+1..3 switch views
    auto* show = new QAction(this);
    show->setShortcut(QKeySequence(Qt::CTRL | keys[i]));
    connect(show, &QAction::triggered, tabs_, [this, i] { tabs_->setCurrentIndex(i); });
    addAction(show);
  }
}

void MainWindow::buildViews() {
  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);
  tabs_->addTab(curve_, tr("Loss"));
  tabs_->setTabToolTip(0, tr("Training and test loss against step (Ctrl+1)"));

  // Loss above sharpness, one timeline: equal step ranges and axis rects of equal extent.
  auto* timeline = new QSplitter(Qt::Vertical);
  timeline->addWidget(timelineLoss_);
  timeline->addWidget(sharpness_);
  timeline->setStretchFactor(0, 2);
  timeline->setStretchFactor(1, 3);
  timelineLoss_->setMinimumHeight(180);
  for (QCustomPlot* plot : {static_cast<QCustomPlot*>(timelineLoss_), static_cast<QCustomPlot*>(sharpness_)}) {
    plot->axisRect()->setAutoMargins(QCP::msTop | QCP::msBottom);
    plot->axisRect()->setMargins(timelineMargins(false));
  }
  // The loss curve names its loss in a long axis label, too long for this shorter plot; the
  // Loss tab keeps the full name.
  connect(timelineLoss_, &QCustomPlot::beforeReplot, timelineLoss_,
          [this] { timelineLoss_->yAxis->setLabel(tr("loss")); });
  auto page = [](QWidget* view) {
    auto* p = new QWidget;
    auto* row = new QHBoxLayout(p);
    row->setContentsMargins(0, 4, 0, 0);
    row->addWidget(view, 1);
    return p;
  };
  tabs_->addTab(page(timeline), tr("Sharpness"));
  tabs_->setTabToolTip(1, tr("Sharpness λmax(H) and the stability threshold against step, under "
                             "the loss (Ctrl+2)"));
  tabs_->addTab(page(spectrum_), tr("Spectrum"));
  tabs_->setTabToolTip(2, tr("Eigenvalues of the Hessian at one step: density, top eigenvalues "
                             "and, for small models, all of them (Ctrl+3)"));
  curvature_->setParent(tabs_->widget(1));
  tabs_->widget(1)->layout()->addWidget(curvature_);
  connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::onViewChanged);
}

void MainWindow::play() { bridge_->play(); }

void MainWindow::showView(View view) { tabs_->setCurrentIndex(static_cast<int>(view)); }

MainWindow::View MainWindow::currentView() const { return static_cast<View>(tabs_->currentIndex()); }

std::optional<MainWindow::View> MainWindow::viewFromName(const QString& name) {
  if (name == QStringLiteral("loss")) return View::Loss;
  if (name == QStringLiteral("sharpness")) return View::Sharpness;
  if (name == QStringLiteral("spectrum")) return View::Spectrum;
  return std::nullopt;
}

void MainWindow::restartWith(const ExperimentConfig& config) {
  try {
    bridge_->start(config);
    // The old run's curves and spectrum are no longer this run's.
    for (LossCurveView* c : {curve_, timelineLoss_}) c->setSnapshot(nullptr);
    sharpness_->setSnapshot(nullptr);
    probes_->cancel();
    spectrum_->setResult(nullptr);
  } catch (const InputError& e) {
    status_->showMessage(tr("Cannot start this run: %1").arg(QString::fromUtf8(e.what())), 10000);
  }
  // Either way, show the run that is in force: the new one, or the old one it could not replace.
  controls_->showConfig(bridge_->config());
  curvature_->showConfig(bridge_->config());
}

void MainWindow::onSnapshot(const SnapshotPtr& snapshot) {
  curve_->setSnapshot(snapshot);
  if (currentView() == View::Sharpness) {  // hidden plots need no frames
    const QMargins margins = timelineMargins(snapshot->tracking.trace);
    timelineLoss_->axisRect()->setMargins(margins);
    sharpness_->axisRect()->setMargins(margins);
    timelineLoss_->setSnapshot(snapshot);
    sharpness_->setSnapshot(snapshot);
  }
  status_->showSnapshot(*snapshot);
  controls_->showSnapshot(*snapshot);
  curvature_->showSnapshot(*snapshot);
}

void MainWindow::onPlayingChanged(bool playing) {
  playPause_->setText(playing ? tr("Pause") : tr("Play"));
  playPause_->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause
                                                    : QStyle::SP_MediaPlay));
}

}  // namespace losslab
