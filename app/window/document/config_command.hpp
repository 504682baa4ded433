#pragma once
// One undoable change of the edited experiment: the config before and after. Commands from the
// same control within one open gesture merge (QUndoCommand::mergeWith), so a slider drag is a
// single undo step; a drag that returns to where it began leaves no step at all.
#include <QUndoCommand>

#include "losslab/config/experiment.hpp"

namespace losslab {

class RunDocument;

class ConfigCommand : public QUndoCommand {
 public:
  ConfigCommand(RunDocument* document, const QString& text, ExperimentConfig before,
                ExperimentConfig after, int controlId, quint64 gesture);

  void undo() override;
  void redo() override;
  int id() const override { return controlId_; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  RunDocument* document_;
  ExperimentConfig before_, after_;
  int controlId_;     // -1: never merges
  quint64 gesture_;   // 0: not part of a gesture, never merges
};

}  // namespace losslab
