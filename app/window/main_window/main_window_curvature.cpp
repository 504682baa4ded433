// MainWindow, the curvature half: the curvature controls follow the tab that shows a curvature
// view, tracking settings go to the run, and spectrum probes run off the GUI thread.
#include <QLocale>
#include <QTabWidget>

#include "controls/experiment_controls.hpp"
#include "controls/curvature_controls.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "losslab/widgets/sharpness_view.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "main_window/main_window.hpp"
#include "runs/probe_runner.hpp"
#include "runs/run_bridge.hpp"

namespace losslab {

void MainWindow::connectCurvature() {
  connect(curvature_, &CurvatureControls::trackingChanged, bridge_, &RunBridge::setCurvatureTracking);
  connect(curvature_, &CurvatureControls::trackingChanged, controls_, &ExperimentControls::setCurvatureTracking);
  connect(curvature_, &CurvatureControls::computeRequested, this, &MainWindow::computeSpectrum);
  connect(curvature_, &CurvatureControls::cancelRequested, probes_, &ProbeRunner::cancel);
  connect(probes_, &ProbeRunner::progressed, curvature_, &CurvatureControls::showProbeProgress);
  connect(probes_, &ProbeRunner::finished, this, &MainWindow::showSpectrum);
  connect(probes_, &ProbeRunner::failed, this, [this](const QString& message) {
    curvature_->showProbeFailed(message);
    spectrum_->setStatus(tr("<b>Could not compute the spectrum:</b> %1").arg(message.toHtmlEscaped()));
  });
  connect(probes_, &ProbeRunner::cancelled, this, [this] {
    curvature_->showProbeCancelled();
    spectrum_->setStatus(tr("<b>Cancelled.</b>"));
  });
}

void MainWindow::onViewChanged(int index) {
  const View view = static_cast<View>(index);
  if (view == View::Sharpness || view == View::Spectrum) {  // one set, beside either view
    tabs_->widget(index)->layout()->addWidget(curvature_);
    // On a projector the sharpness plot gets the width: the preset sets what is measured, and
    // the Spectrum tab keeps the controls for their Compute button.
    curvature_->setVisible(!(presentation_ && view == View::Sharpness));
  }
  if (view == View::Sharpness && bridge_->latest()) onSnapshot(bridge_->latest());
}

void MainWindow::computeSpectrum() {
  const SnapshotPtr snapshot = bridge_->latest();
  if (!snapshot) {
    status_->showMessage(tr("There is no run to measure."), 5000);
    return;
  }
  probes_->runSpectrum(snapshot, curvature_->spectrumRequest());
  curvature_->showProbeStarted(snapshot->step);
  spectrum_->setStatus((bridge_->isPlaying() ? tr("<b>Computing the spectrum of step %1…</b> Training goes on.")
                                              : tr("<b>Computing the spectrum of step %1…</b>"))
                           .arg(QLocale().toString(static_cast<qlonglong>(snapshot->step))));
  showView(View::Spectrum);
}

void MainWindow::showSpectrum(const SpectrumResultPtr& result) {
  spectrum_->setResult(result);
  curvature_->showProbeFinished(*result);
}

}  // namespace losslab
