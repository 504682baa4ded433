// MainWindow, after a crash: the recovery file the last run's autosave left is offered back.
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include "losslab/core/error.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "main_window/main_window.hpp"
#include "session_files/autosave.hpp"
#include "session_files/window_session.hpp"

namespace losslab {

bool MainWindow::offerRecovery(const std::function<bool(const QString&)>& ask) {
  if (!autosave_->hasLeftover()) return false;
  const QString path = autosave_->recoveryPath();
  autosave_->resolveLeftover();  // recovered or not, the slot is this window's from now on
  SessionFile file;
  try {
    file = readSessionFile(path.toStdString());
  } catch (const std::exception& e) {
    status_->showMessage(tr("A recovery file was found but could not be read (%1); it was discarded.")
                             .arg(QString::fromUtf8(e.what())), 15000);
    QFile::remove(path);
    return false;
  }
  const QString was = savedPath(file);
  const long step = file.run.trainer.step;
  const QString question =
      tr("LossLab did not close properly last time. Its autosave of %1 holds the run at step %2 (saved %3).\n\n"
         "Recover it?")
          .arg(was.isEmpty() ? tr("an unsaved run") : QFileInfo(was).fileName(), QString::number(step),
               QLocale().toString(QFileInfo(path).lastModified(), QLocale::ShortFormat));
  if (!ask(question)) {
    QFile::remove(path);
    return false;
  }
  try {
    adoptSession(file);
  } catch (const InputError& e) {
    status_->showMessage(tr("The recovery file does not fit this LossLab: %1").arg(QString::fromUtf8(e.what())), 15000);
    return false;
  }
  sessionPath_ = was;
  noteChange();  // the recovered run is not in its file (if it has one) yet
  updateTitle();
  qInfo("LossLab: recovered the run at step %ld from %s", step, qPrintable(path));
  return true;
}

}  // namespace losslab
