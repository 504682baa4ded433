#include "losslab/run/metrics_history.hpp"

namespace losslab {

MetricsHistory::MetricsHistory(size_t capacity) : rows_(capacity) {}

void MetricsHistory::append(const MetricsRow& row) {
  rows_.append(row);
  shared_.reset();
}

void MetricsHistory::clear() {
  rows_.clear();
  shared_.reset();
}

void MetricsHistory::restore(std::vector<MetricsRow> rows, long stride) {
  rows_.restore(std::move(rows), stride);
  shared_.reset();
}

std::shared_ptr<const std::vector<MetricsRow>> MetricsHistory::shared() {
  if (!shared_) shared_ = std::make_shared<const std::vector<MetricsRow>>(rows_.entries());
  return shared_;
}

}  // namespace losslab
