#pragma once
// Train/test splits by a seeded shuffle.
#include <vector>

#include "losslab/core/random.hpp"
#include "losslab/data/dataset.hpp"

namespace losslab {

// floor(fraction·n), the PyTorch idiom int(frac·len); a hair of slack keeps 0.29·100 at 29.
Eigen::Index trainCount(Eigen::Index n, double trainFraction);

// The samples at `indices`, in that order (same task, class count and feature rows).
Dataset selectSamples(const Dataset& all, const std::vector<Eigen::Index>& indices);

// Shuffles the sample order with `rng`; the first trainCount samples train, the rest test.
// A fraction of 1 leaves the test set empty (0 columns, the right number of rows).
// InputError naming data.train_fraction if the training set would be empty.
DataSplit splitDataset(const Dataset& all, double trainFraction, Rng& rng);

}  // namespace losslab
