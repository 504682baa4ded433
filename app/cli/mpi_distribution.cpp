#include "mpi_distribution.hpp"

#include <mpi.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace losslab::cli {

namespace {
// Worker -> writer: "give me an item", "here is a result", "my threads are done".
// Writer -> worker: the next item, or -1 when none is left.
enum Tag { kRequest = 1, kItem = 2, kResult = 3, kFinished = 4 };

// The writer's list, dealt in order to whichever thread (local or remote) asks first.
class Dealer {
 public:
  explicit Dealer(const std::vector<long>& items) : items_(items) {}
  long next() {
    const size_t k = next_++;
    return k < items_.size() ? items_[k] : -1;
  }

 private:
  const std::vector<long>& items_;
  std::atomic<size_t> next_{0};
};

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}
}  // namespace

MpiDistribution::MpiDistribution(int& argc, char**& argv) {
  int provided = 0;
  check(MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided), "MPI_Init_thread");
  // Workers' threads take turns on MPI behind a mutex; that needs at least SERIALIZED.
  if (provided < MPI_THREAD_SERIALIZED) throw std::runtime_error("MPI: this MPI library does not support threads");
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &ranksOnThisNode_);
  MPI_Comm_free(&node);
}

MpiDistribution::~MpiDistribution() { MPI_Finalize(); }

int MpiDistribution::threadsPerRank(int requested) const {
  if (requested > 0) return requested;
  return std::max(1, tbb::info::default_concurrency() / ranksOnThisNode_);
}

void MpiDistribution::run(const std::vector<long>& items, const Compute& compute, const Deliver& deliver,
                          const TaskControl& control, int threads) {
  if (size_ == 1) return LocalDistribution().run(items, compute, deliver, control, threads);
  if (rank_ == 0)
    runWriter(items, compute, deliver, control, threadsPerRank(threads));
  else
    runWorker(compute, control, threadsPerRank(threads));
  // Every rank leaves together, polled gently: a rank done early would otherwise spin in
  // MPI_Finalize (OpenMPI busy-waits) on a core the last runs still need.
  MPI_Request together;
  MPI_Ibarrier(MPI_COMM_WORLD, &together);
  for (int done = 0; MPI_Test(&together, &done, MPI_STATUS_IGNORE), !done;)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

void MpiDistribution::runWriter(const std::vector<long>& items, const Compute& compute, const Deliver& deliver,
                                const TaskControl& control, int threads) {
  Dealer dealer(items);
  std::mutex delivering;
  std::atomic<size_t> delivered{0};
  std::atomic<bool> failed{false};
  std::exception_ptr localError;
  // The writer's own threads compute too, off the thread that talks to the other ranks.
  std::thread local([&] {
    try {
      tbb::task_arena arena(threads);
      arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<int>(0, threads, 1), [&](const tbb::blocked_range<int>&) {
          for (long item; !failed && (item = dealer.next()) >= 0;) {
            control.checkStop();
            std::string result = computeItem(compute, item, threads > 1);
            std::lock_guard lock(delivering);
            deliver(item, std::move(result));
            ++delivered;
          }
        }, tbb::simple_partitioner());
      });
    } catch (...) {
      failed = true;
      localError = std::current_exception();
    }
  });
  int finishedRanks = 0;
  std::vector<char> buffer;
  try {
    while (delivered < items.size() || finishedRanks < size_ - 1) {
      if (failed) break;
      control.checkStop();
      int waiting = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
      if (!waiting) {  // poll gently: a blocking receive would spin a core the runs need
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        continue;
      }
      int bytes = 0;
      MPI_Get_count(&status, MPI_CHAR, &bytes);
      buffer.resize(size_t(std::max(bytes, 1)));
      MPI_Recv(buffer.data(), bytes, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (status.MPI_TAG == kRequest) {
        long item = dealer.next();
        MPI_Send(&item, 1, MPI_LONG, status.MPI_SOURCE, kItem, MPI_COMM_WORLD);
      } else if (status.MPI_TAG == kResult) {
        long item = 0;
        std::memcpy(&item, buffer.data(), sizeof item);
        std::lock_guard lock(delivering);
        deliver(item, std::string(buffer.data() + sizeof item, size_t(bytes) - sizeof item));
        ++delivered;
      } else if (status.MPI_TAG == kFinished) {
        ++finishedRanks;
      }
    }
  } catch (...) {
    failed = true;
    local.join();
    throw;
  }
  local.join();
  if (localError) std::rethrow_exception(localError);
}

void MpiDistribution::runWorker(const Compute& compute, const TaskControl& control, int threads) {
  std::mutex talking;  // MPI_THREAD_SERIALIZED: one thread in MPI at a time
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<int>(0, threads, 1), [&](const tbb::blocked_range<int>&) {
      while (true) {
        long item = -1;
        {
          std::lock_guard lock(talking);
          MPI_Send(nullptr, 0, MPI_CHAR, 0, kRequest, MPI_COMM_WORLD);
          MPI_Recv(&item, 1, MPI_LONG, 0, kItem, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        }
        if (item < 0) break;
        control.checkStop();
        const std::string result = computeItem(compute, item, threads > 1);
        std::string message(sizeof item, '\0');
        std::memcpy(message.data(), &item, sizeof item);
        message += result;
        std::lock_guard lock(talking);
        MPI_Send(message.data(), int(message.size()), MPI_CHAR, 0, kResult, MPI_COMM_WORLD);
      }
    }, tbb::simple_partitioner());
  });
  MPI_Send(nullptr, 0, MPI_CHAR, 0, kFinished, MPI_COMM_WORLD);
}

}  // namespace losslab::cli
