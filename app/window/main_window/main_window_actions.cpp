// MainWindow, its commands: the run toolbar (play, step, epoch, reset, new seed, undo, redo,
// log axes, presentation), the menus, and the keyboard shortcuts of the frequent actions.
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QComboBox>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>

#include "document/experiment_file.hpp"
#include "document/run_document.hpp"
#include "losslab/core/error.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "main_window/main_window.hpp"
#include "main_window/screen_fit.hpp"
#include "runs/run_bridge.hpp"
#include "sweeps/sweep_window.hpp"
#include "tabs/training_tab.hpp"

namespace losslab {

void MainWindow::buildActions() {
  QToolBar* bar = addToolBar(tr("Run"));
  bar->setObjectName(QStringLiteral("runToolBar"));
  bar->setMovable(false);
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->setIconSize(QSize(24, 24));

  playPause_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"));
  playPause_->setShortcut(Qt::Key_Space);
  playPause_->setToolTip(tr("Train continuously, or pause (Space)"));
  connect(playPause_, &QAction::triggered, this, &MainWindow::togglePlay);

  step_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Step"));
  step_->setShortcuts({QKeySequence(Qt::Key_S), QKeySequence(Qt::Key_Right)});
  step_->setToolTip(tr("Take exactly one optimizer step, then pause (S or Right arrow)"));
  connect(step_, &QAction::triggered, bridge_, [this] {
    if (!refuseDiverged()) bridge_->step(1);
  });
  stepEpoch_ = bar->addAction(tr("Epoch"));
  stepEpoch_->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_S), QKeySequence(Qt::SHIFT | Qt::Key_Right)});
  stepEpoch_->setToolTip(tr("Train one epoch (one pass over the training set: one step for "
                            "full-batch GD), then pause (Shift+S or Shift+Right)"));
  connect(stepEpoch_, &QAction::triggered, this, &MainWindow::stepOneEpoch);

  reset_ = bar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reset"));
  reset_->setShortcut(Qt::Key_R);
  reset_->setToolTip(tr("Back to step 0 with the same seed: the same initial weights and the "
                        "same run again (R)"));
  connect(reset_, &QAction::triggered, bridge_, &RunBridge::reset);
  newSeed_ = bar->addAction(tr("New seed"));
  newSeed_->setShortcut(Qt::Key_N);
  newSeed_->setToolTip(tr("Start again from step 0 with the next seed: new data and new initial "
                          "weights (N; undo with Ctrl+Z)"));
  connect(newSeed_, &QAction::triggered, this, [this] {
    document_->edit(tr("New seed"), QStringLiteral("seed.next"), [](ExperimentConfig& c) { ++c.seed; });
  });

  pace_ = new QComboBox(bar);
  pace_->addItem(tr("full speed"), 0);
  for (int n : {1, 2, 5, 10, 50, 100, 500}) pace_->addItem(tr("%n step(s)/frame", nullptr, n), n);
  pace_->setToolTip(tr("Steps per frame while playing: 1 shows every single step (about 30 a "
                       "second), full speed trains as fast as the machine can"));
  bar->addWidget(pace_);
  connect(pace_, &QComboBox::activated, this, [this](int i) { setPace(pace_->itemData(i).toInt()); });
  buildComparison(bar);  // main_window_compare.cpp

  bar->addSeparator();
  undo_ = document_->undoStack()->createUndoAction(this, tr("Undo"));
  undo_->setShortcut(QKeySequence::Undo);
  undo_->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
  redo_ = document_->undoStack()->createRedoAction(this, tr("Redo"));
  redo_->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
  redo_->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
  bar->addAction(undo_);
  bar->addAction(redo_);

  bar->addSeparator();
  logScale_ = bar->addAction(tr("Log loss"));
  logScale_->setCheckable(true);
  logScale_->setShortcut(Qt::Key_L);
  logScale_->setToolTip(tr("Logarithmic loss axis: shows progress once the loss is small (L)"));
  connect(logScale_, &QAction::toggled, training_->curve(), &LossCurveView::setLogScale);
  connect(logScale_, &QAction::toggled, timelineLoss_, &LossCurveView::setLogScale);
  logCurvature_ = bar->addAction(tr("Log curvature"));
  logCurvature_->setCheckable(true);
  logCurvature_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_L));
  logCurvature_->setToolTip(tr("Logarithmic axis for the sharpness and trace: curvature that "
                               "grows by orders of magnitude stays readable (Shift+L)"));
  connect(logCurvature_, &QAction::toggled, sharpness_, &SharpnessView::setLogScale);
  presentationAction_ = new QAction(tr("Presentation mode"), this);
  presentationAction_->setCheckable(true);
  presentationAction_->setShortcut(Qt::Key_F11);
  presentationAction_->setToolTip(tr("Full screen, larger text and lines for a projector, "
                                     "secondary controls hidden (F11)"));
  connect(presentationAction_, &QAction::toggled, this, &MainWindow::setPresentationMode);
  bar->addAction(presentationAction_);

  const int keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5};
  for (int i = 0; i < 5; ++i) {  // Ctrl+1..5 switch views
    auto* show = new QAction(this);
    show->setShortcut(QKeySequence(Qt::CTRL | keys[i]));
    connect(show, &QAction::triggered, tabs_, [this, i] { tabs_->setCurrentIndex(i); });
    addAction(show);
  }
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  addSessionActions(file);  // Ctrl+O, Ctrl+S, Ctrl+Shift+S: sessions, the whole run
  file->addSeparator();
  file->addAction(tr("&Open experiment…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                  &MainWindow::openExperimentFile);
  file->addAction(tr("Save &experiment as…"), this, &MainWindow::saveExperimentFile);
  file->addAction(tr("Save as &preset…"), this, &MainWindow::savePreset);
  file->addSeparator();
  file->addAction(tr("&Import model…"), this, &MainWindow::importModelDialog);
  file->addAction(tr("Export &model…"), this, &MainWindow::exportModelDialog);
  file->addSeparator();
  file->addAction(tr("&Export figure…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportCurrentFigure);
  file->addAction(tr("Export &all views…"), this, &MainWindow::exportAllFigures);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addAction(undo_);
  edit->addAction(redo_);
  edit->addSeparator();
  edit->addAction(tr("Restore &defaults"), this, &MainWindow::restoreDefaults);

  QMenu* run = menuBar()->addMenu(tr("&Run"));
  for (QAction* a : {playPause_, step_, stepEpoch_, reset_, newSeed_}) run->addAction(a);
  addComparisonMenu(run);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (int i = 0; i < tabs_->count(); ++i)
    view->addAction(tabs_->tabText(i), this, [this, i] { tabs_->setCurrentIndex(i); });
  view->addSeparator();
  for (QAction* a : {logScale_, logCurvature_, presentationAction_}) view->addAction(a);

  QMenu* tools = menuBar()->addMenu(tr("&Tools"));
  tools->addAction(tr("&Sweeps and phase diagrams…"), this, &MainWindow::showSweeps);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
  help->addAction(tr("&About LossLab"), this, [this] {
    QMessageBox::about(this, tr("About LossLab"),
                       tr("<b>LossLab %1</b><p>See how small neural networks learn: loss "
                          "landscapes, Hessian spectra, softmax collapse and sharpness, live."
                          "</p>").arg(QApplication::applicationVersion()));
  });
}

void MainWindow::showSweeps() {
  if (!sweeps_) {
    sweeps_ = new SweepWindow(this);
    sweeps_->setWindowFlag(Qt::Window);
    sweeps_->setWindowTitle(tr("LossLab — sweeps"));
    resizeWithinScreen(*sweeps_, {1200, 800});
    // A point of the sweep opens in the main views: the same experiment and seed, trained again
    // from step 0, gives the same numbers (runs are deterministic).
    connect(sweeps_, &SweepWindow::runOpenRequested, this, [this](const QString& experiment, const QString&) {
      try {
        openExperiment(loadExperimentFile(experiment), QFileInfo(experiment).dir().dirName());
        raise();
        activateWindow();
      } catch (const InputError& e) {
        QMessageBox::warning(this, tr("Open run"), QString::fromUtf8(e.what()));
      }
    });
  }
  sweeps_->show();
  sweeps_->raise();
}

void MainWindow::showShortcuts() {
  QMessageBox::information(
      this, tr("Keyboard shortcuts"),
      tr("<table cellpadding=3>"
         "<tr><td><b>Ctrl+O</b> / <b>Ctrl+S</b> / <b>Ctrl+Shift+S</b></td><td>open / save / save as a session</td></tr>"
         "<tr><td><b>Ctrl+Shift+O</b></td><td>open an experiment</td></tr>"
         "<tr><td><b>Space</b></td><td>play / pause</td></tr>"
         "<tr><td><b>S</b> or <b>→</b></td><td>one step</td></tr>"
         "<tr><td><b>Shift+S</b> or <b>Shift+→</b></td><td>one epoch</td></tr>"
         "<tr><td><b>R</b></td><td>reset to step 0, same seed</td></tr>"
         "<tr><td><b>N</b></td><td>new seed</td></tr>"
         "<tr><td><b>Ctrl+Z</b> / <b>Ctrl+Shift+Z</b></td><td>undo / redo a change</td></tr>"
         "<tr><td><b>L</b> / <b>Shift+L</b></td><td>log loss / log curvature axis</td></tr>"
         "<tr><td><b>Ctrl+1</b> … <b>Ctrl+5</b></td><td>training, sharpness, spectrum, landscape, collapse</td></tr>"
         "<tr><td><b>F11</b></td><td>presentation mode</td></tr></table>"));
}

}  // namespace losslab
