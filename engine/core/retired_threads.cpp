#include "losslab/core/retired_threads.hpp"

#include <algorithm>
#include <mutex>
#include <utility>
#include <vector>

namespace losslab {

namespace {

struct Retired {
  std::thread thread;
  std::shared_ptr<const std::atomic<bool>> finished;
};

class RetiredThreads {
 public:
  ~RetiredThreads() { joinAll(); }  // at exit: each was told to stop, so this is short

  void add(Retired r) {
    std::lock_guard lock(mutex_);
    reapFinished();
    threads_.push_back(std::move(r));
  }

  std::size_t running() {
    std::lock_guard lock(mutex_);
    reapFinished();
    return threads_.size();
  }

  void joinAll() {
    std::vector<Retired> all;
    {
      std::lock_guard lock(mutex_);
      all.swap(threads_);
    }
    for (Retired& r : all)
      if (r.thread.joinable()) r.thread.join();
  }

 private:
  // A thread that has set its flag has nothing left to do but return: joining it is immediate.
  void reapFinished() {
    std::erase_if(threads_, [](Retired& r) {
      if (!r.finished->load(std::memory_order_acquire)) return false;
      if (r.thread.joinable()) r.thread.join();
      return true;
    });
  }

  std::mutex mutex_;
  std::vector<Retired> threads_;
};

RetiredThreads& registry() {
  static RetiredThreads threads;
  return threads;
}

}  // namespace

void retireThread(std::thread thread, std::shared_ptr<const std::atomic<bool>> finished) {
  registry().add({std::move(thread), std::move(finished)});
}

std::size_t retiredThreadsRunning() { return registry().running(); }

void joinRetiredThreads() { registry().joinAll(); }

}  // namespace losslab
