#include "losslab/session/metrics_history.hpp"

#include <algorithm>

namespace losslab {

MetricsHistory::MetricsHistory(size_t capacity) : capacity_(std::max<size_t>(capacity, 4)) {
  rows_.reserve(capacity_ + 1);
}

void MetricsHistory::append(const MetricsRow& row) {
  // Rows on the stride stay; the newest row stays even when it is off the stride, until the
  // next one replaces it. Doubling the stride keeps the spacing even over the whole run.
  if (!rows_.empty() && rows_.back().step % stride_ != 0) rows_.pop_back();
  rows_.push_back(row);
  if (rows_.size() > capacity_) {
    stride_ *= 2;
    const MetricsRow newest = rows_.back();
    std::erase_if(rows_, [&](const MetricsRow& r) { return r.step % stride_ != 0; });
    if (rows_.empty() || rows_.back().step != newest.step) rows_.push_back(newest);
  }
  shared_.reset();
}

void MetricsHistory::clear() {
  rows_.clear();
  stride_ = 1;
  shared_.reset();
}

std::shared_ptr<const std::vector<MetricsRow>> MetricsHistory::shared() {
  if (!shared_) shared_ = std::make_shared<const std::vector<MetricsRow>>(rows_);
  return shared_;
}

}  // namespace losslab
