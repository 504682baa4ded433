#pragma once
// The data set an experiment's "data" object describes (shared/spec/experiment-format.md).
#include <cstdint>

#include "losslab/data/data_config.hpp"
#include "losslab/data/dataset.hpp"

namespace losslab {

// Builds the data set a config describes, seeded; splits it into train/test by
// config.trainFraction (seeded shuffle) and, if config.standardize (default: true for the bundled
// real data and CSV), z-scores the features with the training set's statistics. The same config
// and seed give bit-identical data. Throws InputError with a message naming the field, the bad
// value and the allowed range on any bad input.
DataSplit makeData(const DataConfig& config, std::uint64_t seed);

// The whole data set before splitting and standardising (e.g. to draw it), as makeData uses it.
Dataset makeUnsplitData(const DataConfig& config, std::uint64_t seed);

// Whether makeData standardises when config.standardize is unset.
bool standardizesByDefault(const std::string& kind);

}  // namespace losslab
