#pragma once
// The fields of the CSV files LossLab writes: numbers as %.17g (every double read back exactly),
// an empty field where a value is not finite, text quoted the RFC 4180 way only where it must be.
#include <string>
#include <string_view>

namespace losslab {

std::string csvNumber(double value);
// As it is, or in double quotes (inner quotes doubled) when it holds a comma, a quote or a line break.
std::string csvText(std::string_view text);

}  // namespace losslab
