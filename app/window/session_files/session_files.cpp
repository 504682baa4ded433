#include "session_files/session_files.hpp"

#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>

#include "document/run_document.hpp"
#include "losslab/core/error.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "main_window/main_window.hpp"
#include "runs/probe_runner.hpp"
#include "runs/run_bridge.hpp"
#include "runs/run_comparison.hpp"
#include "session_files/autosave.hpp"
#include "session_files/session_writer.hpp"
#include "tabs/landscape_tab.hpp"

namespace losslab {

namespace {
QString sessionFilter() { return QObject::tr("LossLab sessions (*.losslab)"); }

QString megabytes(qint64 bytes) { return QLocale().toString(double(bytes) / (1 << 20), 'f', 1) + QStringLiteral(" MB"); }
}  // namespace

SessionFiles::SessionFiles(MainWindow& window)
    : QObject(&window),
      window_(window),
      writer_(new SessionWriter(this)),
      autosave_(new Autosave([this](auto done) { capture(done); }, QString(), this)) {
  connect(writer_, &SessionWriter::written, this, [this](const QString& path, long step, double seconds, qint64 bytes) {
    path_ = path;
    window_.setWindowModified(changes_ != savedChanges_);  // the run may have gone on since it was captured
    updateTitle();
    window_.runStatus()->showMessage(tr("Saved %1: step %2, %3 in %4 s")
                                         .arg(QFileInfo(path).fileName(), QLocale().toString(qlonglong(step)),
                                              megabytes(bytes), QString::number(seconds, 'f', 2)),
                                     8000);
    Q_EMIT saved(path);
  });
  connect(writer_, &SessionWriter::failed, this, [this](const QString& path, const QString& message) {
    QMessageBox::warning(&window_, tr("Save session"), tr("The session was not saved.\n\n%1").arg(message));
    Q_EMIT saveFailed(path, message);
  });
  connect(autosave_, &Autosave::failed, this, [this](const QString& message) {
    window_.runStatus()->showMessage(tr("Autosave failed: %1").arg(message), 10000);
  });

  // What makes the window differ from its file: the run moving on, edits, new pictures.
  connect(window_.bridge(), &RunBridge::snapshotArrived, this, [this](const SnapshotPtr& s) {
    const bool fresh = shownStep_ < 0 && s->step == 0;  // a new run standing at its start
    if (s->step != shownStep_ && !fresh) noteChange();
    shownStep_ = s->step;
  });
  connect(window_.document(), &RunDocument::changed, this, [this] { noteChange(); });
  connect(window_.probes(), &ProbeRunner::finished, this, [this] { noteChange(); });
  connect(window_.landscapeTab(), &LandscapeTab::pictureShown, this, [this](bool complete) {
    if (complete) noteChange();
  });
  updateTitle();
}

void SessionFiles::noteChange() {
  ++changes_;
  autosave_->markChanged();
  window_.setWindowModified(true);
}

void SessionFiles::updateTitle() {
  const QString name = path_.isEmpty() ? tr("Untitled") : QFileInfo(path_).fileName();
  window_.setWindowTitle(tr("%1[*] — LossLab").arg(name));  // [*]: Qt's unsaved-changes marker
}

void SessionFiles::capture(const std::function<void(std::optional<SessionCapture>)>& done) {
  RunBridge* bridge = window_.bridge();
  if (!bridge->hasRun()) return done(std::nullopt);
  bridge->requestState([this, done](std::shared_ptr<const RunState> state) {
    if (!state) return done(std::nullopt);
    // The pictures as they are now: a probe result always belongs to the run shown (a new run
    // clears them), though it may have been made a few steps before the state.
    SessionCapture capture{std::move(state), window_.spectrumView()->result(), window_.landscapeTab()->result(),
                           MainWindow::viewName(window_.currentView()), path_, {}};
    const RunComparison* comparison = window_.comparison();
    for (int r = 0; r < comparison->count(); ++r) capture.compared.push_back(comparison->change(r));
    done(std::move(capture));
  });
}

void SessionFiles::saveAs(const QString& path) {
  const quint64 at = changes_;
  capture([this, path, at](std::optional<SessionCapture> capture) {
    if (!capture) {
      Q_EMIT saveFailed(path, tr("There is no run to save."));
      return;
    }
    capture->path = path;
    savedChanges_ = at;
    writer_->write(path, *capture);
  });
}

void SessionFiles::save() {
  if (path_.isEmpty()) return saveDialog();
  saveAs(path_);
}

QString SessionFiles::askSavePath() {
  QString path = QFileDialog::getSaveFileName(&window_, tr("Save session"),
                                              path_.isEmpty() ? QStringLiteral("session.losslab") : path_,
                                              sessionFilter());
  if (!path.isEmpty() && !path.endsWith(QStringLiteral(".losslab"))) path += QStringLiteral(".losslab");
  return path;
}

void SessionFiles::saveDialog() {
  const QString path = askSavePath();
  if (!path.isEmpty()) saveAs(path);
}

void SessionFiles::openDialog() {
  const QString path = QFileDialog::getOpenFileName(&window_, tr("Open session"), QString(), sessionFilter());
  if (path.isEmpty()) return;
  QString error;
  if (!open(path, &error))
    QMessageBox::warning(&window_, tr("Open session"),
                         tr("The session could not be opened; the current run goes on unchanged.\n\n%1").arg(error));
}

bool SessionFiles::open(const QString& path, QString* error) {
  QElapsedTimer clock;
  clock.start();
  try {
    const SessionFile file = readSessionFile(path.toStdString());  // its errors start with the path
    try {
      adopt(file);
    } catch (const InputError& e) {  // the run the file describes does not fit its own config
      throw InputError(path.toStdString() + ": " + e.what());
    }
  } catch (const std::exception& e) {  // InputError names what is wrong; anything else too
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  path_ = path;
  window_.setWindowModified(false);
  updateTitle();
  window_.runStatus()->showMessage(tr("Opened %1 at step %2 in %3 s; Play continues it")
                                       .arg(QFileInfo(path).fileName(), QLocale().toString(qlonglong(shownStep_)),
                                            QString::number(clock.elapsed() / 1000.0, 'f', 2)),
                                   8000);
  return true;
}

void SessionFiles::adopt(const SessionFile& file) {
  window_.restoreSession(file);
  shownStep_ = file.run.trainer.step;  // the restored run's first snapshot is no change
}

bool SessionFiles::offerRecovery(const std::function<bool(const QString&)>& ask) {
  if (!autosave_->hasLeftover()) return false;
  const QString path = autosave_->recoveryPath();
  autosave_->resolveLeftover();  // recovered or not, the slot is this window's from now on
  SessionFile file;
  try {
    file = readSessionFile(path.toStdString());
  } catch (const std::exception& e) {
    window_.runStatus()->showMessage(tr("A recovery file was found but could not be read (%1); it was discarded.")
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
    adopt(file);
  } catch (const InputError& e) {
    window_.runStatus()->showMessage(tr("The recovery file does not fit this LossLab: %1").arg(QString::fromUtf8(e.what())),
                                     15000);
    return false;
  }
  path_ = was;
  noteChange();  // the recovered run is not in its file (if it has one) yet
  updateTitle();
  qInfo("LossLab: recovered the run at step %ld from %s", step, qPrintable(path));
  return true;
}

bool SessionFiles::mayClose() {
  if (!window_.isWindowModified() || closeAfterSave_) return true;
  const QString question =
      tr("The run (step %1) has changes that are not in a session file: its history, checkpoints "
         "and pictures go when the window closes.\n\nSave the session first?")
          .arg(QLocale().toString(qlonglong(std::max(shownStep_, 0L))));
  const QMessageBox::StandardButton choice =
      closePrompt_ ? closePrompt_(question)
                   : QMessageBox::question(&window_, tr("Close LossLab"), question,
                                           QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                           QMessageBox::Save);
  if (choice == QMessageBox::Save) {
    const QString path = path_.isEmpty() ? askSavePath() : path_;
    if (!path.isEmpty()) saveThenClose(path);
    return false;  // closes once the file is written
  }
  return choice == QMessageBox::Discard;  // Cancel, or the dialog closed: stays open
}

void SessionFiles::saveThenClose(const QString& path) {
  window_.bridge()->pause();  // the file holds the run as it stands when the user chose to close
  closeAfterSave_ = true;
  auto onSaved = std::make_shared<QMetaObject::Connection>(), onFailed = std::make_shared<QMetaObject::Connection>();
  auto finish = [this, onSaved, onFailed](bool ok) {
    disconnect(*onSaved);
    disconnect(*onFailed);
    if (ok) window_.close();
    closeAfterSave_ = false;
  };
  *onSaved = connect(this, &SessionFiles::saved, this, [finish] { finish(true); });
  *onFailed = connect(this, &SessionFiles::saveFailed, this, [finish] { finish(false); });
  saveAs(path);
}

}  // namespace losslab
