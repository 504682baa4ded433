// libFuzzer target: CSV tables (engine/data/csv_reader.cpp, csv_dataset.cpp), read both as a
// classification and as a regression data set. The reader takes a path, so each input is
// written to one scratch file per process.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "losslab/core/error.hpp"
#include "losslab/data/csv_dataset.hpp"

namespace {
const std::string& scratchPath() {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("losslab-fuzz-" + std::to_string(getpid()) + ".csv")).string();
  return path;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = scratchPath();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  for (losslab::Task task : {losslab::Task::Classification, losslab::Task::Regression}) {
    try {
      // A small cell limit keeps the refusal path reachable within the fuzzer's input sizes.
      losslab::loadCsvDataset({path, "", task, 4096});
    } catch (const losslab::InputError&) {
    }
  }
  std::remove(path.c_str());
  return 0;
}
