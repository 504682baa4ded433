#pragma once
// Every file below a folder with its content, by path relative to the folder: two sweep folders
// are equal exactly when these maps are (the suites compare sweeps run in different ways).
#include <QString>
#include <filesystem>
#include <map>
#include <string>

#include "losslab/encoding/text_file.hpp"

namespace losslab::test {

inline std::map<std::string, std::string> filesOf(const QString& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.toStdString()))
    if (e.is_regular_file())
      files[std::filesystem::relative(e.path(), dir.toStdString()).string()] = readTextFile(e.path().string());
  return files;
}

}  // namespace losslab::test
