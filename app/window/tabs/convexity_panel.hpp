#pragma once
// Li et al. 2018's convexity map in the Landscape tab (their Fig. 7): |λmin / λmax| of the
// Hessian at every point of the plane the loss map shows, on a grid of its own (each point is two
// Lanczos solves, so coarser than the loss map), computed on request off the GUI thread, coarse to
// fine, with progress and Cancel. Dark where the surface is convex, bright where it curves down
// as much as up. The picture says which step and plane it belongs to, and that it is stale once
// the loss map moves on.
#include <QWidget>
#include <memory>
#include <utility>

#include "losslab/landscape/convexity_map.hpp"
#include "losslab/probes/landscape_probe.hpp"
#include "losslab/run/snapshot.hpp"

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace losslab {

// The colour scale of |λmin / λmax| on a linear scale: 0 (convex) to 1 (as much negative
// curvature as positive); larger ratios, where λmax is near 0, take the brightest colour rather
// than darken every other point.
inline const std::pair<double, double> kRatioScale{0.0, 1.0};

class LandscapeMapView;
class ProbeRunner;

// The map of |λmin / λmax| as a LandscapeMapView draws it (no accuracy).
LandscapeGrid ratioGrid(const ConvexityGrid& grid);
// The points-per-axis box of a convexity grid, under a control key, and a thin progress bar:
// the same in the convexity map and the side-by-side page.
QSpinBox* convexityPointsBox(QWidget* parent, const QString& key, const QString& over);
QProgressBar* thinProgressBar(QWidget* parent);

class ConvexityPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ConvexityPanel(QWidget* parent = nullptr);
  ~ConvexityPanel() override;  // joins the worker

  // The loss map's plane: its directions, its centre's snapshot and its ranges. A map of another
  // plane or centre is kept but called stale.
  void setPlane(const SnapshotPtr& snapshot, const LandscapeBasisPtr& basis, const Eigen::VectorXd& centre,
                const GridSpec& ranges, long step);
  void clear();
  void compute();
  void cancel();

  LandscapeMapView* mapView() const { return map_; }
  const ConvexityGrid* grid() const { return grid_.get(); }  // the last complete map, if any
  bool computing() const { return computing_; }

 private:
  void show(const ConvexityGrid& grid, bool complete);
  void finish(const QString& status);

  LandscapeMapView* map_;
  QPushButton *compute_, *cancel_;
  QSpinBox* points_;
  QProgressBar* progress_;
  QLabel* status_;
  ProbeRunner* runner_;
  SnapshotPtr snapshot_;
  LandscapeBasisPtr basis_;
  Eigen::VectorXd centre_;
  GridSpec ranges_;
  std::shared_ptr<const ConvexityGrid> grid_;
  long step_ = -1, gridStep_ = -1;  // of the plane's centre; of the map shown
  bool computing_ = false;
};

}  // namespace losslab
