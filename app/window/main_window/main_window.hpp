#pragma once
// The LossLab window. The edited experiment is a RunDocument (undoable); the experiment controls
// (a dock on the left) edit it, and the window applies each change to the running network
// through the RunBridge: optimizer settings at the next step, data and architecture by
// starting the run again (debounced, so a slider drag restarts once). Views sit in tabs on
// one training timeline: training (loss, accuracy, decision surface, network), sharpness,
// spectrum, landscape, softmax collapse. Probes run off the GUI thread.
#include <QMainWindow>
#include <QMessageBox>
#include <QTimer>
#include <functional>
#include <optional>
#include <vector>

#include "losslab/config/experiment.hpp"
#include "losslab/curvature/spectrum_result.hpp"
#include "losslab/run/snapshot.hpp"
#include "losslab/widgets/figure.hpp"

class QAction;
class QComboBox;
class QDockWidget;
class QMenu;
class QTabWidget;
class QToolBar;

namespace losslab {

class Autosave;
class CollapseTab;
class ExperimentControls;
class CurvatureControls;
class LandscapeTab;
class LossCurveView;
class PresetDescription;
class ProbeRunner;
class RunComparison;
class RunDocument;
class RunStatusBar;
class RunBridge;
struct SessionCapture;
struct SessionFile;
struct SettingChange;
class SessionWriter;
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
  static QString viewName(View view);

  // Sessions (main_window_sessions.cpp): the run, its probe results and the view in a
  // .losslab file. Opening continues the saved run paused at its step; a file that does not
  // read (truncated, corrupted, another network) leaves the current run alone and says why.
  bool openSessionFile(const QString& path, QString* error = nullptr);
  // Captures the run and writes it in the background: sessionSaved or sessionSaveFailed.
  void saveSessionAs(const QString& path);
  QString sessionPath() const { return sessionPath_; }  // empty: not saved yet
  // A crashed run's recovery file, if any: `ask` (a dialog in main) sees what it holds and
  // decides; true when the run was recovered. Declined, the file is discarded.
  bool offerRecovery(const std::function<bool(const QString& description)>& ask);
  // The run as it stands with the window's pictures; `done` runs on the GUI thread.
  void captureSession(const std::function<void(std::optional<SessionCapture>)>& done);
  Autosave* autosave() const { return autosave_; }
  // Closing a window with unsaved work asks first (main_window_close.cpp): Save (closes once
  // the file is written; stays open if it is not), Discard or Cancel. Tests answer for the user.
  using ClosePrompt = std::function<QMessageBox::StandardButton(const QString& question)>;
  void setClosePrompt(ClosePrompt prompt) { closePrompt_ = std::move(prompt); }

  // Networks as losslab-model/1 files (main_window_models.cpp): the current parameters with
  // the run's data out; a file in as the current run (model.file), as one undoable step. A
  // file that does not read changes nothing and says why.
  bool exportModelFile(const QString& path, QString* error = nullptr);
  bool importModelFile(const QString& path, QString* error = nullptr);

  // Opens an experiment as one undoable step (a preset, a file).
  void openExperiment(const ExperimentConfig& config, const QString& name);
  // What a preset carries beyond its settings (issue #21): the curvature and collapse tracking
  // from its first step, its pace, its views' time range and the view it opens on. main() and
  // the preset chooser call it; opening a model file does not (the run's tracking goes on).
  void presentExperiment(const ExperimentConfig& config);
  // At most n steps a frame while playing (0: full speed), in the toolbar's pace box too.
  void setPace(long stepsPerFrame);
  void setPresentationMode(bool on);
  bool presentationMode() const { return presentation_; }
  // Back to the default preset, layout and settings (QSettings cleared).
  void restoreDefaults();
  // A view's figures, brought up to date, and every view's: what File → Export figure and
  // Export all views write, and `losslab-cli figure` too (main_window_figures.cpp).
  std::vector<Figure> figures(View view);
  std::vector<Figure> allFigures();

  // Run → Compare with a changed setting (main_window_compare.cpp): the run again from step 0
  // with `change`, trained alongside and drawn over it; false, with why, when it cannot start.
  bool compareWith(const SettingChange& change, QString* error = nullptr);
  RunComparison* comparison() const { return comparison_; }
  QAction* compareAction() const { return compare_; }

  RunDocument* document() const { return document_; }
  RunBridge* bridge() const { return bridge_; }
  ExperimentControls* controls() const { return controls_; }
  QDockWidget* controlDock() const { return controlDock_; }
  CurvatureControls* curvatureControls() const { return curvature_; }
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
  // Beside the views: the open experiment's name and description (main_window_presets.cpp).
  PresetDescription* presetDescription() const { return description_; }
  QDockWidget* descriptionDock() const { return descriptionDock_; }
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

 Q_SIGNALS:
  void sessionSaved(const QString& path);
  void sessionSaveFailed(const QString& path, const QString& message);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildViews();
  void buildActions();      // main_window_actions.cpp
  void buildMenus();        // main_window_actions.cpp
  void buildPresetChooser();  // main_window_presets.cpp
  void buildPresetDescription();
  void placeDescriptionDock();  // below the controls, in the left dock area
  void connectCurvature();  // main_window_curvature.cpp
  void buildComparison(QToolBar* bar);  // main_window_compare.cpp
  void addComparisonMenu(QMenu* run);
  void compareDialog();
  void showComparedRuns(bool allViews);
  void onDocumentChanged(const ExperimentConfig& config);
  // Play/Pause, Step and Epoch: a diverged run says what to do instead of doing nothing.
  void togglePlay();
  bool refuseDiverged();
  ExperimentConfig experimentToSave() const;  // the document with the tracking and pace in force
  void restartFromDocument();
  void showNewRun(const ExperimentConfig& config);  // the old run's pictures go
  void setUpSessions();                  // main_window_sessions.cpp
  void addSessionActions(QMenu* file);
  void adoptSession(const SessionFile& file);  // throws InputError, changing nothing
  // Compares with each change again and trains the compared runs to `step` (the file's).
  void restoreComparisons(const std::vector<SettingChange>& changes, long step);
  void noteChange();                     // the run or its pictures moved on since the last save
  void updateTitle();
  void saveSession();
  void saveSessionDialog();
  void openSessionDialog();
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
  void exportModelDialog();  // main_window_models.cpp
  void importModelDialog();
  void showSweeps();
  void showShortcuts();
  void exportCurrentFigure();  // main_window_figures.cpp
  void exportAllFigures();
  void exportFigures(bool allViews);

  RunDocument* document_;
  RunBridge* bridge_;
  ProbeRunner* probes_;
  ExperimentControls* controls_;
  QDockWidget* controlDock_ = nullptr;
  CurvatureControls* curvature_;
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
  PresetDescription* description_ = nullptr;
  QDockWidget* descriptionDock_ = nullptr;
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
  Autosave* autosave_ = nullptr;
  RunComparison* comparison_ = nullptr;
  QAction* compare_ = nullptr;
  SessionWriter* saver_ = nullptr;
  QString sessionPath_;
  long shownStep_ = -1;        // of the newest snapshot: a new step is a change to save
  ClosePrompt closePrompt_;
  bool closeAfterSave_ = false;  // a Save chosen on close is being written
  void saveThenClose(const QString& path);
  quint64 changes_ = 0;        // counts noteChange()
  quint64 savedChanges_ = 0;   // changes_ when the save under way captured the run
};

}  // namespace losslab
