#include "session_files/session_writer.hpp"

#include <QMetaObject>
#include <chrono>
#include <exception>

#include "losslab/encoding/text_file.hpp"

namespace losslab {

SessionWriter::SessionWriter(QObject* parent) : QObject(parent) {
  pool_.setMaxThreadCount(1);  // writes land in the order they were asked for
  pool_.setExpiryTimeout(-1);
}

SessionWriter::~SessionWriter() { pool_.waitForDone(); }

void SessionWriter::write(const QString& path, const SessionCapture& capture, const SessionWriteOptions& options) {
  ++pending_;
  pool_.start([this, path, capture, options] {
    const auto start = std::chrono::steady_clock::now();
    QString error;
    qint64 bytes = 0;
    try {
      const std::string encoded = encodeSession(sessionFile(capture), options);
      bytes = qint64(encoded.size());
      writeTextFileAtomically(path.toStdString(), encoded);
    } catch (const std::exception& e) {  // InputError (the disk), bad_alloc
      error = QString::fromUtf8(e.what());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // The destructor waits for this task, so `this` outlives the queued call's creation.
    QMetaObject::invokeMethod(
        this, [this, path, step = capture.state->trainer.step, seconds, bytes, error] {
          finish(path, step, seconds, bytes, error);
        },
        Qt::QueuedConnection);
  });
}

void SessionWriter::finish(const QString& path, long step, double seconds, qint64 bytes, const QString& error) {
  --pending_;
  if (error.isEmpty())
    Q_EMIT written(path, step, seconds, bytes);
  else
    Q_EMIT failed(path, error);
}

}  // namespace losslab
