#include "losslab/data/bundled.hpp"

#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "losslab/core/error.hpp"
#include "losslab/data/csv_reader.hpp"
#include "losslab/data/dataset_builders.hpp"

namespace losslab {
namespace {

struct BundledFile {
  const char* name;
  const char* file;
  bool hasCountsLine;  // scikit-learn's first line "n_samples,n_features,class names..."
  int samples, features, classes;
};

constexpr std::array<BundledFile, 4> kFiles{{
    {"digits", "digits.csv", false, 1797, 64, 10},
    {"iris", "iris.csv", true, 150, 4, 3},
    {"wine", "wine_data.csv", true, 178, 13, 3},
    {"breast_cancer", "breast_cancer.csv", true, 569, 30, 2},
}};

const BundledFile* findFile(const std::string& name) {
  for (const BundledFile& f : kFiles)
    if (name == f.name) return &f;
  return nullptr;
}

std::string executableDirectory() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::string locate(const BundledFile& f) {
  std::string tried;
  for (const std::string& dir : datasetDirectories()) {
    const std::string path = dir + "/" + f.file;
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) return path;
    tried += "\n  " + path;
  }
  throw InputError(std::string("data set \"") + f.name + "\": its file " + f.file +
                   " was not found; tried:" + tried +
                   "\n(set LOSSLAB_DATA_DIR to the directory that holds it)");
}

[[noreturn]] void malformed(const std::string& where, const std::string& what) {
  throw InputError(where + ": " + what + " (the bundled file is damaged; reinstall LossLab)");
}

}  // namespace

const std::vector<std::string>& bundledDatasetNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const BundledFile& f : kFiles) v.emplace_back(f.name);
    return v;
  }();
  return names;
}

bool isBundledDataset(const std::string& name) { return findFile(name) != nullptr; }

std::vector<std::string> datasetDirectories() {
  if (const char* env = std::getenv("LOSSLAB_DATA_DIR"); env && *env) return {env};
  std::vector<std::string> dirs;
  if (const std::string exeDir = executableDirectory(); !exeDir.empty())
    dirs.push_back(exeDir + "/../share/losslab/datasets");
  dirs.push_back(std::string(LOSSLAB_RESOURCE_DIR) + "/datasets");
  return dirs;
}

Dataset loadBundledDataset(const std::string& name) {
  const BundledFile* f = findFile(name);
  if (!f) throw InputError("\"" + name + "\" is not a bundled data set");
  CsvReader reader(locate(*f));
  std::vector<std::string> cells;
  if (f->hasCountsLine && !reader.next(cells)) malformed(reader.path(), "empty file");

  Eigen::MatrixXd x(f->features, f->samples);
  std::vector<int> labels(f->samples);
  int j = 0;
  for (; reader.next(cells); ++j) {
    if (j == f->samples || static_cast<int>(cells.size()) != f->features + 1)
      malformed(reader.where(), "expected " + std::to_string(f->samples) + " rows of " +
                                    std::to_string(f->features + 1) + " numbers");
    for (int r = 0; r <= f->features; ++r) {
      double v = 0;
      if (parseCsvNumber(cells[r], v) != CsvNumber::Ok) malformed(reader.where(), "not a number");
      if (r < f->features) {
        x(r, j) = v;
      } else {
        if (v != std::floor(v) || v < 0 || v >= f->classes)
          malformed(reader.where(), "the class is not one of 0.." + std::to_string(f->classes - 1));
        labels[j] = static_cast<int>(v);
      }
    }
  }
  if (j != f->samples)
    malformed(reader.path(), "has " + std::to_string(j) + " rows, expected " +
                                 std::to_string(f->samples));
  return classificationData(std::move(x), std::move(labels), f->classes);
}

}  // namespace losslab
