#include "losslab/sweep/work_distribution.hpp"

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <mutex>

namespace losslab {

std::string computeItem(const WorkDistribution::Compute& compute, long item, bool alone) {
  if (!alone) return tbb::this_task_arena::isolate([&] { return compute(item); });
  tbb::task_arena own(1);
  return own.execute([&] { return compute(item); });
}

void LocalDistribution::run(const std::vector<long>& items, const Compute& compute, const Deliver& deliver,
                            const TaskControl& control, int threads) {
  if (items.empty()) return;
  // More threads than cores would only be refused by TBB (with a warning): at most the cores.
  const int cores = tbb::info::default_concurrency();
  const int width = threads > 0 ? std::min(threads, cores) : cores;
  const int slots = int(std::min<size_t>(size_t(width), items.size()));
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex delivering;
  tbb::task_arena arena(width);
  arena.execute([&] {
    // One task per slot, each taking the next item in order until none is left.
    tbb::parallel_for(tbb::blocked_range<int>(0, slots, 1), [&](const tbb::blocked_range<int>&) {
      try {
        for (size_t k; !failed && (k = next++) < items.size();) {
          control.checkStop();
          // While others wait for a thread, each item keeps to its own; the last ones share.
          const bool alone = items.size() - k >= size_t(slots);
          std::string result = computeItem(compute, items[k], alone && slots > 1);
          std::lock_guard lock(delivering);
          deliver(items[k], std::move(result));
        }
      } catch (...) {
        failed = true;  // the other slots stop after their current item
        throw;
      }
    }, tbb::simple_partitioner());
  });
}

}  // namespace losslab
