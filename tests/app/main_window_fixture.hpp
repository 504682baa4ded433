#pragma once
// Shared by the window tests: a main window on the default preset with settings of its own
// (QStandardPaths test mode, cleared per test), and waiting for the run to reach a state.
#include <QComboBox>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>
#include <memory>

#include "document/experiment_file.hpp"
#include "main_window/main_window.hpp"
#include "main_window/window_actions.hpp"
#include "runs/run_bridge.hpp"
#include "session_files/session_files.hpp"

namespace losslab::testing {

inline std::unique_ptr<MainWindow> openWindow(const QString& preset = defaultPresetPath()) {
  QStandardPaths::setTestModeEnabled(true);
  auto w = std::make_unique<MainWindow>(loadExperimentFile(preset));
  // No modal question on close() in a test; the close tests answer it themselves.
  w->sessionFiles()->setClosePrompt([](const QString&) { return QMessageBox::Discard; });
  w->show();
  if (!QTest::qWaitForWindowExposed(w.get())) return nullptr;
  return w;
}

inline void clearSettings() {
  QStandardPaths::setTestModeEnabled(true);
  QSettings().clear();
}

template <class Pred>
SnapshotPtr waitFor(const MainWindow& w, Pred ok, int timeoutMs = 5000) {
  const RunBridge& b = *w.bridge();
  const bool found = QTest::qWaitFor([&] { return b.latest() && ok(*b.latest()); }, timeoutMs);
  return found ? b.latest() : nullptr;
}

// The preset chooser's entry of a file ("edge-of-stability-digits.json"); -1 when none has it.
inline int presetIndex(const QComboBox& box, const QString& fileName) {
  for (int i = 0; i < box.count(); ++i)
    if (box.itemData(i).toString().endsWith(QLatin1Char('/') + fileName)) return i;
  return -1;
}

// The environment the real `losslab` runs in from a test: off screen, with its settings and data
// (recovery files, presets) under `home` so nothing of the user's or another test's is read.
inline QProcessEnvironment appEnvironment(const QString& home) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("QT_QPA_PLATFORM", "offscreen");
  env.insert("XDG_DATA_HOME", home + "/data");
  env.insert("XDG_CONFIG_HOME", home + "/config");
  return env;
}

inline bool pausedAt(const Snapshot& s, long step) {
  return s.state == RunStatus::Paused && s.step == step;
}

}  // namespace losslab::testing
