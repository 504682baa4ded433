#include "document/run_document.hpp"

#include <QHash>
#include <QUndoStack>

#include "document/config_command.hpp"
#include "losslab/config/experiment_io.hpp"

namespace losslab {

namespace {
// Keys of an experiment file that a running network takes at its next step.
bool liveKey(const std::string& key) {
  return key == "optimizer" || key == "schedule" || key == "steps" || key == "description" ||
         key == "hidden_controls" || key == "title" || key == "tracking" || key == "presentation";
}
}  // namespace

bool sameExperiment(const ExperimentConfig& a, const ExperimentConfig& b) {
  return toJson(a) == toJson(b);
}

bool needsRestart(const ExperimentConfig& running, const ExperimentConfig& edited) {
  const nlohmann::json a = toJson(running), b = toJson(edited);
  for (const auto& [key, value] : a.items())
    if (!liveKey(key) && (!b.contains(key) || b.at(key) != value)) return true;
  for (const auto& [key, value] : b.items())
    if (!liveKey(key) && !a.contains(key)) return true;
  return false;
}

RunDocument::RunDocument(const ExperimentConfig& config, QObject* parent)
    : QObject(parent), config_(config), undo_(new QUndoStack(this)) {}

void RunDocument::edit(const QString& text, const QString& control,
                       const std::function<void(ExperimentConfig&)>& change) {
  ExperimentConfig next = config_;
  change(next);
  if (sameExperiment(next, config_)) return;
  const int id = int(qHash(control) & 0x7fffffff);
  undo_->push(new ConfigCommand(this, text, config_, next, id, gesture_));
}

void RunDocument::replace(const QString& text, const ExperimentConfig& config) {
  if (sameExperiment(config, config_)) return;
  undo_->push(new ConfigCommand(this, text, config_, config, -1, 0));
}

void RunDocument::beginGesture() { gesture_ = ++gestures_; }

void RunDocument::endGesture() { gesture_ = 0; }

void RunDocument::rejectLastEdit() {
  if (undo_->index() == 0) return;
  auto* last = dynamic_cast<ConfigCommand*>(const_cast<QUndoCommand*>(undo_->command(undo_->index() - 1)));
  if (!last) return;
  last->undo();             // back to the config it replaced
  last->setObsolete(true);  // QUndoStack deletes an obsolete command instead of undoing it
  undo_->undo();
  gesture_ = 0;
}

void RunDocument::setConfig(const ExperimentConfig& config) {
  config_ = config;
  Q_EMIT changed(config_);
}

}  // namespace losslab
