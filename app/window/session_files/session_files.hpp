#pragma once
// The main window's session file (.losslab): its name in the title with Qt's unsaved-changes
// marker, Save and Save as (written in the background), Open (a file that does not read leaves
// the run alone and says why), the autosaved recovery file offered back after a crash, and the
// question on closing a window whose run is not in its file. MainWindow restores what a file
// holds (MainWindow::restoreSession); this class decides when and with which file.
#include <QMessageBox>
#include <QObject>
#include <QString>
#include <functional>
#include <optional>

#include "session_files/window_session.hpp"

namespace losslab {

class Autosave;
class MainWindow;
class SessionWriter;

class SessionFiles : public QObject {
  Q_OBJECT

 public:
  explicit SessionFiles(MainWindow& window);

  // Continues the file's run paused at its step; false (with why) changes nothing.
  bool open(const QString& path, QString* error = nullptr);
  // Captures the run and writes it in the background: saved or saveFailed.
  void saveAs(const QString& path);
  void save();        // to the open file, or asks for one
  void saveDialog();  // Save session as…
  void openDialog();
  QString path() const { return path_; }  // empty: not saved yet

  // A crashed run's recovery file, if any: `ask` (a dialog in main) sees what it holds and
  // decides; true when the run was recovered. Declined, the file is discarded.
  bool offerRecovery(const std::function<bool(const QString& description)>& ask);
  // The run as it stands with the window's pictures; `done` runs on the GUI thread.
  void capture(const std::function<void(std::optional<SessionCapture>)>& done);
  Autosave* autosave() const { return autosave_; }

  // Closing with unsaved work asks first: Save (the window closes once the file is written and
  // stays open if it is not), Discard or Cancel. Tests answer for the user.
  using ClosePrompt = std::function<QMessageBox::StandardButton(const QString& question)>;
  void setClosePrompt(ClosePrompt prompt) { closePrompt_ = std::move(prompt); }
  // From MainWindow::closeEvent: true when the window may close now.
  bool mayClose();

 Q_SIGNALS:
  void saved(const QString& path);
  void saveFailed(const QString& path, const QString& message);

 private:
  void adopt(const SessionFile& file);  // throws InputError, changing nothing
  void noteChange();  // the run or its pictures moved on since the last save
  void updateTitle();
  void saveThenClose(const QString& path);
  QString askSavePath();  // empty: cancelled

  MainWindow& window_;
  SessionWriter* writer_;
  Autosave* autosave_;
  QString path_;
  long shownStep_ = -1;        // of the newest snapshot: a new step is a change to save
  quint64 changes_ = 0;        // counts noteChange()
  quint64 savedChanges_ = 0;   // changes_ when the save under way captured the run
  ClosePrompt closePrompt_;
  bool closeAfterSave_ = false;  // a Save chosen on close is being written
};

}  // namespace losslab
