#pragma once
// Writes session files off the GUI thread: encoding a large run (checkpoints, optimizer
// buffers, a landscape grid) takes longer than a frame. One write at a time, in the order asked,
// each atomic (the engine's temporary file + rename), so a crash mid-write leaves the previous
// file whole. The destructor waits for the write under way.
#include <QObject>
#include <QString>
#include <QThreadPool>

#include "session_files/window_session.hpp"

namespace losslab {

class SessionWriter : public QObject {
  Q_OBJECT

 public:
  explicit SessionWriter(QObject* parent = nullptr);
  ~SessionWriter() override;

  void write(const QString& path, const SessionCapture& capture, const SessionWriteOptions& options = {});
  bool busy() const { return pending_ > 0; }
  void waitForDone() { pool_.waitForDone(); }

 Q_SIGNALS:
  // On the GUI thread, after each write: the seconds it took (encoding and writing) and its size.
  void written(const QString& path, long step, double seconds, qint64 bytes);
  void failed(const QString& path, const QString& message);

 private:
  void finish(const QString& path, long step, double seconds, qint64 bytes, const QString& error);

  QThreadPool pool_;
  int pending_ = 0;
};

}  // namespace losslab
