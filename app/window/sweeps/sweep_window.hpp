#pragma once
// The sweep window: edit or load a losslab-sweep/1 file (or start from a preset), run it off the
// GUI thread into an output folder with a progress bar (runs done, time left) and Cancel, resume
// an interrupted sweep, and watch the results views fill in as runs finish. Clicking a point
// selects it; "Open run" asks the owner to show that run (runOpenRequested). Standalone: the
// main window adds a menu entry that shows one.
#include <QWidget>
#include <optional>

#include "losslab/sweep/sweep_config.hpp"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace losslab {

class SweepEditor;
class SweepJob;
class SweepResults;
class SweepResultsView;
struct SweepProgress;

class SweepWindow : public QWidget {
  Q_OBJECT

 public:
  explicit SweepWindow(QWidget* parent = nullptr);
  ~SweepWindow() override;  // cancels a running sweep (its finished runs stay on disk)

  // The sweep to run: a file, a bundled preset (":/sweeps/..."), or JSON text.
  bool loadSweepFile(const QString& path, QString* error = nullptr);
  void setSweepText(const QString& json);
  QStringList presetPaths() const;  // the bundled presets, ":/sweeps/*.json"

  void setOutputDirectory(const QString& dir);
  QString outputDirectory() const;
  // Shows a sweep folder already on disk (finished or interrupted) without running anything.
  bool openResults(const QString& dir, QString* error = nullptr);

  // Runs the editor's sweep into the output folder; with `resume`, continues the sweep there.
  // False (the reason in the status line) if the sweep is invalid or one is running already.
  bool start(bool resume = false);
  void cancel();
  bool isRunning() const;
  QString statusText() const;

  // The folder of a run of the sweep shown: point (i, j), seed index `seedIndex`.
  QString runDirectory(int i, int j, int seedIndex = 0) const;
  SweepEditor* editor() const { return editor_; }
  SweepResultsView* resultsView() const { return results_; }
  QProgressBar* progressBar() const { return progress_; }
  QPushButton* exportButton() const { return export_; }  // the export dialog for the figure shown

 Q_SIGNALS:
  void pointSelected(int i, int j);
  // The experiment file and metrics.csv of the selected run, to open in the main views.
  void runOpenRequested(const QString& experimentPath, const QString& metricsPath);
  void sweepFinished(bool completed);

 private:
  // Puts `sweep` (its runs in `dir`, those finished so far in `done`) on screen.
  void showSweep(const SweepConfig& sweep, const QString& dir, const SweepResults& done);
  void previewSweep();  // the editor's sweep, before it runs, with what its folder already holds
  void showProgress(const SweepProgress& progress);
  void onFinished(bool completed, const QString& error);
  void selectPoint(int i, int j);
  void updateSelection();
  void updateButtons();
  void setStatus(const QString& text, bool error = false);
  QWidget* makeTopBar();
  QWidget* makeSelectionBar();

  SweepEditor* editor_;
  SweepResultsView* results_;
  SweepJob* job_;
  QComboBox *presets_, *seedBox_;
  QLineEdit* outDir_;
  QPushButton *run_, *resume_, *cancel_, *openRun_, *export_;
  QProgressBar* progress_;
  QLabel *status_, *selection_;
  std::optional<SweepConfig> shown_;  // the sweep whose results are on screen
  QString shownDir_;
  int selectedI_ = -1, selectedJ_ = -1;
};

}  // namespace losslab
