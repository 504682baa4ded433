#pragma once
// The LossLab window. The edited experiment is a RunDocument (undoable); the experiment controls
// (a dock on the left) edit it, and the window applies each change to the running network
// through the RunBridge: optimizer settings at the next step, data and architecture by
// starting the run again (debounced, so a slider drag restarts once). Views sit in tabs on
// one training timeline: training (loss, accuracy, decision surface, network), sharpness,
// spectrum, landscape, softmax collapse. Probes run off the GUI thread.
#include <QMainWindow>
#include <QTimer>
#include <QVector>
#include <optional>
#include <string>
#include <vector>

#include "losslab/config/experiment.hpp"
#include "losslab/curvature/spectrum_result.hpp"
#include "losslab/run/snapshot.hpp"
#include "losslab/widgets/figure.hpp"
#include "losslab/widgets/plotted_run.hpp"
#include "losslab/widgets/time_axis.hpp"

class QComboBox;
class QDockWidget;
class QTabWidget;

namespace losslab {

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
struct SessionFile;
class SessionFiles;
struct SettingChange;
class SharpnessView;
class LayerCurvatureView;
class SpectrumView;
class SweepWindow;
class TimelineCursor;
class TrainingTab;
class WindowActions;

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
  // "training" (or "loss"), "sharpness", "spectrum", "landscape", "side-by-side" (the Landscape
  // tab), "collapse"; else nullopt.
  static std::optional<View> viewFromName(const QString& name);
  // The view of that name, and for "side-by-side" the Landscape tab's page of compared runs.
  // False (nothing changed) for an unknown name.
  bool showViewNamed(const QString& name);
  static QString viewName(View view);

  // The session file (.losslab): open, save, autosave, recovery, the question on close.
  SessionFiles* sessionFiles() const { return files_; }
  // Puts a session file's run, controls, tracking, compared runs, pictures and view in the
  // window (main_window_restore.cpp); throws InputError, changing nothing, when it does not fit.
  void restoreSession(const SessionFile& file);

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
  // Its compared runs (presentation.compare) replace those running; a change that does not
  // apply is named in the status bar.
  void presentExperiment(const ExperimentConfig& config);
  // At most n steps a frame while playing (0: full speed), in the toolbar's pace box too.
  void setPace(long stepsPerFrame);
  void setPresentationMode(bool on);
  // Every time-series view (loss, sharpness and its per-layer stack, collapse) and the cursor.
  void setTimeAxis(TimeAxis axis);
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
  // The same from "setting=value" (`--compare`, a preset's presentation.compare): false with the
  // reason in `error` when the text does not read as a change either.
  bool compareWith(const QString& keyEqualsValue, QString* error);
  RunComparison* comparison() const { return comparison_; }

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
  // Under the sharpness, shown while per-layer curvature is tracked.
  LayerCurvatureView* layerCurvatureView() const { return layerCurvature_; }
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
  WindowActions* actions() const { return actions_; }  // every command, its shortcut and place
  // Edits that restart the run wait this long for the controls to rest.
  static constexpr int restartSettleMs = 200;

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildViews();
  void buildActions();      // main_window_actions.cpp: what each of WindowActions does
  void buildPresetChooser();  // main_window_presets.cpp
  void buildPresetDescription();
  void placeDescriptionDock();  // below the controls, in the left dock area
  void connectCurvature();  // main_window_curvature.cpp
  void connectComparison();  // main_window_compare.cpp
  void compareDialog();
  void showComparedRuns(bool allViews);
  // The Landscape tab's side-by-side page: this run, then the compared runs, each newest.
  void showRunsSideBySide(const QVector<PlottedRun>& compared);
  void startPendingComparisons();  // a preset's presentation.compare
  void onDocumentChanged(const ExperimentConfig& config);
  // Play/Pause, Step and Epoch: a diverged run says what to do instead of doing nothing.
  void togglePlay();
  bool refuseDiverged();
  ExperimentConfig experimentToSave() const;  // the document with the tracking and pace in force
  void restartFromDocument();
  void showNewRun(const ExperimentConfig& config);  // the old run's pictures go
  // Compares with each change again and trains the compared runs to `step` (the file's).
  void restoreComparisons(const std::vector<SettingChange>& changes, long step);
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
  LayerCurvatureView* layerCurvature_;
  QWidget* layerCurvatureArea_ = nullptr;  // its scroll area, hidden without per-layer tracking
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
  WindowActions* actions_ = nullptr;
  std::vector<std::string> pendingCompare_;  // a preset's compared runs, started beside its run
  RunComparison* comparison_ = nullptr;
  SessionFiles* files_ = nullptr;
};

}  // namespace losslab
