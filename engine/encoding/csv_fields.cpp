#include "losslab/encoding/csv_fields.hpp"

#include <cmath>
#include <cstdio>

namespace losslab {

std::string csvNumber(double value) {
  if (!std::isfinite(value)) return {};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

std::string csvText(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace losslab
