#include "losslab/sweep/setting_path.hpp"

#include <cctype>
#include <vector>

#include "losslab/core/error.hpp"

namespace losslab {

namespace {
using nlohmann::json;

struct Segment {
  std::string key;
  long index = -1;  // -1: no [k]
};

std::vector<Segment> segments(const std::string& path, const std::string& field) {
  auto bad = [&](const std::string& why) {
    return InputError(field + ": \"" + path + "\" " + why +
                      " (write keys joined by dots, e.g. \"optimizer.lr\" or \"model.hidden[0]\")");
  };
  std::vector<Segment> out;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    Segment s;
    const size_t bracket = part.find('[');
    if (bracket != std::string::npos) {
      if (part.back() != ']' || bracket + 2 > part.size() - 1) throw bad("has a malformed [index]");
      const std::string digits = part.substr(bracket + 1, part.size() - bracket - 2);
      for (char c : digits)
        if (!std::isdigit(static_cast<unsigned char>(c))) throw bad("has a malformed [index]");
      s.index = std::stol(digits);
      part = part.substr(0, bracket);
    }
    if (part.empty()) throw bad("has an empty key");
    s.key = part;
    out.push_back(s);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

std::string keysOf(const json& object) {
  std::string keys;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!keys.empty()) keys += ", ";
    keys += it.key();
  }
  return keys;
}

// The element a path names, with the checks that make it a sweepable setting.
template <class Json> Json& locate(Json& doc, const std::string& path, const std::string& field) {
  const std::vector<Segment> parts = segments(path, field);
  if (parts.size() == 1 && parts[0].key == "seed")
    throw InputError(field + ": \"seed\" is swept by the sweep's \"seeds\" list, not as a setting");
  if (parts.size() == 1 && parts[0].key == "format")
    throw InputError(field + ": \"format\" is not a setting");
  Json* at = &doc;
  std::string where;
  for (const Segment& s : parts) {
    if (!at->is_object() || !at->contains(s.key))
      throw InputError(field + ": \"" + path + "\": the base experiment has no setting \"" + s.key + "\"" +
                       (where.empty() ? "" : " in " + where) +
                       (at->is_object() ? " (it has: " + keysOf(*at) + ")" : ""));
    at = &(*at)[s.key];
    if (!where.empty()) where += '.';
    where += s.key;
    if (s.index >= 0) {
      if (!at->is_array() || s.index >= long(at->size()))
        throw InputError(field + ": \"" + path + "\": " + where + " has no entry [" + std::to_string(s.index) +
                         "] (it has " + std::to_string(at->is_array() ? at->size() : 0) + ")");
      at = &(*at)[size_t(s.index)];
      where.append("[").append(std::to_string(s.index)).append("]");
    }
  }
  if (at->is_object())
    throw InputError(field + ": \"" + path + "\" is a group of settings (" + keysOf(*at) + "); name one of them");
  return *at;
}
}  // namespace

const json& settingAt(const json& experiment, const std::string& path, const std::string& field) {
  return locate(experiment, path, field);
}

json withSetting(const json& experiment, const std::string& path, const json& value, const std::string& field) {
  json copy = experiment;
  json& target = locate(copy, path, field);
  if (target.is_array() && value.is_number()) {
    for (json& entry : target) entry = value;  // every entry of the list
  } else {
    target = value;
  }
  return copy;
}

}  // namespace losslab
