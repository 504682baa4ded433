#include "losslab/run/training_run.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stop_token>
#include <thread>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/background_priority.hpp"
#include "losslab/core/error.hpp"
#include "losslab/core/retired_threads.hpp"
#include "losslab/optim/schedule.hpp"
#include "losslab/run/checkpoint_history.hpp"
#include "losslab/run/collapse_measurement.hpp"
#include "losslab/run/metrics_history.hpp"
#include "losslab/run/trainer.hpp"

namespace losslab {

using Clock = std::chrono::steady_clock;

struct TrainingRun::Worker {
  std::mutex mutex;
  std::condition_variable wake, idle;
  struct Command {
    std::function<void()> run;
    bool interrupts;  // pause and reset cut a pending step(n) short; others queue behind it
  };
  std::deque<Command> commands;  // run in order on the worker thread
  bool busy = false, quit = false;
  std::atomic<bool> running{false};
  std::atomic<long> stepsRemaining{0};
  CollapseTracking collapse;  // worker thread only, as the trainer

  std::unique_ptr<Trainer> trainer;  // touched by the worker thread only (after construction)
  CurvatureTracking tracking;
  MetricsHistory history;
  std::unique_ptr<CheckpointHistory> checkpoints;  // the trajectory, for landscape pictures
  SnapshotCallback onSnapshot;
  Clock::duration publishInterval;
  Clock::time_point lastPublish = Clock::now();
  long stepsAtLastPublish = 0;
  std::atomic<long> pace{0};  // steps per published frame while playing; 0: as fast as it goes
  double stepsPerSecond = 0.0;
  std::deque<std::pair<Clock::time_point, long>> rateWindow;  // (time, step) over the last second

  mutable std::mutex latestMutex;  // guards only the pointer swap, never a computation
  SnapshotPtr latest;
  std::thread thread;
  // Retirement (the run's destructor): the stop token ends a step within one product, and
  // once `detached` is set no callback runs, so the owner may go while the thread winds down.
  std::stop_source stopSource;
  std::mutex outMutex;  // held only while a callback hands its result on
  bool detached = false;
  std::shared_ptr<std::atomic<bool>> finished = std::make_shared<std::atomic<bool>>(false);

  template <class F> void handOut(F&& f) {
    std::lock_guard lock(outMutex);
    if (!detached) f();
  }

  void adopt(std::unique_ptr<Trainer> t) {
    trainer = std::move(t);
    trainer->setStopToken(stopSource.get_token());
  }

  bool hasWork() const { return running || stepsRemaining > 0; }

  void enqueue(std::function<void()> command, bool interrupts = false) {
    {
      std::lock_guard lock(mutex);
      commands.push_back({std::move(command), interrupts});
    }
    wake.notify_one();
  }

  SnapshotPtr makeSnapshot() {
    auto s = std::make_shared<Snapshot>();
    s->step = trainer->stepCount();
    s->epoch = trainer->epoch();
    s->state = trainer->diverged() ? RunStatus::Diverged : hasWork() ? RunStatus::Running : RunStatus::Paused;
    s->divergedAtStep = trainer->divergedAtStep();
    s->collapseTracking = collapse;
    s->stepsPerSecond = stepsPerSecond;
    s->config = trainer->config();
    s->network = trainer->network();
    s->parameters = trainer->parameters();
    s->data = trainer->sharedData();
    s->tracking = tracking;
    s->history = history.shared();
    checkpoints->record(s->step, s->parameters);  // the trajectory always ends at the newest step
    s->checkpoints = checkpoints->shared();
    s->checkpointInterval = checkpoints->interval();
    return s;
  }

  std::shared_ptr<const RunState> captureState() {
    auto s = std::make_shared<RunState>();
    s->config = trainer->config();
    s->curvature = tracking;
    s->collapse = collapse;
    s->history = history.rows();
    s->historyStride = history.stride();
    s->checkpointInterval = checkpoints->interval();
    checkpoints->record(trainer->stepCount(), trainer->parameters());  // the newest step too
    s->checkpoints = checkpoints->checkpoints();
    s->checkpointStride = checkpoints->stride();
    s->trainer = trainer->state();
    return s;
  }

  static void start(const std::shared_ptr<Worker>& w, SnapshotCallback callback, double publishHz) {
    w->latest = w->makeSnapshot();  // latest() is never empty
    w->onSnapshot = std::move(callback);
    w->publishInterval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / std::max(publishHz, 0.1)));
    // The thread shares the worker: a retired run's memory goes with its thread's last step,
    // whenever that is, and nobody waits for it.
    w->thread = std::thread([self = w]() mutable {
      self->loop();
      const auto finished = self->finished;
      self.reset();
      finished->store(true, std::memory_order_release);
    });
    w->enqueue([] {});  // publishes the initial snapshot from the worker thread
  }

  void publish() {
    const auto now = Clock::now();
    const long steps = trainer->stepCount();
    // Steps a second over the last second, not since the previous snapshot: commands publish
    // too (a compared run's step(n), a new setting), and a rate over a few milliseconds read 2
    // steps/s beside a run advancing 12 (issue #21).
    if (!hasWork() || (!rateWindow.empty() && steps < rateWindow.back().second)) rateWindow.clear();
    rateWindow.emplace_back(now, steps);
    while (rateWindow.size() > 2 && now - rateWindow[1].first >= std::chrono::seconds(1)) rateWindow.pop_front();
    const double span = std::chrono::duration<double>(now - rateWindow.front().first).count();
    if (!hasWork())
      stepsPerSecond = 0.0;
    else if (span > 0.05)
      stepsPerSecond = double(steps - rateWindow.front().second) / span;
    lastPublish = now;
    stepsAtLastPublish = steps;

    SnapshotPtr snapshot = makeSnapshot();
    {
      std::lock_guard lock(latestMutex);
      latest = snapshot;
    }
    handOut([&] {
      if (onSnapshot) onSnapshot(snapshot);
    });
  }

  void trainOneStep() {
    const ExperimentConfig& c = trainer->config();
    const long n = long(trainer->data().train.size());
    // Minibatch runs measure the full train and test sets about four times an epoch.
    long every = 1;
    if (c.optimizer.batchSize && *c.optimizer.batchSize < n)
      every = std::max(1L, n / *c.optimizer.batchSize / 4);
    history.append(trainer->step(trainer->stepCount() % every == 0));
    if (checkpoints->due(trainer->stepCount())) checkpoints->record(trainer->stepCount(), trainer->parameters());
    if (trainer->diverged()) {
      running = false;
      stepsRemaining = 0;
    } else if (stepsRemaining > 0) {
      --stepsRemaining;
    }
  }

  // A paced run has taken its steps for this frame: it stands until the frame is due, unless a
  // command arrives (pause, a new setting) or the run ends.
  void waitForNextFrame() {
    std::unique_lock lock(mutex);
    wake.wait_until(lock, lastPublish + publishInterval, [&] { return quit || !commands.empty(); });
  }

  void loop() {
    const BackgroundPriority background;  // this thread and its TBB workers yield to the window
    for (;;) {
      std::function<void()> command;
      {
        std::unique_lock lock(mutex);
        wake.wait(lock, [&] { return quit || !commands.empty() || hasWork(); });
        if (quit) return;
        const bool stepping = stepsRemaining > 0;
        if (!commands.empty() && (!stepping || commands.front().interrupts)) {
          command = std::move(commands.front().run);
          commands.pop_front();
          busy = true;
        }
      }
      try {
        if (command) {
          command();
          publish();
        } else {
          trainOneStep();
          if (pace > 0 && running && trainer->stepCount() - stepsAtLastPublish >= pace) waitForNextFrame();
          if (!hasWork() || Clock::now() - lastPublish >= publishInterval) publish();
        }
      } catch (const Cancelled&) {
        return;  // retired mid-step: the trainer is half-stepped and nobody will read it
      }
      bool nowIdle;
      {
        std::lock_guard lock(mutex);
        busy = false;
        nowIdle = commands.empty() && !hasWork();
      }
      if (nowIdle) idle.notify_all();
    }
  }
};

TrainingRun::TrainingRun(ExperimentConfig config, SnapshotCallback onSnapshot, double publishHz)
    : worker_(std::make_shared<Worker>()) {
  worker_->adopt(Trainer::create(config));
  worker_->checkpoints = std::make_unique<CheckpointHistory>(worker_->trainer->parameters().size());
  Worker::start(worker_, std::move(onSnapshot), publishHz);
}

namespace {
// Rows and checkpoints in increasing step order, none past the run's step, checkpoints of the
// network's length: what a hand-edited or mismatched save could break.
void checkSavedSeries(const RunState& saved, Eigen::Index parameters) {
  const long step = saved.trainer.step;
  long last = -1;
  for (const MetricsRow& row : saved.history) {
    if (row.step <= last || row.step > step)
      throw InputError("history: step " + std::to_string(row.step) + " out of order (run at step " +
                       std::to_string(step) + ")");
    last = row.step;
  }
  last = -1;
  for (const Checkpoint& c : saved.checkpoints) {
    if (c.step <= last || c.step > step)
      throw InputError("checkpoints: step " + std::to_string(c.step) + " out of order (run at step " +
                       std::to_string(step) + ")");
    if (!c.parameters || c.parameters->size() != parameters)
      throw InputError("checkpoints: step " + std::to_string(c.step) + " has " +
                       std::to_string(c.parameters ? c.parameters->size() : 0) + " values for a network of " +
                       std::to_string(parameters));
    last = c.step;
  }
  if (saved.checkpointInterval < 0 || saved.historyStride < 1 || saved.checkpointStride < 1)
    throw InputError("session: checkpoint interval or thinning stride out of range");
}
}  // namespace

TrainingRun::TrainingRun(const RunState& saved, SnapshotCallback onSnapshot, double publishHz)
    : worker_(std::make_shared<Worker>()) {
  auto trainer = Trainer::create(saved.config);
  trainer->setCollapseTracking(saved.collapse);
  trainer->setCurvatureTracking(saved.curvature);
  trainer->restore(saved.trainer);
  const Eigen::Index parameters = trainer->parameters().size();
  checkSavedSeries(saved, parameters);
  worker_->adopt(std::move(trainer));
  worker_->tracking = saved.curvature;
  worker_->collapse = saved.collapse;
  worker_->history.restore(saved.history, saved.historyStride);
  worker_->checkpoints = std::make_unique<CheckpointHistory>(parameters, saved.checkpointInterval);
  worker_->checkpoints->restore(saved.checkpoints, saved.checkpointStride);
  Worker::start(worker_, std::move(onSnapshot), publishHz);
}

TrainingRun::~TrainingRun() {
  // Never waits for the worker (it may be inside a product that takes seconds): it is told to
  // stop, can no longer call back, and is joined off this thread (retired_threads.hpp).
  Worker& w = *worker_;
  w.stopSource.request_stop();
  {
    std::lock_guard lock(w.outMutex);  // a callback under way finishes handing out first
    w.detached = true;
  }
  {
    std::lock_guard lock(w.mutex);
    w.quit = true;
  }
  w.wake.notify_all();
  retireThread(std::move(w.thread), w.finished);
}

void TrainingRun::play() {
  worker_->enqueue([w = worker_.get()] { w->running = !w->trainer->diverged(); });
}

void TrainingRun::pause() {
  worker_->enqueue([w = worker_.get()] {
    w->running = false;
    w->stepsRemaining = 0;
  }, true);
}

void TrainingRun::step(long n) {
  worker_->enqueue([w = worker_.get(), n] {
    if (!w->trainer->diverged()) w->stepsRemaining += std::max(0L, n);
  });
}

void TrainingRun::reset(std::optional<std::uint64_t> newSeed) {
  worker_->enqueue([w = worker_.get(), newSeed] {
    ExperimentConfig config = w->trainer->config();
    if (newSeed) config.seed = *newSeed;
    w->adopt(Trainer::create(config));
    w->trainer->setCollapseTracking(w->collapse);
    w->trainer->setCurvatureTracking(w->tracking);
    w->history.clear();
    w->checkpoints->clear();
    w->running = false;
    w->stepsRemaining = 0;
  }, true);
}

void TrainingRun::setOptimizer(const OptimizerConfig& optimizer) {
  validate(optimizer);  // a bad value throws here, in the caller's thread
  worker_->enqueue([w = worker_.get(), optimizer] { w->trainer->setOptimizer(optimizer); });
}

void TrainingRun::setSchedule(const ScheduleConfig& schedule) {
  validate(schedule);
  worker_->enqueue([w = worker_.get(), schedule] { w->trainer->setSchedule(schedule); });
}

void TrainingRun::setCollapseTracking(const CollapseTracking& tracking) {
  validate(tracking);
  const SnapshotPtr now = latest();  // the run's config and data never change, only its state
  if (tracking.every > 0 && (now->config.model.kind == "quadratic" || now->data->train.task != Task::Classification))
    throw InputError("track-collapse: softmax collapse needs a network on a classification task");
  worker_->enqueue([w = worker_.get(), tracking] {
    w->trainer->setCollapseTracking(tracking);
    w->collapse = tracking;
  });
}

void TrainingRun::setCurvatureTracking(const CurvatureTracking& tracking) {
  validate(tracking);
  worker_->enqueue([w = worker_.get(), tracking] {
    w->trainer->setCurvatureTracking(tracking);
    w->tracking = tracking;
  });
}

void TrainingRun::setPace(long stepsPerFrame) {
  if (stepsPerFrame < 0) throw InputError("steps per frame: " + std::to_string(stepsPerFrame) + " must be >= 0 (0: as fast as possible)");
  worker_->pace = stepsPerFrame;
  worker_->wake.notify_one();
}

void TrainingRun::setCheckpointInterval(long every) {
  if (every < 0) throw InputError("checkpoint interval: " + std::to_string(every) + " must be >= 0 (0: off)");
  worker_->enqueue([w = worker_.get(), every] {
    w->checkpoints = std::make_unique<CheckpointHistory>(w->trainer->parameters().size(), every);
  });
}

void TrainingRun::requestState(StateCallback onState) {
  // Marked as interrupting so that it runs between the steps of a pending step(n); it changes
  // nothing, so those steps go on after it.
  worker_->enqueue([w = worker_.get(), onState = std::move(onState)] {
    auto state = w->captureState();
    w->handOut([&] { onState(std::move(state)); });
  }, true);
}

SnapshotPtr TrainingRun::latest() const {
  std::lock_guard lock(worker_->latestMutex);
  return worker_->latest;
}

void TrainingRun::waitIdle() {
  std::unique_lock lock(worker_->mutex);
  worker_->idle.wait(lock, [&] {
    return worker_->commands.empty() && !worker_->busy && !worker_->hasWork();
  });
}

}  // namespace losslab
