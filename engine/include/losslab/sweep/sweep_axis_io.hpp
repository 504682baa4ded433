#pragma once
// One entry of a sweep file's "axes": {"path": ..., then exactly one of "values": [...],
// "linear": {"from", "to", "points"} or "log": {"from", "to", "points"}; optional "label" and
// "round"}. Every value is checked by setting it in the base experiment and reading that back.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "losslab/sweep/sweep_config.hpp"

namespace losslab {

// `baseExperiment` is the complete base document (toJson of its config); `field` names the
// entry in errors ("axes[0]").
SweepAxis readAxis(const nlohmann::json& entry, const nlohmann::json& baseExperiment, const std::string& field);
nlohmann::json toJson(const SweepAxis& axis);

// `points` values from `from` to `to`, both exact: equally spaced (Linear) or equally spaced in
// log (Log, from and to > 0), rounded to 15 significant digits (0.1, not 0.10000000000000002).
std::vector<double> rangeValues(AxisSpacing spacing, double from, double to, int points);

// The text of a value for labels, run listings and categorical axes: numbers as %.17g
// shortened to the fewest digits that read back the same, strings without quotes.
std::string valueText(const nlohmann::json& value);

}  // namespace losslab
