// MainWindow, its sessions: File → Open session (Ctrl+O), Save session (Ctrl+S), Save session
// as (Ctrl+Shift+S), the title with the file's name and an unsaved-changes marker, and the
// autosave that feeds the recovery file (main_window_recovery.cpp offers it after a crash).
#include <QAction>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>

#include "controls/curvature_controls.hpp"
#include "document/run_document.hpp"
#include "losslab/core/error.hpp"
#include "losslab/probes/landscape_session.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "losslab/widgets/spectrum_view.hpp"
#include "main_window/main_window.hpp"
#include "runs/forked_runs.hpp"
#include "runs/probe_runner.hpp"
#include "runs/run_comparison.hpp"
#include "runs/run_bridge.hpp"
#include "session_files/autosave.hpp"
#include "session_files/session_writer.hpp"
#include "session_files/window_session.hpp"
#include "tabs/collapse_tab.hpp"
#include "tabs/landscape_tab.hpp"

namespace losslab {

namespace {
QString sessionFilter() { return QObject::tr("LossLab sessions (*.losslab)"); }

QString megabytes(qint64 bytes) { return QLocale().toString(double(bytes) / (1 << 20), 'f', 1) + QStringLiteral(" MB"); }
}  // namespace

void MainWindow::setUpSessions() {
  saver_ = new SessionWriter(this);
  connect(saver_, &SessionWriter::written, this, [this](const QString& path, long step, double seconds, qint64 bytes) {
    sessionPath_ = path;
    setWindowModified(changes_ != savedChanges_);  // the run may have gone on since it was captured
    updateTitle();
    status_->showMessage(tr("Saved %1: step %2, %3 in %4 s")
                             .arg(QFileInfo(path).fileName(), QLocale().toString(qlonglong(step)), megabytes(bytes),
                                  QString::number(seconds, 'f', 2)),
                         8000);
    Q_EMIT sessionSaved(path);
  });
  connect(saver_, &SessionWriter::failed, this, [this](const QString& path, const QString& message) {
    QMessageBox::warning(this, tr("Save session"), tr("The session was not saved.\n\n%1").arg(message));
    Q_EMIT sessionSaveFailed(path, message);
  });
  autosave_ = new Autosave([this](auto done) { captureSession(done); }, QString(), this);
  connect(autosave_, &Autosave::failed, this, [this](const QString& message) {
    status_->showMessage(tr("Autosave failed: %1").arg(message), 10000);
  });

  // What makes the window differ from its file: the run moving on, edits, new pictures.
  connect(bridge_, &RunBridge::snapshotArrived, this, [this](const SnapshotPtr& s) {
    const bool fresh = shownStep_ < 0 && s->step == 0;  // a new run standing at its start
    if (s->step != shownStep_ && !fresh) noteChange();
    shownStep_ = s->step;
  });
  connect(document_, &RunDocument::changed, this, [this] { noteChange(); });
  connect(probes_, &ProbeRunner::finished, this, [this] { noteChange(); });
  connect(landscape_, &LandscapeTab::pictureShown, this, [this](bool complete) {
    if (complete) noteChange();
  });
  updateTitle();
}

void MainWindow::addSessionActions(QMenu* file) {
  auto* open = file->addAction(tr("&Open session…"), QKeySequence::Open, this, &MainWindow::openSessionDialog);
  open->setToolTip(tr("Continue a saved run where it stood, with its history, checkpoints and pictures (Ctrl+O)"));
  file->addAction(tr("&Save session"), QKeySequence::Save, this, &MainWindow::saveSession);
  file->addAction(tr("Save session &as…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this, &MainWindow::saveSessionDialog);
}

void MainWindow::noteChange() {
  ++changes_;
  if (autosave_) autosave_->markChanged();
  setWindowModified(true);
}

void MainWindow::updateTitle() {
  const QString name = sessionPath_.isEmpty() ? tr("Untitled") : QFileInfo(sessionPath_).fileName();
  setWindowTitle(tr("%1[*] — LossLab").arg(name));  // [*]: Qt's unsaved-changes marker
}

void MainWindow::captureSession(const std::function<void(std::optional<SessionCapture>)>& done) {
  if (!bridge_->hasRun()) return done(std::nullopt);
  bridge_->requestState([this, done](std::shared_ptr<const RunState> state) {
    if (!state) return done(std::nullopt);
    // The pictures as they are now: a probe result always belongs to the run shown (a new run
    // clears them), though it may have been made a few steps before the state.
    SessionCapture capture{std::move(state), spectrum_->result(), landscape_->result(), viewName(currentView()),
                           sessionPath_, {}};
    for (int r = 0; r < comparison_->count(); ++r) capture.compared.push_back(comparison_->change(r));
    done(std::move(capture));
  });
}

void MainWindow::saveSessionAs(const QString& path) {
  const quint64 at = changes_;
  captureSession([this, path, at](std::optional<SessionCapture> capture) {
    if (!capture) {
      Q_EMIT sessionSaveFailed(path, tr("There is no run to save."));
      return;
    }
    capture->path = path;
    savedChanges_ = at;
    saver_->write(path, *capture);
  });
}

void MainWindow::saveSession() {
  if (sessionPath_.isEmpty()) return saveSessionDialog();
  saveSessionAs(sessionPath_);
}

void MainWindow::saveSessionDialog() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save session"),
                                              sessionPath_.isEmpty() ? QStringLiteral("session.losslab") : sessionPath_,
                                              sessionFilter());
  if (path.isEmpty()) return;
  if (!path.endsWith(QStringLiteral(".losslab"))) path += QStringLiteral(".losslab");
  saveSessionAs(path);
}

void MainWindow::openSessionDialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), QString(), sessionFilter());
  if (path.isEmpty()) return;
  QString error;
  if (!openSessionFile(path, &error))
    QMessageBox::warning(this, tr("Open session"),
                         tr("The session could not be opened; the current run goes on unchanged.\n\n%1").arg(error));
}

bool MainWindow::openSessionFile(const QString& path, QString* error) {
  QElapsedTimer clock;
  clock.start();
  SessionFile file;
  try {
    file = readSessionFile(path.toStdString());  // its errors start with the path
    try {
      adoptSession(file);
    } catch (const InputError& e) {  // the run the file describes does not fit its own config
      throw InputError(path.toStdString() + ": " + e.what());
    }
  } catch (const std::exception& e) {  // InputError names what is wrong; anything else too
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  sessionPath_ = path;
  setWindowModified(false);
  updateTitle();
  status_->showMessage(tr("Opened %1 at step %2 in %3 s; Play continues it")
                           .arg(QFileInfo(path).fileName(), QLocale().toString(qlonglong(shownStep_)),
                                QString::number(clock.elapsed() / 1000.0, 'f', 2)),
                       8000);
  return true;
}

void MainWindow::adoptSession(const SessionFile& file) {
  // What can fail comes first: a file that does not fit changes nothing.
  std::shared_ptr<const LandscapeResult> landscape;
  if (file.landscape) landscape = landscapeResultFrom(*file.landscape, file.run.checkpoints);
  const auto compared = savedComparisons(file);
  if (compared) comparison_->clear();  // the file's comparisons replace the window's
  bridge_->restore(file.run);
  restartSettle_.stop();  // an edit's pending restart belonged to the run just replaced
  showNewRun(file.run.config);
  shownStep_ = file.run.trainer.step;
  document_->replace(tr("Open session"), file.run.config);  // the controls follow
  // The controls show what the restored run measures (it goes on measuring that).
  curvature_->showTracking(file.run.curvature);
  collapse_->showCollapseTracking(file.run.collapse);
  if (compared) restoreComparisons(*compared, shownStep_);
  if (file.spectrum) {
    auto spectrum = std::make_shared<const SpectrumResult>(*file.spectrum);
    spectrum_->setResult(spectrum);
    curvature_->showProbeFinished(*spectrum);
  }
  if (landscape) landscape_->showRestored(landscape);
  if (const auto view = viewFromName(savedView(file))) showView(*view);
}

void MainWindow::restoreComparisons(const std::vector<SettingChange>& changes, long step) {
  QStringList dropped;
  for (const SettingChange& change : changes) try {
      comparison_->add(change);
    } catch (const InputError& e) {  // it no longer applies (the engine rejects it): the rest stay
      dropped << tr("%1 (%2)").arg(changeLabel(change), QString::fromUtf8(e.what()));
    }
  // Trained again from step 0 to where the run stands: the same seed and settings give the
  // same curves the session had.
  if (step > 0) comparison_->runs()->step(step);
  if (!dropped.isEmpty())
    status_->showMessage(tr("Not compared again: %1").arg(dropped.join(QStringLiteral("; "))), 15000);
}

}  // namespace losslab
