#include "window_session.hpp"

#include "landscape_session.hpp"

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
  return file;
}

QString savedView(const SessionFile& file) { return windowString(file, "view"); }
QString savedPath(const SessionFile& file) { return windowString(file, "path"); }

}  // namespace losslab
