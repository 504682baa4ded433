#pragma once
// The ranks of an MPI job as a WorkDistribution: rank 0 deals items one at a time to whichever
// worker asks next (its own threads and the other ranks'), receives every result and delivers
// it; the other ranks compute what they are dealt and never touch the output files.
#include "losslab/sweep/work_distribution.hpp"

namespace losslab::cli {

class MpiDistribution final : public WorkDistribution {
 public:
  MpiDistribution(int& argc, char**& argv);  // MPI_Init_thread (serialized threads)
  ~MpiDistribution() override;               // MPI_Finalize
  MpiDistribution(const MpiDistribution&) = delete;
  MpiDistribution& operator=(const MpiDistribution&) = delete;

  int processes() const override { return size_; }
  bool isWriter() const override { return rank_ == 0; }
  void run(const std::vector<long>& items, const Compute& compute, const Deliver& deliver,
           const TaskControl& control = {}, int threads = 0) override;

 private:
  void runWriter(const std::vector<long>& items, const Compute& compute, const Deliver& deliver,
                 const TaskControl& control, int threads);
  void runWorker(const Compute& compute, const TaskControl& control, int threads);
  int threadsPerRank(int requested) const;

  int rank_ = 0, size_ = 1, ranksOnThisNode_ = 1;
};

}  // namespace losslab::cli
