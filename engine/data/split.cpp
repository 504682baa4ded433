#include "losslab/data/split.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "losslab/core/error.hpp"

namespace losslab {

Eigen::Index trainCount(Eigen::Index n, double trainFraction) {
  const auto count = static_cast<Eigen::Index>(std::floor(trainFraction * double(n) + 1e-9));
  return std::min(count, n);
}

Dataset selectSamples(const Dataset& all, const std::vector<Eigen::Index>& indices) {
  const auto n = static_cast<Eigen::Index>(indices.size());
  Dataset out;
  out.task = all.task;
  out.numClasses = all.numClasses;
  out.shape = all.shape;
  out.vocab = all.vocab;
  out.x.resize(all.x.rows(), n);
  for (Eigen::Index i = 0; i < n; ++i) out.x.col(i) = all.x.col(indices[i]);
  if (all.task == Task::Classification) {
    out.labels.reserve(indices.size());
    for (Eigen::Index j : indices) out.labels.push_back(all.labels[j]);
  } else {
    out.targets.resize(all.targets.rows(), n);
    for (Eigen::Index i = 0; i < n; ++i) out.targets.col(i) = all.targets.col(indices[i]);
  }
  return out;
}

DataSplit splitDataset(const Dataset& all, double trainFraction, Rng& rng) {
  const Eigen::Index n = all.size();
  const Eigen::Index train = trainCount(n, trainFraction);
  if (train < 1)
  {
    std::ostringstream message;
    message << "data.train_fraction = " << trainFraction << " of " << n
            << " samples leaves no training sample; allowed: at least 1/" << n
            << " (or use more samples)";
    throw InputError(message.str());
  }
  std::vector<Eigen::Index> order(n);
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  rng.shuffle(order.begin(), order.end());
  return {selectSamples(all, {order.begin(), order.begin() + train}),
          selectSamples(all, {order.begin() + train, order.end()})};
}

}  // namespace losslab
