#pragma once
// The LossLab window: a control panel, run buttons and a status bar around three views of one
// training run, in tabs: the loss curve; the sharpness trajectory under the loss on the same
// timeline; the Hessian spectrum of a chosen step. The curvature panel sits beside the two
// curvature views. Everything drives the run through the SessionBridge, and curvature probes
// run off the GUI thread through the ProbeRunner.
#include <QMainWindow>
#include <optional>

#include "losslab/config/experiment.hpp"
#include "losslab/session/snapshot.hpp"
#include "losslab/widgets/spectrum_result.hpp"

class QAction;
class QTabWidget;

namespace losslab {

class ControlPanel;
class CurvaturePanel;
class LossCurveView;
class ProbeRunner;
class RunStatusBar;
class SessionBridge;
class SharpnessView;
class SpectrumView;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  enum class View { Loss, Sharpness, Spectrum };

  // Starts a run of `config`, paused at step 0 (call play() to set it going). A config the
  // engine rejects is reported in the status bar and leaves the window without a run.
  explicit MainWindow(const ExperimentConfig& config, QWidget* parent = nullptr);

  void play();
  void showView(View view);
  View currentView() const;
  // "loss", "sharpness", "spectrum" (the --view option); nullopt for anything else.
  static std::optional<View> viewFromName(const QString& name);

  SessionBridge* bridge() const { return bridge_; }
  ControlPanel* controls() const { return controls_; }
  CurvaturePanel* curvatureControls() const { return curvature_; }
  ProbeRunner* probes() const { return probes_; }
  LossCurveView* lossCurve() const { return curve_; }
  LossCurveView* timelineLossCurve() const { return timelineLoss_; }  // above the sharpness
  SharpnessView* sharpnessView() const { return sharpness_; }
  SpectrumView* spectrumView() const { return spectrum_; }
  QTabWidget* viewTabs() const { return tabs_; }
  RunStatusBar* runStatus() const { return status_; }
  QAction* playPauseAction() const { return playPause_; }
  QAction* stepAction() const { return step_; }
  QAction* resetAction() const { return reset_; }
  QAction* logScaleAction() const { return logScale_; }
  QAction* logCurvatureAction() const { return logCurvature_; }

 private:
  void buildActions();
  void buildViews();
  void connectCurvature();
  void restartWith(const ExperimentConfig& config);  // data or architecture changed
  void onSnapshot(const SnapshotPtr& snapshot);
  void onPlayingChanged(bool playing);
  void onViewChanged(int index);
  void computeSpectrum();
  void showSpectrum(const SpectrumResultPtr& result);

  SessionBridge* bridge_;
  ProbeRunner* probes_;
  ControlPanel* controls_;
  CurvaturePanel* curvature_;
  LossCurveView* curve_;
  LossCurveView* timelineLoss_;
  SharpnessView* sharpness_;
  SpectrumView* spectrum_;
  QTabWidget* tabs_ = nullptr;
  RunStatusBar* status_;
  QAction* playPause_ = nullptr;
  QAction* step_ = nullptr;
  QAction* reset_ = nullptr;
  QAction* logScale_ = nullptr;
  QAction* logCurvature_ = nullptr;
};

}  // namespace losslab
