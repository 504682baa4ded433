#pragma once
// A 1-D loss landscape: train and test loss along one direction (or the interpolation
// parameter t), optionally the accuracies on a right-hand axis, with the points that matter
// marked (the current parameters at 0; for an interpolation, both checkpoints at t = 0 and 1).
// Non-finite losses are gaps in the curves; a log scale leaves out losses <= 0 the same way.
#include <QString>
#include <utility>
#include <vector>

#include "losslab/landscape/landscape_slice.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

class LandscapeSliceView : public QCustomPlot {
  Q_OBJECT

 public:
  explicit LandscapeSliceView(QWidget* parent = nullptr);

  // `coordinate` labels the x axis (e.g. "α (along d₁)" or "t"); `marks` are vertical lines
  // with their names, e.g. {0, "now"}. An empty slice clears the view.
  void setSlice(const LandscapeSlice& slice, const QString& coordinate,
                const std::vector<std::pair<double, QString>>& marks);
  void clear();
  void setLogScale(bool on);
  void setShowAccuracy(bool on);

  QCPGraph* trainGraph() const { return train_; }
  QCPGraph* testGraph() const { return test_; }
  QCPGraph* trainAccuracyGraph() const { return trainAccuracy_; }
  QList<QCPItemStraightLine*> markLines() const { return markLines_; }

 private:
  void redraw();

  LandscapeSlice slice_;
  std::vector<std::pair<double, QString>> marks_;
  bool log_ = false, accuracy_ = false;
  QCPGraph* train_;
  QCPGraph* test_;
  QCPGraph* trainAccuracy_;
  QCPGraph* testAccuracy_;
  QList<QCPItemStraightLine*> markLines_;
  QList<QCPItemText*> markLabels_;
};

}  // namespace losslab
