// losslab-cli eval: loss, accuracy and gradient of a model file on its own data.
#include <iostream>
#include <memory>

#include "cli_commands.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/model/objective.hpp"

namespace losslab::cli {

namespace {
struct EvalOptions {
  std::string model;
  bool grad = false;
  bool json = false;
};

void runEval(const EvalOptions& o) {
  const NetworkFile m = readNetworkFile(o.model);
  Samples<double> data = toSamples<double>(m.data);
  Objective<double> objective(m.network, m.loss);
  objective.checkCompatible(data);
  Eigen::VectorXd grad;
  double accuracy = 0;
  const double loss = objective.lossAndGradient(m.parameters, data, grad, &accuracy);
  nlohmann::json out{{"loss", loss}};
  if (isClassification(m.loss)) out["accuracy"] = accuracy;
  out["grad_norm"] = grad.norm();
  if (o.grad) out["grad"] = std::vector<double>(grad.data(), grad.data() + grad.size());
  if (o.json) {
    std::cout << out.dump() << "\n";
    return;
  }
  std::cout.precision(17);
  std::cout << "loss       " << loss << "\n";
  if (isClassification(m.loss)) std::cout << "accuracy   " << accuracy << "\n";
  std::cout << "grad_norm  " << grad.norm() << "\n";
  if (o.grad) std::cout << "grad       " << out["grad"].dump() << "\n";
}
}  // namespace

void addEvalCommand(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand("eval", "Loss, accuracy and gradient norm of a losslab-model/1 or /2 file on its data");
  cmd->add_option("--model", options->model, "Model file (losslab-model/1 or /2)")->required();
  cmd->add_flag("--grad", options->grad, "Also print the full gradient (flat order of the spec)");
  cmd->add_flag("--json", options->json, "Print one JSON object");
  cmd->callback([options] { runEval(*options); });
}

}  // namespace losslab::cli
