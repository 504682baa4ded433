// losslab-cli: the command-line front of the engine. The window and this tool call the same
// engine functions, so a number printed here is the number the window shows.
#include <CLI/CLI.hpp>
#include <iostream>
#include <new>

#include "cli_commands.hpp"
#include "cli_processes.hpp"
#include "losslab/core/error.hpp"
#include "losslab/core/cpu_level.hpp"

int main(int argc, char** argv) {
  const auto processes = losslab::cli::startProcesses(argc, argv);  // MPI ranks under mpirun
  CLI::App app{"LossLab: train small neural networks and measure their loss landscapes, "
               "Hessian spectra and softmax collapse"};
  app.set_version_flag("--version", std::string("losslab-cli ") + LOSSLAB_VERSION +
                                        "\nengine kernels: " + losslab::cpuLevelInUse().label);
  // The engine's instruction-set level is chosen now; a refused LOSSLAB_CPU_LEVEL is said once.
  if (const auto& note = losslab::cpuLevelNote(); !note.empty())
    std::cerr << "losslab-cli: note: " << note << "\n";
  app.require_subcommand(1);
  losslab::cli::addEvalCommand(app);
  losslab::cli::addTrainCommand(app);
  losslab::cli::addHessianCommand(app);
  losslab::cli::addFlowCommand(app);
  losslab::cli::addIntrinsicCommand(app);
  losslab::cli::addCollapseCommand(app);
  losslab::cli::addLandscapeCommand(app, *processes);
  losslab::cli::addSweepCommand(app, *processes);
  losslab::cli::addBenchCommand(app);
  losslab::cli::addFigureCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const losslab::cli::RunDiverged& e) {
    std::cerr << "losslab-cli: error: " << e.what() << "\n";
    return losslab::cli::kDivergedExitCode;
  } catch (const losslab::InputError& e) {
    std::cerr << "losslab-cli: error: " << e.what() << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "losslab-cli: error: out of memory\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "losslab-cli: error: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
