// losslab-cli sweep: every run of a losslab-sweep/1 file, in parallel on this machine's cores
// and, under mpirun, over the job's ranks; results stream into DIR as runs finish (results.csv,
// runs/<id>/metrics.csv and config.json) and --resume continues an interrupted sweep.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli_commands.hpp"
#include "cli_processes.hpp"
#include "losslab/core/error.hpp"
#include "losslab/sweep/sweep_runner.hpp"

namespace losslab::cli {

namespace {
struct SweepOptionsCli {
  std::string config, out;
  bool resume = false, quiet = false;
  int threads = 0;
};

void runSweepCommand(const SweepOptionsCli& o, WorkDistribution& processes) {
  if (o.threads < 0) throw InputError("--threads: " + std::to_string(o.threads) + " must be >= 0 (0: all cores)");
  const SweepConfig sweep = readSweepFile(o.config);
  SweepCallbacks callbacks;
  // On a terminal the line is redrawn in place; into a file or pipe, one line per finished run.
  const bool terminal = isatty(STDERR_FILENO);
  if (processes.isWriter() && !o.quiet)
    callbacks.progress = [terminal](const SweepProgress& p) {
      std::cerr << (terminal ? "\r\033[K" : "") << "losslab-cli sweep: " << progressText(p) << (terminal ? "" : "\n")
                << std::flush;
    };
  const SweepResults results = runSweep(sweep, o.out, {o.resume, o.threads}, processes, callbacks);
  if (!processes.isWriter()) return;
  if (terminal && !o.quiet) std::cerr << "\n";
  long diverged = 0;
  for (const auto& row : results.rows()) diverged += results.value(row.first, SweepMetric::Diverged) > 0.5;
  std::cout << nlohmann::json{{"runs", results.size()}, {"diverged", diverged}, {"processes", processes.processes()},
                              {"results", o.out + "/results.csv"}}
                   .dump()
            << "\n";
}
}  // namespace

void addSweepCommand(CLI::App& app, WorkDistribution& processes) {
  auto o = std::make_shared<SweepOptionsCli>();
  CLI::App* cmd = app.add_subcommand("sweep", "Run a hyperparameter sweep (losslab-sweep/1); under mpirun the ranks share the runs");
  cmd->add_option("--config", o->config, "Sweep file (losslab-sweep/1)")->required();
  cmd->add_option("--out", o->out, "Output folder: sweep.json, results.csv, runs/<id>/{metrics.csv,config.json}")->required();
  cmd->add_flag("--resume", o->resume, "Continue the sweep already in --out: finished runs are kept, the rest are run");
  cmd->add_option("--threads", o->threads, "Runs at once per process (default 0: the cores, shared by the processes on a machine)");
  cmd->add_flag("--quiet", o->quiet, "No progress line on stderr");
  cmd->callback([o, &processes] { onEveryProcess(processes, [&] { runSweepCommand(*o, processes); }); });
}

}  // namespace losslab::cli
