#pragma once
// Shared by the window's session tests: saving a window's session and waiting for the write,
// and a run's history as text (every column but the wall clock: equal text, equal bits).
#include <QSignalSpy>
#include <QtTest>

#include "losslab/io/session_file.hpp"
#include "main_window_fixture.hpp"
#include "session_capture.hpp"  // tests/support: rowText

namespace losslab::testing {

inline bool saveAndWait(MainWindow& w, const QString& path) {
  QSignalSpy saved(w.sessionFiles(), &SessionFiles::saved);
  w.sessionFiles()->saveAs(path);
  return saved.count() > 0 || saved.wait(60000);
}

inline QStringList historyText(const Snapshot& s) {
  QStringList rows;
  if (s.history)
    for (const MetricsRow& row : *s.history) rows << QString::fromStdString(test::rowText(row));
  return rows;
}

}  // namespace losslab::testing
