#pragma once
// The presets a user can choose from: those bundled with LossLab (compiled in, ":/presets") and
// those a teacher saved (a folder in the user's data directory), by title.
#include <QString>
#include <QVector>
#include <string>

namespace losslab {

struct PresetEntry {
  QString title;  // from the file name: "edge-of-stability-digits.json" -> "Edge of stability digits"
  QString path;
  bool user = false;
};

QVector<PresetEntry> presetLibrary();
// The title of the preset whose description this is ("" when none has it): how the window
// names an experiment however it came back (undo, the last session, a file of a preset).
QString presetTitleWithDescription(const std::string& description);
QString userPresetDirectory();  // created on first use
QString presetTitle(const QString& fileName);
// A file name for a title: lower case, words joined by '-', ".json".
QString presetFileName(const QString& title);

}  // namespace losslab
