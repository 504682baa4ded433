// cli_processes.hpp with MPI: under mpirun (or another MPI launcher) the ranks of the job share
// the work; started without a launcher the CLI stays a plain single process (no MPI start-up).
#include <mpi.h>

#include <cstdlib>
#include <iostream>

#include "cli_processes.hpp"
#include "mpi_distribution.hpp"

namespace losslab::cli {

namespace {
bool startedByLauncher() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"})
    if (std::getenv(variable)) return true;
  return false;
}
}  // namespace

std::unique_ptr<WorkDistribution> startProcesses(int& argc, char**& argv) {
  if (!startedByLauncher()) return std::make_unique<LocalDistribution>();
  return std::make_unique<MpiDistribution>(argc, argv);
}

void onEveryProcess(WorkDistribution& processes, const std::function<void()>& command) {
  if (processes.processes() == 1) return command();
  try {
    command();
  } catch (const std::exception& e) {
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    std::cerr << "losslab-cli: error: (rank " << rank << ") " << e.what() << std::endl;
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
}

}  // namespace losslab::cli
