#include "session_files/autosave.hpp"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include "session_files/session_writer.hpp"

namespace losslab {

namespace {
constexpr int kSlots = 16;  // windows open at once, each with its own recovery file
}

Autosave::Autosave(Capture capture, const QString& directory, QObject* parent)
    : QObject(parent), capture_(std::move(capture)), writer_(new SessionWriter(this)) {
  claimSlot(directory.isEmpty()
                ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery")
                : directory);
  timer_.setInterval(defaultIntervalMs);
  connect(&timer_, &QTimer::timeout, this, &Autosave::tick);
  connect(writer_, &SessionWriter::written, this, [this](const QString&, long step, double seconds, qint64 bytes) {
    writing_ = false;
    Q_EMIT saved(step, seconds, bytes);
  });
  connect(writer_, &SessionWriter::failed, this, [this](const QString&, const QString& message) {
    writing_ = false;
    changed_ = true;  // try again at the next tick
    Q_EMIT failed(message);
  });
  if (!path_.isEmpty()) timer_.start();
}

Autosave::~Autosave() {
  writer_->waitForDone();
  if (!path_.isEmpty() && !leftover_) {  // an unanswered crash file stays for the next start
    QFile::remove(path_);
    QFile::remove(path_ + QStringLiteral(".tmp-losslab"));  // left by a write that was cut short
  }
}

void Autosave::claimSlot(const QString& directory) {
  if (!QDir().mkpath(directory)) return;
  for (int slot = 0; slot < kSlots; ++slot) {
    const QString stem = QStringLiteral("%1/recovery-%2").arg(directory).arg(slot);
    auto lock = std::make_unique<QLockFile>(stem + QStringLiteral(".lock"));
    // tryLock removes a lock whose process is gone: the slot of a crashed window is free.
    if (!lock->tryLock(0)) continue;
    lock_ = std::move(lock);
    path_ = stem + QStringLiteral(".losslab");
    leftover_ = QFile::exists(path_);
    return;
  }
}

void Autosave::resolveLeftover() { leftover_ = false; }

void Autosave::setInterval(int ms) {
  if (ms <= 0 || path_.isEmpty()) return timer_.stop();
  timer_.start(ms);
}

void Autosave::markChanged() { changed_ = true; }

void Autosave::tick() {
  if (!changed_ || writing_ || leftover_) return;
  changed_ = false;
  writing_ = true;
  capture_([this](std::optional<SessionCapture> capture) {
    if (!capture || !capture->state) {  // no run, or it was replaced meanwhile: next tick
      writing_ = false;
      changed_ = true;
      return;
    }
    // A run that has not taken a step holds nothing a crash could lose: the file keeps the last
    // run that had (issue #21: a run replaced by a slow one left only "the run at step 0").
    if (capture->state->trainer.step == 0 && QFile::exists(path_)) {
      writing_ = false;
      changed_ = true;
      return;
    }
    writer_->write(path_, *capture, SessionWriteOptions{keptCheckpoints});
  });
}

}  // namespace losslab
