// MainWindow, its modes: presentation mode for projectors (full screen, larger text and lines,
// secondary controls hidden) and "Restore defaults".
#include <QAction>
#include <QDockWidget>
#include <QTabWidget>

#include "controls/experiment_controls.hpp"
#include "document/experiment_file.hpp"
#include "main_window/main_window.hpp"
#include "main_window/presentation_mode.hpp"
#include "main_window/screen_fit.hpp"
#include "main_window/window_actions.hpp"
#include "main_window/window_settings.hpp"
#include "tabs/collapse_tab.hpp"

namespace losslab {

void MainWindow::setPresentationMode(bool on) {
  if (on == presentation_) return;
  presentation_ = on;
  {
    const QSignalBlocker quiet(actions_->presentation);
    actions_->presentation->setChecked(on);
  }
  scaleForPresentation(this, on ? kPresentationScale : 1.0);
  controls_->setPresentation(on);  // the preset's few controls, as wide as they need
  collapse_->setPresentation(on);
  // No wider either: the views get the projector (the controls took 45 % of it, issue #21).
  const int side = controls_->minimumWidth() + 24;
  for (QDockWidget* d : {controlDock_, descriptionDock_}) d->setMaximumWidth(on ? side : QWIDGETSIZE_MAX);
  resizeDocks({controlDock_}, {side}, Qt::Horizontal);
  onViewChanged(tabs_->currentIndex());  // the curvature controls beside the sharpness plot or not
  if (on)
    showFullScreen();
  else
    showNormal();
}

void MainWindow::restoreDefaults() {
  setPresentationMode(false);
  clearWindowSettings();
  actions_->logLoss->setChecked(false);
  actions_->logCurvature->setChecked(false);
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
