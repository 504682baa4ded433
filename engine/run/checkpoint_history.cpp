#include "losslab/run/checkpoint_history.hpp"

#include <algorithm>

namespace losslab {
namespace {

size_t capacityFor(Eigen::Index parameters, std::size_t maxBytes) {
  const std::size_t each = std::max<std::size_t>(std::size_t(parameters) * sizeof(double), 1);
  return std::clamp(maxBytes / each, kMinCheckpoints, kMaxCheckpoints);
}

}  // namespace

CheckpointHistory::CheckpointHistory(Eigen::Index parameterCount, long interval, std::size_t maxBytes)
    : interval_(std::max(interval, 0L)), series_(capacityFor(parameterCount, maxBytes), std::max(interval, 1L)) {}

void CheckpointHistory::record(long step, const Eigen::VectorXd& parameters) {
  if (interval_ == 0) return;
  const auto& kept = series_.entries();
  if (!kept.empty() && kept.back().step >= step) return;
  series_.append(Checkpoint{step, std::make_shared<const Eigen::VectorXd>(parameters)});
  shared_.reset();
}

void CheckpointHistory::clear() {
  series_.clear();
  shared_.reset();
}

void CheckpointHistory::restore(std::vector<Checkpoint> checkpoints, long stride) {
  series_.restore(std::move(checkpoints), stride);
  shared_.reset();
}

std::shared_ptr<const std::vector<Checkpoint>> CheckpointHistory::shared() {
  if (interval_ == 0) return nullptr;
  if (!shared_) shared_ = std::make_shared<const std::vector<Checkpoint>>(series_.entries());
  return shared_;
}

}  // namespace losslab
