#pragma once
// The per-layer columns of metrics.csv are "<stem><l>" with l = 1, 2, … from the input
// (weight_norm_layer3, sharpness_layer1): which layer a column names.
#include <cstdlib>
#include <limits>
#include <string>

namespace losslab {

// l (>= 1) if `column` is `stem` followed by digits only, else 0.
inline std::size_t layerOfColumn(const std::string& column, const std::string& stem) {
  if (column.rfind(stem, 0) != 0) return 0;
  const std::string digits = column.substr(stem.size());
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::strtoul(digits.c_str(), nullptr, 10);
}

// The value of layer `l` (from layerOfColumn) in per-layer values, or NaN where there is none.
template <class Values> double valueOfLayer(const Values& values, std::size_t l) {
  return l >= 1 && l <= values.size() ? values[l - 1] : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace losslab
