#pragma once
// Checks of a DataConfig before any data is made, so that a bad experiment file fails at once
// with a message naming the field, the bad value and what is allowed.
#include <string>
#include <vector>

#include "losslab/data/data_config.hpp"

namespace losslab {

const std::vector<std::string>& dataKinds();  // every valid data.kind, in the spec's order

// Generated data sets are refused past this many values (features x samples): 400 MB in float64.
inline constexpr long long kMaxGeneratedValues = 50'000'000;

// Throws InputError for the first bad field the kind uses (fields a kind ignores are not checked).
// Limits that need the data itself (enough samples for a split, CSV contents) are checked later.
void validateDataConfig(const DataConfig& config);

}  // namespace losslab
