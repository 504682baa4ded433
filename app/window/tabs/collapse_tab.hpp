#pragma once
// The softmax-collapse tab (Prieto et al. 2025): the collapse view of the run on the shared step
// axis, the histogram of its logit gaps with each precision's collapse threshold, a summary of
// the newest measurement, and a button that forks StableMax and ⊥Grad twins of the run and
// trains them alongside, overlaid in the view in their own colours.
//
// MainWindow wiring: showSnapshot() with every snapshot of the run (cheap while the tab is
// hidden), showConfig() when the run's config changes, setRunPlaying() with play/pause (the
// twins follow), clearRun() when the run is replaced; connect collapseTrackingChanged to
// RunBridge::setCollapseTracking and apply collapseTracking() once at start.
#include <QVector>
#include <QWidget>
#include <array>
#include <vector>

#include "losslab/config/experiment.hpp"
#include "losslab/run/collapse_tracking.hpp"
#include "losslab/run/snapshot.hpp"
#include "losslab/widgets/figure.hpp"
#include "losslab/widgets/figure_options.hpp"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace losslab {

class CollapseTwins;
class CollapseView;
struct PlottedRun;
using CollapseRun = PlottedRun;
class LogitGapView;

class CollapseTab : public QWidget {
  Q_OBJECT

 public:
  explicit CollapseTab(QWidget* parent);

  void showSnapshot(const SnapshotPtr& snapshot);
  void showConfig(const ExperimentConfig& config);
  void setRunPlaying(bool playing);
  void clearRun();
  // Runs compared with this one (Run → Compare), drawn after the twins; kept until replaced.
  void setComparedRuns(QVector<CollapseRun> runs);
  // What the run should measure: every N steps, S summed in the chosen order.
  CollapseTracking collapseTracking() const;
  // The controls say what a run measures already (a session opened with its own tracking);
  // the twins take it too. Emits nothing: the run has it.
  void showCollapseTracking(const CollapseTracking& tracking);
  // The collapse view and the logit-gap histogram as figures (collapse_export.hpp), up to date.
  std::vector<Figure> figures();
  // Both as stem-collapse.* and stem-collapse-gaps.* (figure_export.hpp); the Export button
  // asks for the options and the stem in the export dialog.
  bool exportFigures(const QString& stem, QString* error = nullptr, const FigureOptions& options = {});

  CollapseView* view() const { return view_; }
  LogitGapView* gapView() const { return gaps_; }
  QPushButton* forkButton() const { return fork_; }
  QPushButton* removeTwinsButton() const { return removeTwins_; }
  // Presentation mode keeps the row to what a class uses (the interval, log steps, the twins):
  // the summation order and Export (also in the File menu) step aside.
  void setPresentation(bool on);
  // The settings are found by key ("tracking.collapse_every", setControlKey).
  QLabel* summary() const { return summary_; }
  CollapseTwins* twins() const { return twins_; }

 Q_SIGNALS:
  void collapseTrackingChanged(const losslab::CollapseTracking& tracking);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  QWidget* buildControls();
  void forkTwins();
  void trackingEdited();
  void refresh();
  void refreshGaps(const QVector<CollapseRun>& runs);

  CollapseView* view_ = nullptr;
  LogitGapView* gaps_ = nullptr;
  QComboBox* every_ = nullptr;
  QComboBox* order_ = nullptr;
  QWidget* orderLabel_ = nullptr;
  QWidget* gapRunLabel_ = nullptr;
  QComboBox* gapRun_ = nullptr;
  QCheckBox* logSteps_ = nullptr;
  QPushButton* fork_ = nullptr;
  QPushButton* removeTwins_ = nullptr;
  QPushButton* export_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* summary_ = nullptr;
  CollapseTwins* twins_ = nullptr;

  SnapshotPtr run_;
  std::array<SnapshotPtr, 2> twinSnapshots_;
  QVector<CollapseRun> compared_;
  ExperimentConfig config_;
  bool hasConfig_ = false;
  bool playing_ = false;
  long lastStep_ = -1;
  const void* shownRecord_ = nullptr;  // the record the histogram and summary show
};

}  // namespace losslab
