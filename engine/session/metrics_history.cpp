#include "losslab/session/metrics_history.hpp"

#include <algorithm>

namespace losslab {

MetricsHistory::MetricsHistory(size_t capacity) : capacity_(std::max<size_t>(capacity, 4)) {
  rows_.reserve(capacity_);
}

void MetricsHistory::append(const MetricsRow& row) {
  if (rows_.size() >= capacity_) {
    // Keep rows 0, 2, 4, ... of all but the newest, then the newest.
    const MetricsRow newest = rows_.back();
    size_t kept = 0;
    for (size_t i = 0; i + 1 < rows_.size(); i += 2) rows_[kept++] = rows_[i];
    rows_.resize(kept);
    rows_.push_back(newest);
  }
  rows_.push_back(row);
  shared_.reset();
}

void MetricsHistory::clear() {
  rows_.clear();
  shared_.reset();
}

std::shared_ptr<const std::vector<MetricsRow>> MetricsHistory::shared() {
  if (!shared_) shared_ = std::make_shared<const std::vector<MetricsRow>>(rows_);
  return shared_;
}

}  // namespace losslab
