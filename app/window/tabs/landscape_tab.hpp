#pragma once
// The landscape tab: the loss around the run's parameters as a map (heatmap, contours, the
// training path), a 1-D slice, a 3-D surface and the convexity map of the same plane
// (convexity_panel.hpp), and the maps of compared runs side by side (compared_landscapes.hpp), with
// the controls beside them. Directions are
// derived once (Compute) and then kept: while the run trains, live mode follows its parameters
// on a small grid within a bounded share of time; when it pauses, the picture refines to the
// full grid, coarse to fine. Every computation runs on a worker thread (ProbeRunner): the GUI
// thread never waits on the engine, and a hidden tab does nothing but keep the newest snapshot.
// The map's contour lines come with each grid; a changed scale or count (or a picture from a
// session file) has them traced again on a worker of their own, so a computation goes on.
#include <QWidget>
#include <map>
#include <memory>

#include "losslab/config/experiment.hpp"
#include "losslab/landscape/live_frame_budget.hpp"
#include "losslab/probes/landscape_probe.hpp"
#include "losslab/run/snapshot.hpp"

class QTabWidget;
class QTimer;
class QVBoxLayout;

namespace losslab {

class ComparedLandscapes;
class ConvexityPanel;
class LandscapeControls;
class LandscapeMapView;
class LandscapeSliceView;
class LandscapeSurfaceView;
class ProbeRunner;

class LandscapeTab : public QWidget {
  Q_OBJECT

 public:
  explicit LandscapeTab(QWidget* parent = nullptr);
  ~LandscapeTab() override;  // stops the worker before anything it reports to goes

  // Every new snapshot (about 30 Hz), also while hidden: kept, and drawn only when visible. A
  // snapshot of an earlier step or another network size starts over as clearRun() does.
  void showSnapshot(const SnapshotPtr& snapshot);
  // The run's settings: whether there is a test set, whether landscapes apply (MLPs only).
  void showConfig(const ExperimentConfig& config);
  // The run plays (live frames) or stands (refine to the full grid).
  void setRunPlaying(bool playing);
  // The run was restarted: results dropped, computations cancelled.
  void clearRun();
  // A picture saved in a session, shown as it was (with its directions, for re-centring).
  void showRestored(const std::shared_ptr<const LandscapeResult>& result);

  // What the buttons do.
  void compute();   // derive directions at the newest snapshot, then the full grid
  void recentre();  // the full grid (or a live frame) at the newest parameters, same directions
  void cancel();

  enum class Job { None, Compute, Refine, Live };
  Job job() const { return job_; }
  LandscapeControls* controls() const { return controls_; }
  LandscapeMapView* mapView() const { return map_; }
  LandscapeSliceView* sliceView() const { return slice_; }
  LandscapeSurfaceView* surfaceView() const { return surface_; }  // null until first shown
  ConvexityPanel* convexity() const { return convexity_; }
  ComparedLandscapes* compared() const { return compared_; }
  QTabWidget* viewTabs() const { return views_; }
  ProbeRunner* runner() const { return runner_; }
  ProbeRunner* contourRunner() const { return contourRunner_; }
  const LiveFrameBudget& liveBudget() const { return budget_; }
  std::shared_ptr<const LandscapeResult> result() const { return result_; }  // last complete
  const LandscapeRequest& shownRequest() const { return request_; }  // of the picture shown
  LandscapeBasisPtr basis() const { return basis_; }

 Q_SIGNALS:
  void pictureShown(bool complete);  // after a coarse pass (false) or a full picture (true)

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void start(Job job, const SnapshotPtr& snapshot, LandscapeBasisPtr basis);
  void followRun();  // what the newest snapshot calls for: a live frame, a refinement, nothing
  // The side-by-side page makes maps of its own: this map's would only take their cores.
  bool sideBySideShown() const;
  void maybeStartLive();
  void adoptBasis(const LandscapeBasisPtr& basis);
  void showPass(const std::shared_ptr<const LandscapeGrid>& grid, const LandscapeContours& contours,
                const Eigen::VectorXd& centre);
  void traceContours();  // when the map holds no lines for its settings
  void showResult(const std::shared_ptr<const LandscapeResult>& result);
  void finishJob();
  void redrawDisplay();
  void updatePath();
  void showSurfacePage();
  QString quantity(bool test) const;
  QString summary(const LandscapeResult& result) const;

  LandscapeControls* controls_;
  QTabWidget* views_;
  LandscapeMapView* map_;
  LandscapeSliceView* slice_;
  LandscapeSurfaceView* surface_ = nullptr;
  ConvexityPanel* convexity_;
  ComparedLandscapes* compared_;
  QVBoxLayout* surfacePage_ = nullptr;
  QWidget* controlsColumn_ = nullptr;  // hidden beside the side-by-side page, which needs the width
  ProbeRunner* runner_;
  ProbeRunner* contourRunner_;  // lines for the grid shown, beside a computation in progress
  QTimer* liveTimer_;  // the rest after a live frame
  QTimer* pathTimer_;  // the path and current point, at most 10 times a second

  SnapshotPtr latest_;
  ExperimentConfig config_;
  bool playing_ = false;
  bool liveHeld_ = false;  // after Cancel: no live frame until Compute, Re-centre or Live
  Job job_ = Job::None;
  LandscapeRequest request_;  // of the picture shown (or being computed)
  LandscapeBasisPtr basis_;
  std::shared_ptr<const LandscapeResult> result_;
  long pictureStep_ = -1;     // the step of the picture shown or being computed
  Eigen::VectorXd shownCentre_;  // the (0, 0) of the map shown
  std::shared_ptr<const LandscapeGrid> shownGrid_;  // the map's, to trace its lines again
  std::map<long, PlaneCoordinates> projected_;  // checkpoints on basis_'s plane, by step
  LiveFrameBudget budget_;
};

}  // namespace losslab
