// losslab-cli intrinsic-dim: the intrinsic dimension of an experiment (Li et al. 2018): its
// network trained in full and in random subspaces of the dimensions given, the final test
// accuracy of each (mean over seeds), and d_int90, the smallest d reaching 90% of the full.
#include <fstream>
#include <iostream>
#include <memory>

#include "cli_commands.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/run/intrinsic_dimension.hpp"

namespace losslab::cli {

namespace {
struct IntrinsicOptions {
  std::string config, out;
  std::vector<long> dims;
  std::vector<std::uint64_t> seeds{0};
  long steps = -1;
  double fraction = 0.9;
  bool json = false;
};

nlohmann::json toJson(const IntrinsicDimensionPoint& p) {
  return {{"dim", p.dim}, {"test_accuracy", p.mean}, {"per_seed", p.accuracy}};
}

void run(const IntrinsicOptions& o) {
  ExperimentConfig base = readExperimentFile(o.config);
  if (o.steps >= 0) base.steps = o.steps;
  const IntrinsicDimension r = measureIntrinsicDimension(base, o.dims, o.seeds, o.fraction, [&](int done, int total) {
    if (!o.json) std::cerr << "\rrun " << done << " of " << total << std::flush;
  });
  if (!o.json) std::cerr << "\n";
  nlohmann::json points = nlohmann::json::array();
  std::string csv = "dim,test_accuracy,fraction_of_full\n";
  csv += "0," + std::to_string(r.full.mean) + ",1\n";
  for (const IntrinsicDimensionPoint& p : r.points) {
    points.push_back(toJson(p));
    csv += std::to_string(p.dim) + "," + std::to_string(p.mean) + "," + std::to_string(p.mean / r.full.mean) + "\n";
  }
  const nlohmann::json out = {{"full", toJson(r.full)}, {"subspaces", points}, {"fraction", r.fraction},
                              {"d_int", r.dInt ? nlohmann::json(*r.dInt) : nlohmann::json(nullptr)}};
  if (!o.out.empty()) writeTextFileAtomically(o.out, csv);
  std::cout << (o.json ? out.dump() : out.dump(1)) << "\n";
}
}  // namespace

void addIntrinsicCommand(CLI::App& app) {
  auto o = std::make_shared<IntrinsicOptions>();
  CLI::App* cmd = app.add_subcommand(
      "intrinsic-dim", "Intrinsic dimension (Li et al. 2018): train in random subspaces of the given dimensions, report "
                       "the final test accuracy of each against the full network's, and d_int90");
  cmd->add_option("--config", o->config, "Experiment file (classification with a test set)")->required();
  cmd->add_option("--dims", o->dims, "Subspace dimensions, ascending (e.g. 10,20,50,100,200)")
      ->required()->delimiter(',');
  cmd->add_option("--seeds", o->seeds, "Seeds, each a run per dimension (default 0)")->delimiter(',');
  cmd->add_option("--steps", o->steps, "Optimizer steps of every run (default: the file's)");
  cmd->add_option("--fraction", o->fraction, "d_int is the smallest d reaching this fraction of the full accuracy (default 0.9)");
  cmd->add_option("--out", o->out, "Also write dim,test_accuracy,fraction_of_full as CSV (dim 0: the full network)");
  cmd->add_flag("--json", o->json, "Print one JSON object on one line");
  cmd->callback([o] { run(*o); });
}

}  // namespace losslab::cli
