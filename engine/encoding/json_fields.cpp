#include "losslab/encoding/json_fields.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "losslab/core/error.hpp"

namespace losslab::json_fields {

namespace {
std::string shown(const json& v) {
  std::string s = v.dump();
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}
}  // namespace

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}
std::string at(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

json parse(const std::string& text, const std::string& origin) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {  // a syntax error, or a number beyond float64 (out_of_range)
    const std::string what = e.what();
    const auto tag = what.find("] ");  // "[json.exception.parse_error.101] parse error at ..."
    throw InputError(origin + ": malformed JSON (" +
                     (tag == std::string::npos ? what : what.substr(tag + 2)) + ")");
  }
}

const json& require(const json& object, const std::string& key, const std::string& path) {
  if (!object.is_object()) throw InputError(path.empty() ? "document: expected a JSON object" : path + ": expected a JSON object");
  auto it = object.find(key);
  if (it == object.end()) throw InputError(join(path, key) + ": missing");
  return *it;
}

double number(const json& v, const std::string& path) {
  if (!v.is_number()) throw InputError(path + ": expected a number, got " + shown(v));
  const double d = v.get<double>();
  if (!std::isfinite(d)) throw InputError(path + ": not a finite number");
  return d;
}

long integer(const json& v, const std::string& path) {
  // An unsigned value past the largest long would wrap to a negative one.
  if (v.is_number_unsigned() && v.get<unsigned long>() > static_cast<unsigned long>(std::numeric_limits<long>::max()))
    throw InputError(path + ": out of range (" + shown(v) + ")");
  if (v.is_number_integer()) return v.get<long>();
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9e15) return static_cast<long>(d);
  }
  throw InputError(path + ": expected an integer, got " + shown(v));
}

int smallInteger(const json& v, const std::string& path) {
  const long x = integer(v, path);
  if (x < std::numeric_limits<int>::min() || x > std::numeric_limits<int>::max())
    throw InputError(path + ": out of range (" + std::to_string(x) + ")");
  return static_cast<int>(x);
}

bool boolean(const json& v, const std::string& path) {
  if (!v.is_boolean()) throw InputError(path + ": expected true or false, got " + shown(v));
  return v.get<bool>();
}

std::string string(const json& v, const std::string& path) {
  if (!v.is_string()) throw InputError(path + ": expected a string, got " + shown(v));
  return v.get<std::string>();
}

std::vector<double> numbers(const json& v, const std::string& path) {
  if (!v.is_array()) throw InputError(path + ": expected an array of numbers, got " + shown(v));
  std::vector<double> out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) out.push_back(number(v[i], at(path, i)));
  return out;
}

std::vector<int> integers(const json& v, const std::string& path) {
  if (!v.is_array()) throw InputError(path + ": expected an array of integers, got " + shown(v));
  std::vector<int> out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    out.push_back(smallInteger(v[i], at(path, i)));
  }
  return out;
}

void rejectUnknownKeys(const json& object, const std::vector<std::string>& allowed,
                       const std::string& path) {
  if (!object.is_object()) throw InputError((path.empty() ? "document" : path) + ": expected a JSON object");
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) != allowed.end()) continue;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw InputError(join(path, it.key()) + ": unknown key (allowed here: " + list + ")");
  }
}

}  // namespace losslab::json_fields
