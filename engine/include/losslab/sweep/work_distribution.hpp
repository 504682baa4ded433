#pragma once
// Independent pieces of work (the runs of a sweep, the rows of a landscape grid) computed in
// this process on several threads, or spread over several processes (MPI ranks, in losslab-cli),
// with every result handed to one writer process that alone touches the output files. Items are
// dealt in order as workers free up; what an item computes must not depend on where it runs.
#include <functional>
#include <string>
#include <vector>

#include "losslab/core/task_control.hpp"

namespace losslab {

class WorkDistribution {
 public:
  // May run on several threads (and processes) at once.
  using Compute = std::function<std::string(long item)>;
  // Called on the writer only, one result at a time, as items finish (in any order).
  using Deliver = std::function<void(long item, std::string result)>;

  virtual ~WorkDistribution() = default;
  virtual int processes() const = 0;
  virtual bool isWriter() const = 0;
  // Computes every item of the writer's `items` (other processes' lists are ignored: they are
  // told the writer's) with `threads` items at a time in each process (0: this machine's cores
  // shared among its processes). Returns on the writer when every result is delivered, on the
  // others when no work is left. The stop token is checked between items (throws Cancelled);
  // an exception from compute or deliver ends the work and is rethrown.
  virtual void run(const std::vector<long>& items, const Compute& compute, const Deliver& deliver,
                   const TaskControl& control = {}, int threads = 0) = 0;
};

// Computes one item on the calling thread. With `alone`, in a one-thread arena: the item's own
// parallel loops stay on this thread, so items running side by side never wait on each other's
// stolen chunks (a convoy whenever the OS preempts one thread on a busy machine). Without, in
// the caller's arena, isolated, so idle threads help the last items.
std::string computeItem(const WorkDistribution::Compute& compute, long item, bool alone);

// One process: items on up to `threads` TBB threads (at most the cores), each in an isolated task so that a run's
// own parallel loops never pick up another run.
class LocalDistribution final : public WorkDistribution {
 public:
  int processes() const override { return 1; }
  bool isWriter() const override { return true; }
  void run(const std::vector<long>& items, const Compute& compute, const Deliver& deliver,
           const TaskControl& control = {}, int threads = 0) override;
};

}  // namespace losslab
