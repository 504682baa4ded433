#include "runs/probe_runner.hpp"

#include "losslab/core/background_priority.hpp"

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

void ProbeRunner::runTask(Task task) {
  stopCurrent();
  reap();
  const quint64 generation = ++generation_;
  running_ = true;
  auto done = std::make_shared<std::atomic<bool>>(false);
  auto progress = std::make_shared<Progress>();
  // Runs on the worker thread: it only reads its own state and queues calls to this object.
  auto work = [this, generation, done, progress, task = std::move(task)](std::stop_token stop) {
    const BackgroundPriority background;  // the probe yields to the window
    TaskControl control{stop, [this, generation, progress](double f) {
                          progress->fraction = f;
                          if (progress->posted.exchange(true)) return;  // one in flight suffices
                          QMetaObject::invokeMethod(this, [this, generation, progress] {
                            progress->posted = false;
                            if (generation == generation_) Q_EMIT progressed(progress->fraction);
                          }, Qt::QueuedConnection);
                        }};
    const Post post = [this, generation](std::function<void()> call) {
      QMetaObject::invokeMethod(this, [this, generation, call = std::move(call)] {
        if (generation == generation_) call();
      }, Qt::QueuedConnection);
    };
    std::function<void()> onResult;
    QString error;
    try {
      onResult = task(control, post);
    } catch (const Cancelled&) {
      // cancel() has already told the GUI; nothing to deliver
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    *done = true;
    if (stop.stop_requested()) return;
    QMetaObject::invokeMethod(this, [this, generation, onResult = std::move(onResult), error] {
      deliver(generation, onResult, error);
    }, Qt::QueuedConnection);
  };
  probes_.push_back({std::jthread(std::move(work)), done});
}

void ProbeRunner::run(Job job) {
  runTask([this, job = std::move(job)](const TaskControl& control, const Post&) -> std::function<void()> {
    auto result = std::make_shared<const SpectrumResult>(job(control));
    return [this, result] { Q_EMIT finished(result); };
  });
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

void ProbeRunner::deliver(quint64 generation, const std::function<void()>& onResult,
                          const QString& error) {
  reap();
  if (generation != generation_) return;  // cancelled or replaced since
  running_ = false;
  if (onResult)
    onResult();
  else
    Q_EMIT failed(error.isEmpty() ? tr("The probe stopped without a result.") : error);
}

}  // namespace losslab
