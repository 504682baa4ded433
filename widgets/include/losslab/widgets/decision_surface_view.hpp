#pragma once
// What the network predicts over the plane of a 2-D data set, with the data on top: for
// classes, each point of the plane in the colour of its likeliest class, paler where the network
// is unsure ("discretise" shows only the winning class); for regression, the predicted value
// (blue positive, orange negative). Training points are filled, test points are rings.
// The predictions arrive computed (engine predictOnGrid); this view only draws them.
#include <memory>

#include "losslab/data/dataset.hpp"
#include "losslab/model/prediction_grid.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

class DecisionSurfaceView : public QCustomPlot {
  Q_OBJECT

 public:
  explicit DecisionSurfaceView(QWidget* parent = nullptr);

  // The run's data (2-D inputs); null clears the view.
  void setData(std::shared_ptr<const DataSplit> data);
  void setPrediction(std::shared_ptr<const PredictionGrid> prediction, long step);
  void setDiscretized(bool on);

  std::shared_ptr<const PredictionGrid> prediction() const { return prediction_; }
  // The colour drawn at grid point (i, j) (tests; the picture itself is a scaled image).
  QColor colorAt(int i, int j) const;
  int trainPointCount() const;
  int testPointCount() const;

 private:
  void rebuildPoints();
  void rebuildImage();

  std::shared_ptr<const DataSplit> data_;
  std::shared_ptr<const PredictionGrid> prediction_;
  bool discretized_ = false;
  double valueScale_ = 1.0;  // regression: |value| drawn at full colour
  QImage image_;
  QCPItemPixmap* surface_;
  QCPItemText* caption_;
};

}  // namespace losslab
