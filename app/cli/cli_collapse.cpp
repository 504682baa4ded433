// losslab-cli collapse: Softmax Collapse diagnostics of a model file's logits on its data, as
// float16, float32 and float64 would see them (Prieto et al. 2025), with its test set, weight
// norms, cos(theta, -grad L) and neural collapse when there is one to measure.
#include <cmath>
#include <iostream>
#include <memory>

#include "cli_commands.hpp"
#include "losslab/core/error.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/run/collapse_measurement.hpp"

namespace losslab::cli {

namespace {
struct CollapseOptions {
  std::string model;
  std::string order = toString(SummationOrder::Torch);
  bool json = false;
};

nlohmann::json number(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

nlohmann::json perFormat(const std::array<double, 3>& values) {
  nlohmann::json out;
  for (FloatFormat f : kFloatFormats) out[toString(f)] = values[static_cast<int>(f)];
  return out;
}

nlohmann::json setJson(const CollapseSetRecord& s) {
  return {{"sc_fraction", perFormat(s.scFraction)},
          {"zero_loss_fraction", perFormat(s.zeroLossFraction)},
          {"zero_grad_fraction", perFormat(s.zeroGradFraction)},
          {"logit_norm_mean", s.logitNormMean},
          {"logit_norm_max", s.logitNormMax}};
}

void runCollapse(const CollapseOptions& o) {
  const NetworkFile m = readNetworkFile(o.model);
  if (!isClassification(m.loss))
    throw InputError(o.model + ": softmax collapse needs a classification model (loss is mse)");
  CollapseTracking tracking;
  tracking.every = 1;
  tracking.order = summationOrderFromString(o.order);
  const Samples<double> data = toSamples<double>(m.data), test = toSamples<double>(m.test);
  Objective<double> objective(m.network, m.loss);
  objective.checkCompatible(data);
  if (test.size()) objective.checkCompatible(test);
  Eigen::VectorXd grad;
  objective.lossAndGradient(m.parameters, data, grad);
  const auto r = measureCollapse<double>(objective, m.parameters, Eigen::VectorXd::Zero(grad.size()),
                                         grad, data, test, tracking, 0);
  nlohmann::json out = setJson(r->train);
  out["summation_order"] = toString(r->order);
  out["weight_norm"] = r->weightNorm.total;
  out["weight_norm_per_layer"] = r->weightNorm.perLayer;
  out["nlm_grad_cosine"] = number(r->gradAlignment.total);
  if (r->test) out["test"] = setJson(*r->test);
  if (classifierLayer(m.network)) {
    const NeuralCollapse& nc = r->neural;
    out["neural_collapse"] = {{"nc1", number(nc.nc1)}, {"nc2_equinorm", number(nc.nc2Equinorm)},
                              {"nc2_equiangularity", number(nc.nc2Equiangularity)},
                              {"nc2_max_angle", number(nc.nc2MaxAngle)}, {"nc3", number(nc.nc3)},
                              {"nc4", number(nc.nc4)}};
  }
  std::cout << (o.json ? out.dump() : out.dump(1)) << "\n";
}
}  // namespace

void addCollapseCommand(CLI::App& app) {
  auto o = std::make_shared<CollapseOptions>();
  CLI::App* cmd = app.add_subcommand("collapse", "Softmax Collapse fractions of a model file per precision");
  cmd->add_option("--model", o->model, "Model file (losslab-model/1 or /2, classification)")->required();
  cmd->add_option("--order", o->order,
                  "Summation of S = sum exp(z_k - max z): pytorch (default: torch.sum as the authors' code, float16 accumulated in float32), largest-first or smallest-first");
  cmd->add_flag("--json", o->json, "Print one JSON object on one line");
  cmd->callback([o] { runCollapse(*o); });
}

}  // namespace losslab::cli
