#pragma once
// The recovery file: while the window has changes the file lacks, the run is captured every few
// seconds and written in the background (SessionWriter: atomic, off the GUI thread). Each
// window claims a recovery slot with a lock file, so two LossLab windows never share one and a
// slot whose owner died (a crash, kill -9) is free again: a file found in it at claim time is a
// crashed run's, which the window offers to recover. A clean exit removes the file.
#include <QLockFile>
#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

#include "session_files/window_session.hpp"

namespace losslab {

class SessionWriter;

class Autosave : public QObject {
  Q_OBJECT

 public:
  // Asks for the window's state; the answer (nullopt: none to save) may come later.
  using Capture = std::function<void(std::function<void(std::optional<SessionCapture>)>)>;
  static constexpr int defaultIntervalMs = 5000;
  static constexpr std::size_t keptCheckpoints = 16;  // a recovery file stays small

  // `directory` empty: <AppDataLocation>/recovery.
  explicit Autosave(Capture capture, const QString& directory = {}, QObject* parent = nullptr);
  ~Autosave() override;  // a clean exit: waits for the write under way, removes the file

  QString recoveryPath() const { return path_; }  // empty when every slot is taken
  // A crashed run's file found in the slot; nothing is written until resolveLeftover().
  bool hasLeftover() const { return leftover_; }
  void resolveLeftover();  // recovered or declined: the file is the window's own again

  void setInterval(int ms);  // 0: autosave off
  int interval() const { return timer_.interval(); }
  void markChanged();        // the window has changed since the last write
  bool changed() const { return changed_; }
  SessionWriter* writer() const { return writer_; }

 Q_SIGNALS:
  void saved(long step, double seconds, qint64 bytes);
  void failed(const QString& message);

 private:
  void claimSlot(const QString& directory);
  void tick();

  Capture capture_;
  SessionWriter* writer_;
  std::unique_ptr<QLockFile> lock_;
  QString path_;
  QTimer timer_;
  bool leftover_ = false;
  bool changed_ = false;
  bool writing_ = false;
};

}  // namespace losslab
