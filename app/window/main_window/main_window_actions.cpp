// MainWindow, what its commands do: each action of WindowActions (window_actions.hpp: the
// texts, shortcuts and places) connected to the run, the document, the views and the files.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QTabWidget>

#include "document/experiment_file.hpp"
#include "losslab/core/cpu_level.hpp"
#include "document/run_document.hpp"
#include "losslab/core/error.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/layer_curvature_view.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "losslab/widgets/collapse_view.hpp"
#include "losslab/widgets/timeline_cursor.hpp"
#include "tabs/collapse_tab.hpp"
#include "main_window/main_window.hpp"
#include "main_window/screen_fit.hpp"
#include "main_window/window_actions.hpp"
#include "runs/run_bridge.hpp"
#include "session_files/session_files.hpp"
#include "sweeps/sweep_window.hpp"
#include "tabs/training_tab.hpp"

namespace losslab {

void MainWindow::setTimeAxis(TimeAxis axis) {
  for (LossCurveView* v : {training_->curve(), timelineLoss_}) v->setTimeAxis(axis);
  sharpness_->setTimeAxis(axis);
  layerCurvature_->setTimeAxis(axis);
  collapse_->view()->setTimeAxis(axis);
  cursor_->setTimeAxis(axis);
}

void MainWindow::buildActions() {
  actions_ = new WindowActions(this, document_->undoStack());
  pace_ = new QComboBox(this);
  pace_->addItem(tr("full speed"), 0);
  for (int n : {1, 2, 5, 10, 50, 100, 500}) pace_->addItem(tr("%n step(s)/frame", nullptr, n), n);
  pace_->setToolTip(tr("Steps per frame while playing: 1 shows every single step (about 30 a "
                       "second), full speed trains as fast as the machine can"));
  actions_->addRunToolBar(pace_);
  QStringList views;
  for (int i = 0; i < tabs_->count(); ++i) views << tabs_->tabText(i);
  actions_->addMenus(views);

  const WindowActions& a = *actions_;
  connect(a.playPause, &QAction::triggered, this, &MainWindow::togglePlay);
  connect(a.step, &QAction::triggered, bridge_, [this] {
    if (!refuseDiverged()) bridge_->step(1);
  });
  connect(a.stepEpoch, &QAction::triggered, this, &MainWindow::stepOneEpoch);
  connect(a.reset, &QAction::triggered, bridge_, &RunBridge::reset);
  connect(a.newSeed, &QAction::triggered, this, [this] {
    document_->edit(tr("New seed"), QStringLiteral("seed.next"), [](ExperimentConfig& c) { ++c.seed; });
  });
  connect(pace_, &QComboBox::activated, this, [this](int i) { setPace(pace_->itemData(i).toInt()); });
  connect(a.compare, &QAction::triggered, this, &MainWindow::compareDialog);
  connect(a.restoreDefaults, &QAction::triggered, this, &MainWindow::restoreDefaults);

  connect(a.logLoss, &QAction::toggled, training_->curve(), &LossCurveView::setLogScale);
  connect(a.logLoss, &QAction::toggled, timelineLoss_, &LossCurveView::setLogScale);
  connect(a.logCurvature, &QAction::toggled, sharpness_, &SharpnessView::setLogScale);
  connect(a.logCurvature, &QAction::toggled, layerCurvature_, &LayerCurvatureView::setLogScale);
  connect(a.effectiveTime, &QAction::toggled, this, [this](bool on) {
    setTimeAxis(on ? TimeAxis::EffectiveTime : TimeAxis::Steps);
  });
  connect(a.presentation, &QAction::toggled, this, &MainWindow::setPresentationMode);
  for (std::size_t i = 0; i < a.showView.size(); ++i)
    connect(a.showView[i], &QAction::triggered, tabs_, [this, i] { tabs_->setCurrentIndex(int(i)); });

  connect(a.openSession, &QAction::triggered, files_, &SessionFiles::openDialog);
  connect(a.saveSession, &QAction::triggered, files_, &SessionFiles::save);
  connect(a.saveSessionAs, &QAction::triggered, files_, &SessionFiles::saveDialog);
  connect(a.openExperiment, &QAction::triggered, this, &MainWindow::openExperimentFile);
  connect(a.saveExperiment, &QAction::triggered, this, &MainWindow::saveExperimentFile);
  connect(a.savePreset, &QAction::triggered, this, &MainWindow::savePreset);
  connect(a.importModel, &QAction::triggered, this, &MainWindow::importModelDialog);
  connect(a.exportModel, &QAction::triggered, this, &MainWindow::exportModelDialog);
  connect(a.exportFigure, &QAction::triggered, this, &MainWindow::exportCurrentFigure);
  connect(a.exportAllViews, &QAction::triggered, this, &MainWindow::exportAllFigures);
  connect(a.quit, &QAction::triggered, this, &QWidget::close);
  connect(a.sweeps, &QAction::triggered, this, &MainWindow::showSweeps);
  connect(a.shortcuts, &QAction::triggered, this, [this] {
    QMessageBox::information(this, tr("Keyboard shortcuts"), WindowActions::shortcutsTable());
  });
  connect(a.about, &QAction::triggered, this, [this] {
    QMessageBox::about(this, tr("About LossLab"),
                       tr("<b>LossLab %1</b><p>See how small neural networks learn: loss "
                          "landscapes, Hessian spectra, softmax collapse and sharpness, live."
                          "</p><p>Engine kernels: %2 (LOSSLAB_CPU_LEVEL=v2, v3 or v4 picks a "
                          "lower level)</p>")
                           .arg(QApplication::applicationVersion(),
                                QString::fromStdString(cpuLevelInUse().label)));
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

}  // namespace losslab
