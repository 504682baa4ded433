#pragma once
// Runs one sweep off the GUI thread (docs/DESIGN.md "Threads"): the engine's runSweep on a
// std::jthread, its runs in parallel on the cores, progress and each finished run posted back to
// the GUI thread as queued calls. cancel() returns at once; the runs stop within one training
// step, and every run finished before stays on disk, so the sweep can be resumed.
#include <QObject>
#include <QString>
#include <QVector>
#include <thread>

#include "losslab/sweep/sweep_config.hpp"
#include "losslab/sweep/sweep_progress.hpp"

namespace losslab {

class SweepJob : public QObject {
  Q_OBJECT

 public:
  explicit SweepJob(QObject* parent = nullptr);
  ~SweepJob() override;  // stops a running sweep and waits for its thread

  // Starts `sweep` into the folder `outDir` (see SweepDirectory: resume continues a sweep there).
  // False, and nothing starts, while another sweep runs.
  bool start(const SweepConfig& sweep, const QString& outDir, bool resume, int threads = 0);
  void cancel();
  bool isRunning() const { return running_; }

 Q_SIGNALS:
  void progressed(const losslab::SweepProgress& progress);
  // A run's results row is on disk: its index in the plan and its values (sweep.metrics order).
  void runFinished(long runIndex, const QVector<double>& values);
  // completed: every run is done. Otherwise `error` says why it stopped (empty when cancelled).
  void finished(bool completed, const QString& error);

 private:
  std::jthread thread_;
  bool running_ = false;
  quint64 generation_ = 0;  // posts of a sweep that was cancelled and replaced are dropped
};

}  // namespace losslab
