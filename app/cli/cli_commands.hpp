#pragma once
// Each subcommand of losslab-cli registers itself on the app; its callback throws
// losslab::InputError for bad input, which main() turns into one line on stderr.
#include <CLI/CLI.hpp>

namespace losslab::cli {

void addEvalCommand(CLI::App& app);
void addTrainCommand(CLI::App& app);
void addBenchCommand(CLI::App& app);
void addHessianCommand(CLI::App& app);
void addCollapseCommand(CLI::App& app);
void addLandscapeCommand(CLI::App& app);

}  // namespace losslab::cli
