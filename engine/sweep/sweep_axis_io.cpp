#include "losslab/sweep/sweep_axis_io.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/sweep/setting_path.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

bool SweepAxis::numeric() const {
  for (const json& v : values)
    if (!v.is_number()) return false;
  return !values.empty();
}

std::vector<double> rangeValues(AxisSpacing spacing, double from, double to, int points) {
  const bool log = spacing == AxisSpacing::Log;
  const double a = log ? std::log(from) : from, b = log ? std::log(to) : to;
  std::vector<double> v(static_cast<size_t>(points));
  for (int k = 0; k < points; ++k) {
    // As the landscape axes: (a (n-1-k) + b k) / (n-1), so both ends are exact.
    const double t = (a * double(points - 1 - k) + b * double(k)) / double(points - 1);
    v[size_t(k)] = log ? std::exp(t) : t;
  }
  // 15 significant digits: a log range from 0.05 to 0.8 passes 0.1, not 0.10000000000000002.
  char buffer[32];
  for (double& x : v) {
    std::snprintf(buffer, sizeof buffer, "%.15g", x);
    x = std::strtod(buffer, nullptr);
  }
  v.front() = from;
  v.back() = to;
  return v;
}

std::string valueText(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

namespace {

bool integerSetting(const json& base) {
  if (base.is_number_integer()) return true;
  if (!base.is_array() || base.empty()) return false;
  for (const json& e : base)
    if (!e.is_number_integer()) return false;
  return true;
}

void readRange(const json& r, const std::string& field, SweepAxis& a) {
  if (!r.is_object()) throw InputError(field + ": expected {\"from\": A, \"to\": B, \"points\": N}");
  jf::rejectUnknownKeys(r, {"from", "to", "points"}, field);
  a.from = jf::number(jf::require(r, "from", field), field + ".from");
  a.to = jf::number(jf::require(r, "to", field), field + ".to");
  const long n = jf::integer(jf::require(r, "points", field), field + ".points");
  if (n < 2 || n > kMaxAxisValues)
    throw InputError(field + ".points: " + std::to_string(n) + " must be in 2.." + std::to_string(kMaxAxisValues));
  a.points = int(n);
  if (a.from == a.to) throw InputError(field + ": from and to are both " + valueText(a.from) + "; a range needs two ends");
  if (a.spacing == AxisSpacing::Log && !(a.from > 0 && a.to > 0))
    throw InputError(field + ": a log range needs from > 0 and to > 0 (got " + valueText(a.from) + " and " +
                     valueText(a.to) + ")");
}

}  // namespace

SweepAxis readAxis(const json& entry, const json& base, const std::string& field) {
  if (!entry.is_object()) throw InputError(field + ": expected {\"path\": ..., \"values\"|\"linear\"|\"log\": ...}");
  jf::rejectUnknownKeys(entry, {"path", "label", "values", "linear", "log", "round"}, field);
  SweepAxis a;
  a.path = jf::string(jf::require(entry, "path", field), field + ".path");
  const json& current = settingAt(base, a.path, field + ".path");
  a.label = entry.contains("label") ? jf::string(entry["label"], field + ".label") : a.path;
  const int forms = int(entry.contains("values")) + int(entry.contains("linear")) + int(entry.contains("log"));
  if (forms != 1) throw InputError(field + ": give exactly one of \"values\", \"linear\" or \"log\" (got " + std::to_string(forms) + ")");

  if (entry.contains("values")) {
    const json& list = entry["values"];
    if (!list.is_array() || list.empty() || list.size() > size_t(kMaxAxisValues))
      throw InputError(field + ".values: expected a list of 1 to " + std::to_string(kMaxAxisValues) + " values");
    if (entry.contains("round")) throw InputError(field + ".round: applies to linear and log ranges only");
    for (size_t k = 0; k < list.size(); ++k) {
      for (size_t m = 0; m < k; ++m)
        if (list[m] == list[k])
          throw InputError(jf::at(field + ".values", k) + ": " + valueText(list[k]) + " repeats values[" + std::to_string(m) + "]");
      a.values.push_back(list[k]);
    }
  } else {
    a.spacing = entry.contains("linear") ? AxisSpacing::Linear : AxisSpacing::Log;
    const std::string rangeField = field + (a.spacing == AxisSpacing::Linear ? ".linear" : ".log");
    readRange(entry[a.spacing == AxisSpacing::Linear ? "linear" : "log"], rangeField, a);
    a.round = entry.contains("round") ? jf::boolean(entry["round"], field + ".round") : integerSetting(current);
    for (double v : rangeValues(a.spacing, a.from, a.to, a.points)) {
      const json value = a.round ? json(std::llround(v)) : json(v);
      for (size_t m = 0; m < a.values.size(); ++m)
        if (a.values[m] == value)
          throw InputError(rangeField + ": points " + std::to_string(m) + " and " + std::to_string(a.values.size()) +
                           " both round to " + valueText(value) + "; use fewer points or a wider range");
      a.values.push_back(value);
    }
  }
  // Each value must make a valid experiment on its own (the combinations are checked by the plan).
  for (size_t k = 0; k < a.values.size(); ++k) {
    try {
      experimentFromJson(withSetting(base, a.path, a.values[k], field + ".path"));
    } catch (const InputError& e) {
      const bool fromRange = a.spacing != AxisSpacing::List;
      const bool wantsInteger = std::string(e.what()).find("expected an integer") != std::string::npos;
      throw InputError(field + (fromRange ? " value " : ".values[" + std::to_string(k) + "] ") + valueText(a.values[k]) +
                       " at " + a.path + ": " + e.what() +
                       (fromRange && wantsInteger ? " (add \"round\": true to the axis)" : ""));
    }
  }
  return a;
}

json toJson(const SweepAxis& a) {
  json j{{"path", a.path}, {"label", a.label}};
  if (a.spacing == AxisSpacing::List) {
    j["values"] = a.values;
  } else {
    j[a.spacing == AxisSpacing::Linear ? "linear" : "log"] = {{"from", a.from}, {"to", a.to}, {"points", a.points}};
    j["round"] = a.round;
  }
  return j;
}

}  // namespace losslab
