#include "document/config_command.hpp"

#include "document/run_document.hpp"

namespace losslab {

ConfigCommand::ConfigCommand(RunDocument* document, const QString& text, ExperimentConfig before,
                             ExperimentConfig after, int controlId, quint64 gesture)
    : QUndoCommand(text),
      document_(document),
      before_(std::move(before)),
      after_(std::move(after)),
      controlId_(controlId),
      gesture_(gesture) {}

void ConfigCommand::undo() { document_->setConfig(before_); }

void ConfigCommand::redo() { document_->setConfig(after_); }

bool ConfigCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = dynamic_cast<const ConfigCommand*>(other);
  if (!next || gesture_ == 0 || next->gesture_ != gesture_ || next->controlId_ != controlId_)
    return false;
  after_ = next->after_;
  setObsolete(sameExperiment(before_, after_));  // dragged back to the start: nothing to undo
  return true;
}

}  // namespace losslab
