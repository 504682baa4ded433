#pragma once
// The curvature settings beside the sharpness and spectrum views: what the run measures as it
// trains (every N steps; also tr H, λmax(G), λmax(P⁻¹H)), on which data and to what tolerance,
// and the spectrum probe of the current step with its progress bar and Cancel button.
#include <QWidget>

#include "losslab/config/experiment.hpp"
#include "losslab/probes/spectrum_probe.hpp"
#include "losslab/run/curvature_tracking.hpp"
#include "losslab/run/snapshot.hpp"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace losslab {

class CurvatureControls : public QWidget {
  Q_OBJECT

 public:
  explicit CurvatureControls(QWidget* parent = nullptr);

  CurvatureTracking tracking() const;        // as the controls say
  SpectrumRequest spectrumRequest() const;   // as the controls say

  // Offers λmax(P⁻¹H) for Adam only. Emits nothing.
  void showConfig(const ExperimentConfig& config);
  // The user changed the optimizer of the running network: as showConfig, and when it became
  // Adam, ticks λmax(P⁻¹H) (emitting trackingChanged if the run tracks curvature).
  void followOptimizer(const ExperimentConfig& config);
  // The controls say what a run measures already (a session opened with its own tracking).
  // Emits nothing: the run has it.
  void showTracking(const CurvatureTracking& tracking);
  // Bounds the subset by the training set's size.
  void showSnapshot(const Snapshot& snapshot);

  // The probe's life, as ProbeRunner reports it.
  void showProbeStarted(long step);
  void showProbeProgress(double fraction);
  void showProbeFinished(const SpectrumResult& result);
  void showProbeFailed(const QString& message);
  void showProbeCancelled();
  void showNoProbe();  // a new run: nothing computed for it yet

  // The settings are keyed as the experiment file names them ("tracking.sharpness_every",
  // "spectrum.top_k"; setControlKey); the command line sets the interval through its box.
  QSpinBox* everyBox() const { return every_; }
  QPushButton* computeButton() const { return compute_; }
  QPushButton* cancelButton() const { return cancel_; }
  QProgressBar* progressBar() const { return progress_; }
  QLabel* statusLabel() const { return status_; }

 Q_SIGNALS:
  void trackingChanged(const losslab::CurvatureTracking& tracking);
  void computeRequested();
  void cancelRequested();

 private:
  bool eventFilter(QObject* watched, QEvent* event) override;
  QWidget* buildTrackingGroup();
  QWidget* buildDataGroup();
  QWidget* buildSpectrumGroup();
  void setProbeRunning(bool running);
  void emitTracking();

  QSpinBox* every_ = nullptr;
  QComboBox* method_ = nullptr;
  QCheckBox* trace_ = nullptr;
  QCheckBox* gaussNewton_ = nullptr;
  QCheckBox* preconditioned_ = nullptr;
  QCheckBox* perLayer_ = nullptr;
  QCheckBox* gfs_ = nullptr;
  QCheckBox* flow_ = nullptr;
  bool mse_ = false;  // the GFS sharpness needs a loss with a minimum
  bool plainDescent_ = true;  // the reference gradient flow is the limit of plain gradient descent
  bool adam_ = false;  // the optimizer last shown is Adam's
  QSpinBox* subset_ = nullptr;
  QCheckBox* minibatch_ = nullptr;
  QComboBox* tolerance_ = nullptr;
  QSpinBox* topK_ = nullptr;
  QComboBox* operator_ = nullptr;
  QPushButton* compute_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
};

}  // namespace losslab
