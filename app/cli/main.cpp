// losslab-cli: the command-line front of the engine (subcommands in cli_*.cpp).
#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"LossLab command line"};
  app.set_version_flag("--version", std::string("losslab-cli ") + LOSSLAB_VERSION);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
