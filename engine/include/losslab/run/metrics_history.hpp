#pragma once
// Per-step metrics in bounded memory: when full, the kept steps thin to every 2nd, 4th, 8th ...
// step, evenly over the whole run, and the newest row is always kept; a long run keeps its
// whole shape at coarser resolution.
#include <memory>
#include <vector>

#include "losslab/run/snapshot.hpp"
#include "losslab/run/thinned_series.hpp"

namespace losslab {

class MetricsHistory {
 public:
  explicit MetricsHistory(size_t capacity = 4096);
  void append(const MetricsRow& row);
  void clear();
  // Continues a saved history: its rows and the thinning stride it had reached.
  void restore(std::vector<MetricsRow> rows, long stride);
  long stride() const { return rows_.stride(); }
  const std::vector<MetricsRow>& rows() const { return rows_.entries(); }
  // An immutable copy for a snapshot; reused until the history changes.
  std::shared_ptr<const std::vector<MetricsRow>> shared();

 private:
  ThinnedSeries<MetricsRow> rows_;
  std::shared_ptr<const std::vector<MetricsRow>> shared_;
};

}  // namespace losslab
