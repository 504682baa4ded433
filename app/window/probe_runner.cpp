#include "probe_runner.hpp"

#include <QMetaObject>
#include <algorithm>

namespace losslab {

ProbeRunner::ProbeRunner(QObject* parent) : QObject(parent) {
  qRegisterMetaType<losslab::SpectrumResultPtr>("losslab::SpectrumResultPtr");
}

ProbeRunner::~ProbeRunner() {
  // Joined before QObject's destructor: no worker may post to a dying object. Each returns
  // within one unit of work (an operator application) of its stop request.
  for (Probe& p : probes_) p.thread.request_stop();
  probes_.clear();
}

void ProbeRunner::run(Job job) {
  stopCurrent();
  reap();
  const quint64 generation = ++generation_;
  running_ = true;
  auto done = std::make_shared<std::atomic<bool>>(false);
  auto progress = std::make_shared<Progress>();
  // Runs on the worker thread: it only reads its own state and queues calls to this object.
  auto work = [this, generation, done, progress, job = std::move(job)](std::stop_token stop) {
    TaskControl control{stop, [this, generation, progress](double f) {
                          progress->fraction = f;
                          if (progress->posted.exchange(true)) return;  // one in flight suffices
                          QMetaObject::invokeMethod(this, [this, generation, progress] {
                            progress->posted = false;
                            if (generation == generation_) Q_EMIT progressed(progress->fraction);
                          }, Qt::QueuedConnection);
                        }};
    SpectrumResultPtr result;
    QString error;
    try {
      result = std::make_shared<const SpectrumResult>(job(control));
    } catch (const Cancelled&) {
      // cancel() has already told the GUI; nothing to deliver
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    *done = true;
    if (stop.stop_requested()) return;
    QMetaObject::invokeMethod(this, [this, generation, result, error] {
      deliver(generation, result, error);
    }, Qt::QueuedConnection);
  };
  probes_.push_back({std::jthread(std::move(work)), done});
}

void ProbeRunner::runSpectrum(SnapshotPtr snapshot, SpectrumRequest request) {
  run([snapshot = std::move(snapshot), request](const TaskControl& control) {
    return spectrumOf(*snapshot, request, control);
  });
}

void ProbeRunner::stopCurrent() {
  if (!running_) return;
  ++generation_;
  running_ = false;
  probes_.back().thread.request_stop();  // the probe winds down on its own; reap() joins it
}

void ProbeRunner::cancel() {
  if (!running_) return;
  stopCurrent();
  Q_EMIT cancelled();
}

void ProbeRunner::reap() {
  std::erase_if(probes_, [](Probe& p) { return p.done->load(); });  // ~jthread joins at once
}

int ProbeRunner::activeThreads() const {
  return static_cast<int>(std::count_if(probes_.begin(), probes_.end(),
                                        [](const Probe& p) { return !p.done->load(); }));
}

void ProbeRunner::deliver(quint64 generation, SpectrumResultPtr result, const QString& error) {
  reap();
  if (generation != generation_) return;  // cancelled or replaced since
  running_ = false;
  if (result)
    Q_EMIT finished(std::move(result));
  else
    Q_EMIT failed(error.isEmpty() ? tr("The probe stopped without a result.") : error);
}

}  // namespace losslab
