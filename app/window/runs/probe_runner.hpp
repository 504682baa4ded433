#pragma once
// Runs probes (curvature spectra, landscapes) off the GUI thread (docs/DESIGN.md "Threads": the GUI
// never waits on the engine). One probe at a time on its own std::jthread: progress, partial
// results and the result come back to the GUI thread as queued invocations; cancel() returns
// at once, stops the probe through its stop token, and nothing of a cancelled probe is applied.
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "losslab/core/task_control.hpp"
#include "losslab/curvature/spectrum_result.hpp"
#include "losslab/probes/spectrum_probe.hpp"


namespace losslab {

class ProbeRunner : public QObject {
  Q_OBJECT

 public:
  using Job = std::function<SpectrumResult(const TaskControl&)>;
  // Queues a call on the GUI thread, made only if the probe is still current by then.
  using Post = std::function<void(std::function<void()>)>;
  // A probe of any result type: runs on the worker thread, may post partial results (a
  // landscape's coarse passes), and returns what to do with its result on the GUI thread.
  using Task = std::function<std::function<void()>(const TaskControl&, const Post&)>;

  explicit ProbeRunner(QObject* parent = nullptr);
  ~ProbeRunner() override;  // stops every probe and joins its thread

  // Starts `task` on a worker thread, cancelling the probe in progress (without a signal).
  // Its returned call runs on the GUI thread unless the probe was cancelled or replaced; an
  // exception becomes failed(), Cancelled nothing.
  void runTask(Task task);
  // Starts `job` as runTask does; its result comes as finished().
  void run(Job job);
  // The spectrum of `snapshot` (kept alive by the worker: snapshots are immutable).
  void runSpectrum(SnapshotPtr snapshot, SpectrumRequest request);
  // Stops the probe in progress and emits cancelled(); nothing if none runs. Never blocks.
  void cancel();

  bool isRunning() const { return running_; }
  // Worker threads not yet wound down (a cancelled one finishes its current unit of work).
  int activeThreads() const;

 Q_SIGNALS:
  void progressed(double fraction);  // 0..1, coalesced: at most one pending at a time
  void finished(losslab::SpectrumResultPtr result);
  void failed(const QString& message);
  void cancelled();

 private:
  struct Probe {
    std::jthread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  struct Progress {  // shared with one worker: its latest fraction, and whether one is posted
    std::atomic<double> fraction{0.0};
    std::atomic<bool> posted{false};
  };
  void stopCurrent();
  void reap();  // joins the threads whose probes have returned
  void deliver(quint64 generation, const std::function<void()>& onResult, const QString& error);

  std::vector<Probe> probes_;
  quint64 generation_ = 0;  // bumped at every start and cancel: stale deliveries are dropped
  bool running_ = false;
};

}  // namespace losslab
