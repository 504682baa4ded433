#include "session_files/window_session.hpp"

#include "losslab/core/error.hpp"
#include "losslab/probes/landscape_session.hpp"

namespace losslab {

namespace {
QString windowString(const SessionFile& file, const char* key) {
  if (!file.window.is_object()) return {};
  const auto found = file.window.find(key);
  return found != file.window.end() && found->is_string() ? QString::fromStdString(found->get<std::string>())
                                                          : QString();
}
}  // namespace

SessionFile sessionFile(const SessionCapture& c) {
  SessionFile file;
  file.run = *c.state;
  if (c.spectrum) file.spectrum = *c.spectrum;
  if (c.landscape) file.landscape = toSessionLandscape(*c.landscape);
  file.window = {{"view", c.view.toStdString()}};
  if (!c.path.isEmpty()) file.window["path"] = c.path.toStdString();
  auto& compared = file.window["compared"] = nlohmann::json::array();
  for (const SettingChange& change : c.compared)
    compared.push_back((settingKey(change.setting) + '=' + change.value).toStdString());
  return file;
}

QString savedView(const SessionFile& file) { return windowString(file, "view"); }
QString savedPath(const SessionFile& file) { return windowString(file, "path"); }

std::optional<std::vector<SettingChange>> savedComparisons(const SessionFile& file) {
  if (!file.window.is_object() || !file.window.contains("compared")) return std::nullopt;
  const nlohmann::json& list = file.window["compared"];
  if (!list.is_array()) throw InputError("window.compared: must be a list of \"setting=value\" strings");
  std::vector<SettingChange> changes;
  for (const nlohmann::json& entry : list) {
    if (!entry.is_string()) throw InputError("window.compared: each entry must be a \"setting=value\" string");
    try {
      changes.push_back(parseSettingChange(QString::fromStdString(entry.get<std::string>())));
    } catch (const InputError& e) {
      throw InputError(std::string("window.compared: ") + e.what());
    }
  }
  return changes;
}

}  // namespace losslab
