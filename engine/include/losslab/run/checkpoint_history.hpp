#pragma once
// The recorded trajectory of a run: the parameters at every k-th step, in bounded memory (as
// many checkpoints as fit in a byte budget, thinned evenly over the run when full, see
// thinned_series.hpp), always ending at the newest step, for PCA-of-trajectory planes and the
// path drawn over a landscape (Li et al. 2018, section 7).
#include <Eigen/Core>
#include <cstddef>
#include <memory>
#include <vector>

#include "losslab/run/snapshot.hpp"
#include "losslab/run/thinned_series.hpp"

namespace losslab {

inline constexpr long kDefaultCheckpointInterval = 10;
inline constexpr std::size_t kDefaultCheckpointBytes = std::size_t(64) << 20;  // 64 MiB
inline constexpr std::size_t kMinCheckpoints = 16, kMaxCheckpoints = 1024;

class CheckpointHistory {
 public:
  // Keeps every `interval`-th step (0: records nothing) of a network of `parameterCount`
  // parameters, at most max(kMinCheckpoints, maxBytes / (8 P)) checkpoints (<= kMaxCheckpoints).
  CheckpointHistory(Eigen::Index parameterCount, long interval = kDefaultCheckpointInterval,
                    std::size_t maxBytes = kDefaultCheckpointBytes);

  long interval() const { return interval_; }
  size_t capacity() const { return series_.capacity(); }
  bool due(long step) const { return interval_ > 0 && step % interval_ == 0; }

  // Appends the parameters after `step` updates (steps in increasing order; a step already
  // newest is not added twice). Off the interval, it stays only until the next one arrives.
  void record(long step, const Eigen::VectorXd& parameters);
  void clear();
  // Continues a saved trajectory: its checkpoints and the thinning stride it had reached.
  void restore(std::vector<Checkpoint> checkpoints, long stride);
  long stride() const { return series_.stride(); }
  const std::vector<Checkpoint>& checkpoints() const { return series_.entries(); }
  // An immutable copy for a snapshot (pointers only), reused until the history changes; null
  // when recording is off.
  std::shared_ptr<const std::vector<Checkpoint>> shared();

 private:
  long interval_;
  ThinnedSeries<Checkpoint> series_;
  std::shared_ptr<const std::vector<Checkpoint>> shared_;
};

}  // namespace losslab
