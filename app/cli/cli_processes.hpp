#pragma once
// The processes a losslab-cli command runs on: this one alone, or, when the CLI is built with
// MPI (LOSSLAB_MPI) and started by mpirun, every rank of the job, rank 0 writing the files.
// Each build compiles one implementation: single_process.cpp or mpi_processes.cpp.
#include <functional>
#include <memory>

#include "losslab/sweep/work_distribution.hpp"

namespace losslab::cli {

// Call first in main(); MPI is initialised only when a launcher started this process.
std::unique_ptr<WorkDistribution> startProcesses(int& argc, char**& argv);

// Runs a command on every process. On one process an error simply propagates; among several
// ranks it is printed (naming the rank) and ends the whole job, since the others may be
// waiting for this one.
void onEveryProcess(WorkDistribution& processes, const std::function<void()>& command);

}  // namespace losslab::cli
