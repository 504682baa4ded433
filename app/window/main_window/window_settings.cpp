#include "main_window/window_settings.hpp"

#include <QAction>
#include <QSettings>
#include <QTabWidget>

#include "document/run_document.hpp"
#include "losslab/config/experiment_io.hpp"
#include "main_window/main_window.hpp"
#include "main_window/window_actions.hpp"

namespace losslab {

namespace {
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString viewKey = QStringLiteral("window/view");
const QString logLossKey = QStringLiteral("view/logLoss");
const QString logCurvatureKey = QStringLiteral("view/logCurvature");
const QString effectiveTimeKey = QStringLiteral("view/effectiveTime");
const QString experimentKey = QStringLiteral("experiment/last");
}  // namespace

void saveWindowSettings(const MainWindow& w) {
  QSettings s;
  if (!w.presentationMode()) {  // a full-screen projector layout is not the desk's layout
    s.setValue(geometryKey, w.saveGeometry());
    s.setValue(stateKey, w.saveState());
  }
  s.setValue(viewKey, w.viewTabs()->currentIndex());
  s.setValue(logLossKey, w.actions()->logLoss->isChecked());
  s.setValue(logCurvatureKey, w.actions()->logCurvature->isChecked());
  s.setValue(effectiveTimeKey, w.actions()->effectiveTime->isChecked());
  s.setValue(experimentKey, QString::fromStdString(toJson(w.document()->config()).dump()));
}

void restoreWindowSettings(MainWindow& w) {
  QSettings s;
  if (s.contains(geometryKey)) w.restoreGeometry(s.value(geometryKey).toByteArray());
  if (s.contains(stateKey)) w.restoreState(s.value(stateKey).toByteArray());
  w.viewTabs()->setCurrentIndex(s.value(viewKey, 0).toInt());
  w.actions()->logLoss->setChecked(s.value(logLossKey, false).toBool());
  w.actions()->logCurvature->setChecked(s.value(logCurvatureKey, false).toBool());
  w.actions()->effectiveTime->setChecked(s.value(effectiveTimeKey, false).toBool());
}

std::optional<ExperimentConfig> lastExperiment() {
  const QString text = QSettings().value(experimentKey).toString();
  if (text.isEmpty()) return std::nullopt;
  try {
    return parseExperiment(text.toStdString(), "last experiment");
  } catch (const std::exception&) {
    return std::nullopt;  // written by another version, or damaged: the default preset it is
  }
}

void clearWindowSettings() { QSettings().clear(); }

}  // namespace losslab
