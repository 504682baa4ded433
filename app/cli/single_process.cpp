// cli_processes.hpp without MPI: every command runs in this one process.
#include "cli_processes.hpp"

namespace losslab::cli {

std::unique_ptr<WorkDistribution> startProcesses(int&, char**&) { return std::make_unique<LocalDistribution>(); }

void onEveryProcess(WorkDistribution&, const std::function<void()>& command) { command(); }

}  // namespace losslab::cli
