// losslab-cli bench: the standard workloads, printed with the peer's keys and units.
#include <tbb/global_control.h>

#include <iostream>
#include <memory>

#include "bench_workloads.hpp"
#include "cli_commands.hpp"
#include "losslab/core/error.hpp"
#include "losslab/core/cpu_level.hpp"

namespace losslab::cli {

namespace {
struct BenchOptions {
  std::vector<std::string> workloads;
  bool json = false;
  int threads = 2;
};

void runBench(const BenchOptions& o) {
  if (o.threads < 1) throw InputError("--threads: must be >= 1");
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, size_t(o.threads));
  std::vector<const BenchWorkload*> chosen;
  for (const auto& w : benchWorkloads())
    if (o.workloads.empty() || std::find(o.workloads.begin(), o.workloads.end(), w.name) != o.workloads.end())
      chosen.push_back(&w);
  for (const auto& name : o.workloads) {
    bool known = false;
    for (const auto& w : benchWorkloads()) known |= w.name == name;
    if (!known) {
      std::string list;
      for (const auto& w : benchWorkloads()) list += (list.empty() ? "" : ", ") + w.name;
      throw InputError("bench: unknown workload \"" + name + "\" (known: " + list + ")");
    }
  }
  nlohmann::json out = nlohmann::json::object();
  if (!o.json) std::cout << "engine kernels: " << cpuLevelInUse().label << std::endl;
  for (const BenchWorkload* w : chosen) {
    out[w->name] = w->run();
    out[w->name]["cpu_level"] = cpuLevelInUse().id;  // which copy of the hot code ran it
    if (!o.json)
      std::cout << w->name << ": " << out[w->name]["value"].get<double>() << " "
                << out[w->name]["unit"].get<std::string>() << "   (" << w->what << ")" << std::endl;
  }
  if (o.json) std::cout << out.dump(1) << "\n";
}
}  // namespace

void addBenchCommand(CLI::App& app) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand("bench", "Run the standard workloads of BENCHMARKS.md");
  cmd->add_option("workloads", options->workloads, "Workloads to run (default: all)");
  cmd->add_flag("--json", options->json, "Print one JSON object, keys as the PyTorch reference");
  cmd->add_option("--threads", options->threads, "Worker threads (default 2, as the reference)");
  cmd->callback([options] { runBench(*options); });
}

}  // namespace losslab::cli
