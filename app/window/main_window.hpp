#pragma once
// The first LossLab window: a control panel, run buttons, a live loss curve and a status bar,
// all driving one training run through the SessionBridge.
#include <QMainWindow>

#include "losslab/config/experiment.hpp"
#include "losslab/session/snapshot.hpp"

class QAction;

namespace losslab {

class ControlPanel;
class LossCurveView;
class RunStatusBar;
class SessionBridge;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  // Starts a run of `config`, paused at step 0 (call play() to set it going). A config the
  // engine rejects is reported in the status bar and leaves the window without a run.
  explicit MainWindow(const ExperimentConfig& config, QWidget* parent = nullptr);

  void play();

  SessionBridge* bridge() const { return bridge_; }
  ControlPanel* controls() const { return controls_; }
  LossCurveView* lossCurve() const { return curve_; }
  RunStatusBar* runStatus() const { return status_; }
  QAction* playPauseAction() const { return playPause_; }
  QAction* stepAction() const { return step_; }
  QAction* resetAction() const { return reset_; }
  QAction* logScaleAction() const { return logScale_; }

 private:
  void buildActions();
  void restartWith(const ExperimentConfig& config);  // data or architecture changed
  void onSnapshot(const SnapshotPtr& snapshot);
  void onPlayingChanged(bool playing);

  SessionBridge* bridge_;
  ControlPanel* controls_;
  LossCurveView* curve_;
  RunStatusBar* status_;
  QAction* playPause_ = nullptr;
  QAction* step_ = nullptr;
  QAction* reset_ = nullptr;
  QAction* logScale_ = nullptr;
};

}  // namespace losslab
