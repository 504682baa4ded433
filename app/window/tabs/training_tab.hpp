#pragma once
// The training views of one run: loss and accuracy against step; what the network predicts over
// its input (the decision surface of 2-D data, the fitted curve of 1-D regression) or, for a
// network of images or tokens, what it computes inside for a chosen sample (attention maps,
// filters and feature maps); and the network itself, its weights by sign and size. Predictions are computed off the GUI thread,
// one at a time: frames that arrive meanwhile are skipped, the newest is never lost.
#include <QWidget>

#include "losslab/run/snapshot.hpp"

class QCheckBox;
class QSpinBox;
class QStackedWidget;

namespace losslab {

class DecisionSurfaceView;
class FunctionFitView;
class LossCurveView;
class NetworkDiagramView;
class NetworkInsideView;
class ProbeRunner;

class TrainingTab : public QWidget {
  Q_OBJECT

 public:
  explicit TrainingTab(QWidget* parent = nullptr);

  // ~30 times a second; while hidden only the newest snapshot is kept.
  void showSnapshot(const SnapshotPtr& snapshot);
  void clearRun();  // the run was replaced: forget its pictures

  LossCurveView* curve() const { return curve_; }
  DecisionSurfaceView* surface() const { return surface_; }
  FunctionFitView* fit() const { return fit_; }
  NetworkDiagramView* network() const { return network_; }
  NetworkInsideView* inside() const { return inside_; }
  QSpinBox* sampleBox() const { return sample_; }
  int predictionsShown() const { return predictionsShown_; }
  long predictedStep() const { return predictedStep_; }  // of the prediction drawn; -1: none

  static constexpr int surfaceResolution = 90;  // grid points per axis of the 2-D picture
  static constexpr int curveResolution = 300;

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void refresh();
  void requestPrediction();
  void showInside();

  LossCurveView* curve_;
  DecisionSurfaceView* surface_;
  FunctionFitView* fit_;
  NetworkDiagramView* network_;
  NetworkInsideView* inside_;
  QStackedWidget* prediction_;
  QCheckBox* discretize_;
  QWidget* sampleRow_;
  QSpinBox* sample_;
  ProbeRunner* runner_;
  SnapshotPtr latest_;
  std::shared_ptr<const DataSplit> shownData_;
  long predictedStep_ = -1;
  bool predicting_ = false;
  int predictionsShown_ = 0;
};

}  // namespace losslab
