// MainWindow, closing: a run with work not in a session file asks before it goes — Save (the
// window closes once the file is written and stays open if the write fails), Discard, Cancel.
#include <QCloseEvent>
#include <QFileDialog>
#include <QLocale>

#include "main_window/main_window.hpp"
#include "main_window/window_settings.hpp"
#include "runs/run_bridge.hpp"

namespace losslab {

void MainWindow::closeEvent(QCloseEvent* event) {
  if (isWindowModified() && !closeAfterSave_) {
    const QString question =
        tr("The run (step %1) has changes that are not in a session file: its history, checkpoints "
           "and pictures go when the window closes.\n\nSave the session first?")
            .arg(QLocale().toString(qlonglong(std::max(shownStep_, 0L))));
    const QMessageBox::StandardButton choice =
        closePrompt_ ? closePrompt_(question)
                     : QMessageBox::question(this, tr("Close LossLab"), question,
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                             QMessageBox::Save);
    if (choice == QMessageBox::Save) {
      QString path = sessionPath_;
      if (path.isEmpty()) {
        path = QFileDialog::getSaveFileName(this, tr("Save session"), QStringLiteral("session.losslab"),
                                            tr("LossLab sessions (*.losslab)"));
        if (!path.isEmpty() && !path.endsWith(QStringLiteral(".losslab"))) path += QStringLiteral(".losslab");
      }
      if (!path.isEmpty()) saveThenClose(path);
      event->ignore();
      return;
    }
    if (choice != QMessageBox::Discard) {  // Cancel, or the dialog closed
      event->ignore();
      return;
    }
  }
  saveWindowSettings(*this);
  QMainWindow::closeEvent(event);
}

void MainWindow::saveThenClose(const QString& path) {
  bridge_->pause();  // the file holds the run as it stands when the user chose to close
  closeAfterSave_ = true;
  auto saved = std::make_shared<QMetaObject::Connection>(), failed = std::make_shared<QMetaObject::Connection>();
  auto finish = [this, saved, failed](bool ok) {
    disconnect(*saved);
    disconnect(*failed);
    if (ok) close();
    closeAfterSave_ = false;
  };
  *saved = connect(this, &MainWindow::sessionSaved, this, [finish] { finish(true); });
  *failed = connect(this, &MainWindow::sessionSaveFailed, this, [finish] { finish(false); });
  saveSessionAs(path);
}

}  // namespace losslab
