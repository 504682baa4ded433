#pragma once
// Each subcommand of losslab-cli registers itself on the app; its callback throws
// losslab::InputError for bad input, which main() turns into one line on stderr.
#include <CLI/CLI.hpp>
#include <stdexcept>

#include "losslab/sweep/work_distribution.hpp"

namespace losslab::cli {

// A run that diverged: its files are written, but a script must not take it for a trained
// network, so main() exits with kDivergedExitCode after saying so on stderr.
class RunDiverged : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
inline constexpr int kDivergedExitCode = 4;

void addEvalCommand(CLI::App& app);
void addTrainCommand(CLI::App& app);
void addBenchCommand(CLI::App& app);
void addHessianCommand(CLI::App& app);
void addFlowCommand(CLI::App& app);  // cli_flow.cpp: gradient flow and GFS sharpness
void addCollapseCommand(CLI::App& app);
void addIntrinsicCommand(CLI::App& app);  // cli_intrinsic.cpp: d_int90 of Li et al. 2018
void addFigureCommand(CLI::App& app);  // cli_figure.cpp: the window's figures, headless
// Landscape grids and sweeps share their work among `processes` (MPI ranks under mpirun).
void addLandscapeCommand(CLI::App& app, WorkDistribution& processes);
void addSweepCommand(CLI::App& app, WorkDistribution& processes);

}  // namespace losslab::cli
