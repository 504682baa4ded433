#pragma once
// Per-step metrics in bounded memory: when full, every other older row is dropped (the newest
// row is always kept), so a long run keeps its whole shape at coarser resolution.
#include <memory>
#include <vector>

#include "losslab/session/snapshot.hpp"

namespace losslab {

class MetricsHistory {
 public:
  explicit MetricsHistory(size_t capacity = 4096);
  void append(const MetricsRow& row);
  void clear();
  const std::vector<MetricsRow>& rows() const { return rows_; }
  // An immutable copy for a snapshot; reused until the history changes.
  std::shared_ptr<const std::vector<MetricsRow>> shared();

 private:
  size_t capacity_;
  std::vector<MetricsRow> rows_;
  std::shared_ptr<const std::vector<MetricsRow>> shared_;
};

}  // namespace losslab
