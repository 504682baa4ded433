#pragma once
// The experiment the window is editing, as one document with an undo stack (the Tiled pattern:
// the document owns the state and emits change signals that the window and views only listen
// to). Every control edits it through edit(); a whole slider drag is one undo step.
#include <QObject>
#include <QString>
#include <functional>

#include "losslab/config/experiment.hpp"

class QUndoStack;

namespace losslab {

class RunDocument : public QObject {
  Q_OBJECT

 public:
  explicit RunDocument(const ExperimentConfig& config, QObject* parent = nullptr);

  const ExperimentConfig& config() const { return config_; }
  QUndoStack* undoStack() const { return undo_; }

  // Applies `change` to a copy of the config as one undoable step named `text` ("Learning
  // rate"). While a gesture is open, successive edits from the same `control` merge into one
  // step; an edit that changes nothing pushes nothing.
  void edit(const QString& text, const QString& control,
            const std::function<void(ExperimentConfig&)>& change);
  // Replaces the whole experiment (a preset, an opened file) as one undoable step.
  void replace(const QString& text, const ExperimentConfig& config);
  // A slider was pressed / released: edits in between merge.
  void beginGesture();
  void endGesture();
  // The engine refused the newest step (a bad value): undo it and forget it.
  void rejectLastEdit();

  // Set by the undo commands only.
  void setConfig(const ExperimentConfig& config);

 Q_SIGNALS:
  void changed(const losslab::ExperimentConfig& config);

 private:
  ExperimentConfig config_;
  QUndoStack* undo_;
  quint64 gesture_ = 0;  // serial of the open gesture, 0 when none is open
  quint64 gestures_ = 0;
};

// Data, model, loss, precision or seed differ: the run must start again from step 0. Optimizer
// and schedule (and free text) changes act on the running network at its next step.
bool needsRestart(const ExperimentConfig& running, const ExperimentConfig& edited);
bool sameExperiment(const ExperimentConfig& a, const ExperimentConfig& b);

}  // namespace losslab
