#include "main_window.hpp"

#include <QAction>
#include <QHBoxLayout>
#include <QStyle>
#include <QToolBar>

#include "control_panel.hpp"
#include "losslab/core/error.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "session_bridge.hpp"

namespace losslab {

MainWindow::MainWindow(const ExperimentConfig& config, QWidget* parent)
    : QMainWindow(parent),
      bridge_(new SessionBridge(this)),
      controls_(new ControlPanel(this)),
      curve_(new LossCurveView(this)),
      status_(new RunStatusBar(this)) {
  setWindowTitle(tr("LossLab"));
  resize(1280, 800);

  auto* central = new QWidget(this);
  auto* layout = new QHBoxLayout(central);
  layout->addWidget(controls_);
  layout->addWidget(curve_, 1);
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
}

void MainWindow::play() { bridge_->play(); }

void MainWindow::restartWith(const ExperimentConfig& config) {
  try {
    bridge_->start(config);
    curve_->setSnapshot(nullptr);  // the old run's curve is no longer this run's
  } catch (const InputError& e) {
    status_->showMessage(tr("Cannot start this run: %1").arg(QString::fromUtf8(e.what())), 10000);
  }
  // Either way, show the run that is in force: the new one, or the old one it could not replace.
  controls_->showConfig(bridge_->config());
}

void MainWindow::onSnapshot(const SnapshotPtr& snapshot) {
  curve_->setSnapshot(snapshot);
  status_->showSnapshot(*snapshot);
  controls_->showSnapshot(*snapshot);
}

void MainWindow::onPlayingChanged(bool playing) {
  playPause_->setText(playing ? tr("Pause") : tr("Play"));
  playPause_->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause
                                                    : QStyle::SP_MediaPlay));
}

}  // namespace losslab
