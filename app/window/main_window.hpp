#pragma once
// The LossLab window. The edited experiment is a RunDocument (undoable); the control panel
// (a dock on the left) edits it, and the window applies each change to the running network
// through the SessionBridge: optimizer settings at the next step, data and architecture by
// starting the run again (debounced, so a slider drag restarts once). Views sit in tabs on
// one training timeline: training (loss, accuracy, decision surface, network), sharpness,
// spectrum, landscape, softmax collapse. Probes run off the GUI thread.
#include <QMainWindow>
#include <QTimer>
#include <optional>

#include "losslab/config/experiment.hpp"
#include "losslab/session/snapshot.hpp"
#include "losslab/widgets/spectrum_result.hpp"

class QAction;
class QComboBox;
class QDockWidget;
class QTabWidget;

namespace losslab {

class CollapseTab;
class ControlPanel;
class CurvaturePanel;
class LandscapeTab;
class LossCurveView;
class ProbeRunner;
class RunDocument;
class RunStatusBar;
class SessionBridge;
class SharpnessView;
class SpectrumView;
class SweepWindow;
class TimelineCursor;
class TrainingTab;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  enum class View { Training, Sharpness, Spectrum, Landscape, Collapse };

  // Starts a run of `config`, paused at step 0 (call play() to set it going). A config the
  // engine rejects is reported in the status bar and leaves the window without a run.
  explicit MainWindow(const ExperimentConfig& config, QWidget* parent = nullptr);
  ~MainWindow() override;

  void play();
  void showView(View view);
  View currentView() const;
  // "training" (or "loss"), "sharpness", "spectrum", "landscape", "collapse"; else nullopt.
  static std::optional<View> viewFromName(const QString& name);

  // Opens an experiment as one undoable step (a preset, a file).
  void openExperiment(const ExperimentConfig& config, const QString& name);
  void setPresentationMode(bool on);
  bool presentationMode() const { return presentation_; }
  // Back to the default preset, layout and settings (QSettings cleared).
  void restoreDefaults();

  RunDocument* document() const { return document_; }
  SessionBridge* bridge() const { return bridge_; }
  ControlPanel* controls() const { return controls_; }
  QDockWidget* controlDock() const { return controlDock_; }
  CurvaturePanel* curvatureControls() const { return curvature_; }
  ProbeRunner* probes() const { return probes_; }
  TrainingTab* trainingTab() const { return training_; }
  LossCurveView* lossCurve() const;
  LossCurveView* timelineLossCurve() const { return timelineLoss_; }  // above the sharpness
  SharpnessView* sharpnessView() const { return sharpness_; }
  SpectrumView* spectrumView() const { return spectrum_; }
  LandscapeTab* landscapeTab() const { return landscape_; }
  CollapseTab* collapseTab() const { return collapse_; }
  TimelineCursor* timelineCursor() const { return cursor_; }
  QTabWidget* viewTabs() const { return tabs_; }
  RunStatusBar* runStatus() const { return status_; }
  QComboBox* presetBox() const { return presets_; }
  QComboBox* paceBox() const { return pace_; }
  QAction* playPauseAction() const { return playPause_; }
  QAction* stepAction() const { return step_; }
  QAction* stepEpochAction() const { return stepEpoch_; }
  QAction* resetAction() const { return reset_; }
  QAction* newSeedAction() const { return newSeed_; }
  QAction* undoAction() const { return undo_; }
  QAction* redoAction() const { return redo_; }
  QAction* logScaleAction() const { return logScale_; }
  QAction* logCurvatureAction() const { return logCurvature_; }
  QAction* presentationAction() const { return presentationAction_; }
  // Edits that restart the run wait this long for the controls to rest.
  static constexpr int restartSettleMs = 200;

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildViews();
  void buildActions();      // main_window_actions.cpp
  void buildMenus();        // main_window_actions.cpp
  void buildPresetChooser();  // main_window_presets.cpp
  void connectCurvature();  // main_window_curvature.cpp
  void onDocumentChanged(const ExperimentConfig& config);
  void restartFromDocument();
  void showHiddenControls(const ExperimentConfig& config);
  void onSnapshot(const SnapshotPtr& snapshot);
  void onPlayingChanged(bool playing);
  void onViewChanged(int index);
  void stepOneEpoch();
  void computeSpectrum();
  void showSpectrum(const SpectrumResultPtr& result);
  void openExperimentFile();    // main_window_presets.cpp
  void saveExperimentFile();
  void savePreset();
  void showSweeps();
  void showShortcuts();

  RunDocument* document_;
  SessionBridge* bridge_;
  ProbeRunner* probes_;
  ControlPanel* controls_;
  QDockWidget* controlDock_ = nullptr;
  CurvaturePanel* curvature_;
  TrainingTab* training_;
  LossCurveView* timelineLoss_;
  SharpnessView* sharpness_;
  SpectrumView* spectrum_;
  LandscapeTab* landscape_;
  CollapseTab* collapse_;
  TimelineCursor* cursor_;
  SweepWindow* sweeps_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  RunStatusBar* status_;
  QComboBox* presets_ = nullptr;
  QComboBox* pace_ = nullptr;
  QTimer restartSettle_;
  bool presentation_ = false;
  QAction* playPause_ = nullptr;
  QAction* step_ = nullptr;
  QAction* stepEpoch_ = nullptr;
  QAction* reset_ = nullptr;
  QAction* newSeed_ = nullptr;
  QAction* undo_ = nullptr;
  QAction* redo_ = nullptr;
  QAction* logScale_ = nullptr;
  QAction* logCurvature_ = nullptr;
  QAction* presentationAction_ = nullptr;
};

}  // namespace losslab
