// losslab-cli collapse: Softmax Collapse diagnostics of a model file's logits on its data, as
// float16, float32 and float64 would see them (Prieto et al. 2025).
#include <iostream>
#include <memory>

#include "cli_commands.hpp"
#include "losslab/core/error.hpp"
#include "losslab/diagnostics/softmax_collapse.hpp"
#include "losslab/io/model_file.hpp"
#include "losslab/model/mlp_objective.hpp"

namespace losslab::cli {

namespace {
struct CollapseOptions {
  std::string model;
  bool json = false;
};

nlohmann::json perFormat(const std::array<double, 3>& values) {
  nlohmann::json out;
  for (FloatFormat f : kFloatFormats) out[toString(f)] = values[static_cast<int>(f)];
  return out;
}

void runCollapse(const CollapseOptions& o) {
  const ModelFile m = readModelFile(o.model);
  if (!isClassification(m.loss))
    throw InputError(o.model + ": softmax collapse needs a classification model (loss is mse)");
  const Samples<double> data = toSamples<double>(m.data);
  MlpObjective<double> objective(m.architecture, m.loss);
  objective.checkCompatible(data);
  Eigen::MatrixXd logits;
  objective.logits(m.parameters, data.x, logits);
  const CollapseDiagnostics d = softmaxCollapse(logits, data.labels);
  const nlohmann::json out{{"sc_fraction", perFormat(d.scFraction)},
                           {"zero_loss_fraction", perFormat(d.zeroLossFraction)},
                           {"zero_grad_fraction", perFormat(d.zeroGradFraction)},
                           {"logit_norm_mean", d.logitNormMean},
                           {"logit_norm_max", d.logitNormMax},
                           {"weight_norm", m.parameters.norm()}};
  std::cout << (o.json ? out.dump() : out.dump(1)) << "\n";
}
}  // namespace

void addCollapseCommand(CLI::App& app) {
  auto o = std::make_shared<CollapseOptions>();
  CLI::App* cmd = app.add_subcommand("collapse", "Softmax Collapse fractions of a model file per precision");
  cmd->add_option("--model", o->model, "Model file (losslab-model/1, classification)")->required();
  cmd->add_flag("--json", o->json, "Print one JSON object on one line");
  cmd->callback([o] { runCollapse(*o); });
}

}  // namespace losslab::cli
