#include "document/experiment_file.hpp"

#include <QFile>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"

// Q_INIT_RESOURCE declares a global function, so it must be called outside any namespace. The
// explicit call also makes the linker keep the resources of this static library.
static void initLossLabResources() { Q_INIT_RESOURCE(losslab); }

namespace losslab {

QString defaultPresetPath() { return QStringLiteral(":/presets/first-steps-spiral.json"); }

void initBundledResources() { initLossLabResources(); }

ExperimentConfig loadExperimentFile(const QString& path) {
  initLossLabResources();
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(path.toStdString() + ": cannot read (" + file.errorString().toStdString() + ")");
  const QByteArray text = file.readAll();
  try {
    return parseExperiment(text.toStdString());
  } catch (const InputError& e) {
    throw InputError(path.toStdString() + ": " + e.what());
  }
}

}  // namespace losslab
