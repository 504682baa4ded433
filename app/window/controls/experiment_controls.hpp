#pragma once
// The experiment controls, left of the views: every setting of the experiment (data, network, loss and
// precision, optimizer and schedule), each a labelled control with its value shown and a
// tooltip saying what it does. Controls edit the RunDocument, so every change is undoable;
// the controls only show the document, it never talks to the engine.
#include <QScrollArea>
#include <QSet>

#include "losslab/config/experiment.hpp"
#include "losslab/run/curvature_tracking.hpp"
#include "losslab/run/snapshot.hpp"

class QLabel;

namespace losslab {

class DataControls;
class ModelControls;
class OptimizerControls;
class RunDocument;

class ExperimentControls : public QScrollArea {
  Q_OBJECT

 public:
  explicit ExperimentControls(RunDocument* document, QWidget* parent = nullptr);

  // Shows `config` in the controls without emitting any edit, and the network it describes
  // with what a step and a measurement of it will cost (RunCost), before it starts.
  void showConfig(const ExperimentConfig& config);
  // Learns the data's shape and size from the run (the estimate's sample count).
  void showSnapshot(const Snapshot& snapshot);
  // What the run measures as it trains: part of the estimate.
  void setCurvatureTracking(const CurvatureTracking& tracking);
  // "Slow: about 1.2 s a step, …" for a network a class would wait for; empty otherwise.
  QString costWarning() const { return costWarning_; }

  // Presentation mode hides the secondary controls; a teacher hides chosen ones by key (the
  // experiment's hidden_controls). Showing them emits nothing.
  void setPresentation(bool on);
  void setHiddenControls(const QSet<QString>& keys);
  // The few controls presentation mode shows (a preset's presentation.controls); empty: every
  // control but the secondary ones.
  void setPresentationControls(const QSet<QString>& keys);
  // The keys of its controls ("optimizer.lr"): presets hide them by these, tests find them.
  QStringList controlKeys() const;
  QLabel* networkLabel() const { return network_; }

 Q_SIGNALS:
  // The user hid a control or showed them all (right-click): the window edits the experiment.
  void hideRequested(const QSet<QString>& keys);

 private:
  // A focused slider keeps its arrow keys, which the window otherwise binds to Step.
  bool eventFilter(QObject* watched, QEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void applyHidden();
  void describeNetwork();
  void fitWidth();  // as wide as the widest visible row, never clipped

  DataControls* data_;
  ModelControls* model_;
  OptimizerControls* optimizer_;
  QLabel* network_;
  QSet<QString> hidden_, presented_;
  bool presentation_ = false;
  ExperimentConfig config_;
  CurvatureTracking tracking_;
  // The data as the last snapshot had it, and that run's parameter count (a quadratic model or
  // an imported network: its shape is not the controls').
  int inputDim_ = 0, outputDim_ = 0;
  std::vector<int> inputShape_;  // the data's image shape, if it is one
  int inputVocab_ = 0;           // the data's vocabulary, if it is token sequences
  Index trainSamples_ = 0;
  Network running_;
  Index runningParameters_ = 0;
  QString costWarning_;
};

}  // namespace losslab
