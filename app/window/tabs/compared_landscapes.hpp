#pragma once
// Li et al. 2018's comparison (their Figs. 5 and 7) in the window: the loss landscape and the
// convexity map of the run and of each run compared with it (Run → Compare), side by side. Each
// run's map lies around its own parameters along its own directions, all made alike (the
// Landscape tab's kind, normalisation, seed and ranges); the maps of a row share one colour
// scale, so a colour means the same loss (or ratio) in every column. Computed on request off the
// GUI thread, one run after the other, with progress and Cancel; each column says which step it
// shows, its local minima and its share of non-convex points. Shown, the page does not wait for a
// button: when the runs stand (paused, or done) it computes the maps of where they stand (after
// Cancel or a failure, only Compute starts it again).
#include <QColor>
#include <QVector>
#include <QWidget>
#include <functional>
#include <memory>
#include <vector>

#include "losslab/landscape/convexity_map.hpp"
#include "losslab/probes/landscape_probe.hpp"
#include "losslab/widgets/colormap.hpp"
#include "losslab/widgets/plotted_run.hpp"

class QCheckBox;
class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace losslab {

class LandscapeMapView;
class ProbeRunner;

class ComparedLandscapes : public QWidget {
  Q_OBJECT

 public:
  explicit ComparedLandscapes(QWidget* parent = nullptr);
  ~ComparedLandscapes() override;  // joins the worker

  // This run first, then the compared runs. Other runs (one added or removed) rebuild the
  // columns, cancelling a computation; the same runs take their newest snapshots, and a column
  // whose run started again (an earlier step, another size) loses its picture.
  void setRuns(const QVector<PlottedRun>& runs);
  // How the maps are made (the Landscape tab's settings), read at each Compute.
  void setRequestSource(std::function<LandscapeRequest()> source) { requestSource_ = std::move(source); }
  void setLogScale(bool on);
  void setColormap(Colormap map);

  void compute();
  void cancel();

  int runCount() const { return static_cast<int>(columns_.size()); }
  QString runName(int run) const { return column(run).name; }
  LandscapeMapView* lossView(int run) const { return column(run).loss; }
  LandscapeMapView* convexityView(int run) const { return column(run).convexity; }
  // Null until computed (and after the run started again).
  const LandscapeResult* loss(int run) const { return column(run).result.get(); }
  const ConvexityGrid* convexity(int run) const { return column(run).ratio.get(); }
  QString summary(int run) const;
  // The snapshot the run's map was made at (the newest one before that).
  SnapshotPtr snapshot(int run) const;
  // How the maps were made (the settings read at the last Compute).
  const LandscapeRequest& request() const { return request_; }
  bool computing() const { return computing_; }
  QString status() const;

 Q_SIGNALS:
  void computed();  // every column's maps are in

 private:
  struct Column {
    QString name;
    QColor color;
    SnapshotPtr snapshot;
    QLabel* title = nullptr;
    LandscapeMapView* loss = nullptr;
    LandscapeMapView* convexity = nullptr;
    QLabel* summary = nullptr;
    std::shared_ptr<const LandscapeResult> result;
    SnapshotPtr computedAt;  // the snapshot result is of
    std::shared_ptr<const ConvexityGrid> ratio;
  };
  const Column& column(int run) const { return columns_.at(static_cast<size_t>(run)); }
  void rebuild(const QVector<PlottedRun>& runs);
  void forget(Column& c);
  void showLoss(int run, const std::shared_ptr<const LandscapeResult>& result);
  void showRatio(int run, const std::shared_ptr<const ConvexityGrid>& ratio);
  void shareScales();
  void describe(Column& c);
  void finish(const QString& status);
  void say(const QString& text);  // the status line, hidden when there is nothing to say
  void enableCompute();
  void followRuns();  // computes if shown, not held, and the maps are missing or not of the standing runs

 protected:
  void showEvent(QShowEvent* event) override;

  QWidget* grid_;
  QGridLayout* columnsLayout_;
  QLabel* placeholder_;
  QPushButton *compute_, *cancel_;
  QCheckBox* withRatio_;
  QSpinBox* ratioPoints_;
  QProgressBar* progress_;
  QLabel* status_;
  ProbeRunner* runner_;
  std::vector<Column> columns_;
  std::function<LandscapeRequest()> requestSource_;
  LandscapeRequest request_;
  Colormap colormap_ = Colormap::Viridis;
  bool log_ = false;
  bool computing_ = false;
  bool held_ = false;  // after Cancel or a failure: no computation but by Compute
  bool automatic_ = false;  // the computation was started by the page, not by Compute
  bool yielding_ = false;   // cancelled because the runs train again (not held)
};

}  // namespace losslab
