#include "document/preset_library.hpp"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include "document/experiment_file.hpp"

namespace losslab {

QString presetTitle(const QString& fileName) {
  QString words = QFileInfo(fileName).completeBaseName().replace(QLatin1Char('-'), QLatin1Char(' '));
  if (!words.isEmpty()) words[0] = words[0].toUpper();
  return words;
}

QString presetFileName(const QString& title) {
  QString name = title.trimmed().toLower();
  name.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
  name.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
  return (name.isEmpty() ? QStringLiteral("preset") : name) + QStringLiteral(".json");
}

QString userPresetDirectory() {
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/presets");
  QDir().mkpath(dir);
  return dir;
}

QString presetTitleWithDescription(const std::string& description) {
  if (description.empty()) return {};
  for (const PresetEntry& p : presetLibrary()) {
    try {
      if (loadExperimentFile(p.path).description == description) return p.title;
    } catch (const std::exception&) {  // a damaged file of the user's names nothing
    }
  }
  return {};
}

namespace {
// The file's own "title" (issue #21: "Perp adamw mod113" is no name for people), else one made
// from the file name; a damaged file of the user's is still listed, to say what is wrong on open.
QString titleOf(const QFileInfo& f) {
  try {
    const std::string title = loadExperimentFile(f.filePath()).title;
    if (!title.empty()) return QString::fromStdString(title);
  } catch (const std::exception&) {
  }
  return presetTitle(f.fileName());
}
}  // namespace

QVector<PresetEntry> presetLibrary() {
  initBundledResources();
  QVector<PresetEntry> presets;
  const QString bundled = QFileInfo(defaultPresetPath()).path();  // ":/presets"
  for (const QFileInfo& f : QDir(bundled).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
    presets.push_back({titleOf(f), f.filePath(), false});
  for (const QFileInfo& f : QDir(userPresetDirectory()).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
    presets.push_back({titleOf(f), f.filePath(), true});
  return presets;
}

}  // namespace losslab
