#include "losslab/core/background_priority.hpp"

#include <tbb/task_scheduler_observer.h>

#include <cerrno>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace losslab {

namespace {
constexpr int kBackgroundNice = 10;
}

void lowerThisThreadsPriority() {
#ifdef __linux__
  const id_t tid = static_cast<id_t>(::syscall(SYS_gettid));
  // A thread already at or below this priority keeps its own (raising needs privileges anyway).
  errno = 0;
  const int current = ::getpriority(PRIO_PROCESS, tid);
  if (errno == 0 && current < kBackgroundNice) ::setpriority(PRIO_PROCESS, tid, kBackgroundNice);
#endif
}

struct BackgroundPriority::Observer : tbb::task_scheduler_observer {
  Observer() { observe(true); }
  ~Observer() override { observe(false); }
  void on_scheduler_entry(bool isWorker) override {
    if (isWorker) lowerThisThreadsPriority();
  }
};

BackgroundPriority::BackgroundPriority() : observer_(new Observer) { lowerThisThreadsPriority(); }
BackgroundPriority::~BackgroundPriority() { delete observer_; }

}  // namespace losslab
