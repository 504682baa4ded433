// MainWindow, its modes: presentation mode for projectors (full screen, larger text and lines,
// secondary controls hidden) and "Restore defaults".
#include <QAction>
#include <QDockWidget>
#include <QTabWidget>

#include "control_panel.hpp"
#include "experiment_file.hpp"
#include "main_window.hpp"
#include "presentation_mode.hpp"
#include "screen_fit.hpp"
#include "window_settings.hpp"

namespace losslab {

void MainWindow::setPresentationMode(bool on) {
  if (on == presentation_) return;
  presentation_ = on;
  {
    const QSignalBlocker quiet(presentationAction_);
    presentationAction_->setChecked(on);
  }
  scaleForPresentation(this, on ? 1.4 : 1.0);
  controls_->setPresentation(on);
  if (on)
    showFullScreen();
  else
    showNormal();
}

void MainWindow::restoreDefaults() {
  setPresentationMode(false);
  clearWindowSettings();
  logScale_->setChecked(false);
  logCurvature_->setChecked(false);
  removeDockWidget(controlDock_);
  removeDockWidget(descriptionDock_);
  addDockWidget(Qt::LeftDockWidgetArea, controlDock_);
  placeDescriptionDock();
  controlDock_->show();
  descriptionDock_->show();
  tabs_->setCurrentIndex(0);
  resizeWithinScreen(*this, {1440, 900});
  const ExperimentConfig preset = loadExperimentFile(defaultPresetPath());
  openExperiment(preset, tr("the default preset"));
  presentExperiment(preset);
}

}  // namespace losslab
