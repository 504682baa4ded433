#include "sweeps/sweep_job.hpp"

#include "losslab/core/background_priority.hpp"

#include <QMetaObject>

#include "losslab/core/error.hpp"
#include "losslab/sweep/sweep_runner.hpp"

namespace losslab {

SweepJob::SweepJob(QObject* parent) : QObject(parent) {}

SweepJob::~SweepJob() {
  // Joined before QObject's destructor, so no worker posts to a dying object.
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

bool SweepJob::start(const SweepConfig& sweep, const QString& outDir, bool resume, int threads) {
  if (running_) return false;
  if (thread_.joinable()) thread_.join();  // a cancelled sweep winding down: within one step
  running_ = true;
  const quint64 generation = ++generation_;
  auto post = [this, generation](auto call) {
    QMetaObject::invokeMethod(this, [this, generation, call = std::move(call)] {
      if (generation == generation_) call();
    }, Qt::QueuedConnection);
  };
  // The worker reads only its own copies and queues calls on this object.
  thread_ = std::jthread([this, post, sweep, dir = outDir.toStdString(), resume, threads](std::stop_token stop) {
    const BackgroundPriority background;  // the sweep yields to the window
    SweepCallbacks callbacks;
    callbacks.progress = [this, &post](const SweepProgress& p) { post([this, p] { Q_EMIT progressed(p); }); };
    callbacks.runFinished = [this, &post](const SweepRun& run, const std::vector<double>& values) {
      post([this, index = run.index, v = QVector<double>(values.begin(), values.end())] { Q_EMIT runFinished(index, v); });
    };
    bool completed = false;
    QString error;
    try {
      LocalDistribution local;
      runSweep(sweep, dir, {resume, threads}, local, callbacks, stop);
      completed = true;
    } catch (const Cancelled&) {
      // cancel() has told the GUI already
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    post([this, completed, error] {
      running_ = false;
      Q_EMIT finished(completed, error);
    });
  });
  return true;
}

void SweepJob::cancel() {
  if (!running_) return;
  running_ = false;
  ++generation_;
  thread_.request_stop();
  Q_EMIT finished(false, QString());
}

}  // namespace losslab
