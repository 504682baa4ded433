#pragma once
// A regression of one input: the data (training points filled, test points as rings) and the
// function the network computes over the same range, as it changes step by step.
#include <memory>

#include "losslab/data/dataset.hpp"
#include "losslab/model/prediction_grid.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

class FunctionFitView : public QCustomPlot {
  Q_OBJECT

 public:
  explicit FunctionFitView(QWidget* parent = nullptr);

  void setData(std::shared_ptr<const DataSplit> data);  // 1-D inputs; null clears
  void setPrediction(std::shared_ptr<const PredictionGrid> prediction, long step);

  QCPGraph* fitGraph() const { return fit_; }
  QCPGraph* trainGraph() const { return train_; }
  QCPGraph* testGraph() const { return test_; }

 private:
  void fitAxes();

  std::shared_ptr<const DataSplit> data_;
  QCPGraph* train_;
  QCPGraph* test_;
  QCPGraph* fit_;
};

}  // namespace losslab
