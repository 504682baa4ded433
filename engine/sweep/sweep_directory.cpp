#include "losslab/sweep/sweep_directory.hpp"

#include <filesystem>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/encoding/text_file.hpp"

namespace losslab {

namespace fs = std::filesystem;

namespace {
void createFolder(const std::string& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) throw InputError(path + ": cannot create the folder (" + ec.message() + ")");
}
}  // namespace

SweepDirectory::SweepDirectory(std::string path, const SweepConfig& sweep, std::vector<SweepRun> plan, bool resume)
    : path_(std::move(path)), sweep_(sweep), plan_(std::move(plan)), results_(sweep.metrics) {
  const std::string sweepFile = path_ + "/sweep.json", resultsFile = path_ + "/results.csv";
  const nlohmann::json wanted = toJson(sweep);
  if (fs::exists(sweepFile)) {
    if (!resume)
      throw InputError(path_ + ": already holds a sweep (sweep.json); add --resume to continue it, or choose another folder");
    nlohmann::json onDisk;
    try {
      onDisk = toJson(parseSweep(readTextFile(sweepFile), sweepFile));
    } catch (const InputError& e) {
      throw InputError(sweepFile + ": cannot resume: " + e.what());
    }
    if (onDisk != wanted)
      throw InputError(sweepFile + ": cannot resume: the folder holds a different sweep (" +
                       nlohmann::json::diff(onDisk, wanted).dump().substr(0, 200) + ")");
    if (fs::exists(resultsFile)) results_ = readResultsCsv(resultsFile, sweep_, plan_);
  } else {
    createFolder(path_);
    writeTextFileAtomically(sweepFile, wanted.dump(2) + "\n");
  }
  if (!fs::exists(resultsFile)) writeTextFileAtomically(resultsFile, toResultsCsv(results_, sweep_, plan_));
}

SweepFolder readSweepFolder(const std::string& path) {
  const std::string sweepFile = path + "/sweep.json", resultsFile = path + "/results.csv";
  if (!fs::exists(sweepFile)) throw InputError(path + ": holds no sweep (no sweep.json)");
  SweepFolder folder;
  folder.sweep = parseSweep(readTextFile(sweepFile), sweepFile);
  folder.plan = planSweep(folder.sweep);
  folder.results = fs::exists(resultsFile) ? readResultsCsv(resultsFile, folder.sweep, folder.plan)
                                           : SweepResults(folder.sweep.metrics);
  return folder;
}

std::string SweepDirectory::runDirectory(long runIndex) const { return path_ + "/runs/" + plan_[size_t(runIndex)].id; }

void SweepDirectory::record(const SweepRunRecord& record) {
  const std::string folder = runDirectory(record.index);
  createFolder(folder);
  writeTextFileAtomically(folder + "/config.json", toJson(plan_[size_t(record.index)].experiment).dump(2) + "\n");
  writeTextFileAtomically(folder + "/metrics.csv", record.metricsCsv);
  results_.set(record.index, record.values);
  writeTextFileAtomically(path_ + "/results.csv", toResultsCsv(results_, sweep_, plan_));
}

}  // namespace losslab
