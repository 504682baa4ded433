#pragma once
// Typed access to JSON values with errors that name the field path ("model.hidden[1]").
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace losslab::json_fields {

using nlohmann::json;

nlohmann::json parse(const std::string& text, const std::string& origin);  // InputError if malformed
const json& require(const json& object, const std::string& key, const std::string& path);
double number(const json& value, const std::string& path);
long integer(const json& value, const std::string& path);
// An integer that fits an int: a width of 3000000000 is an error naming the field, not a wrap.
int smallInteger(const json& value, const std::string& path);
bool boolean(const json& value, const std::string& path);
std::string string(const json& value, const std::string& path);
std::vector<double> numbers(const json& value, const std::string& path);
std::vector<int> integers(const json& value, const std::string& path);
// Throws if `object` holds a key not in `allowed` (a typo must not fall back to a default).
void rejectUnknownKeys(const json& object, const std::vector<std::string>& allowed,
                       const std::string& path);
std::string join(const std::string& path, const std::string& key);
std::string at(const std::string& path, size_t index);

}  // namespace losslab::json_fields
