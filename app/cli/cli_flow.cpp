// losslab-cli flow: gradient flow dθ/dt = −∇L from a model file's parameters (Dormand–Prince
// 5(4) with error control, losslab/flow/gradient_flow.hpp): to a time, or on to its minimum with
// λmax there (GFS sharpness, Kreisler et al. 2023); optionally writes the end point as a model file.
#include <iostream>
#include <memory>

#include "cli_commands.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/flow/gfs_sharpness.hpp"
#include "losslab/model/network/network_file.hpp"

namespace losslab::cli {

namespace {
struct FlowCommandOptions {
  std::string model, out;
  double time = 0;
  bool gfs = false, json = false;
  double rtol = FlowOptions{}.rtol, atol = FlowOptions{}.atol;
  double gradientTolerance = GfsOptions{}.gradientTolerance, maxTime = GfsOptions{}.maxTime;
};

void runFlow(const FlowCommandOptions& o) {
  if ((o.time > 0) == o.gfs) throw InputError("flow: ask for one of --time T (> 0) or --gfs");
  NetworkFile m = readNetworkFile(o.model);
  const Samples<double> data = toSamples<double>(m.data);
  FlowOptions f;
  f.rtol = o.rtol;
  f.atol = o.atol;
  nlohmann::json out = nlohmann::json::object();
  if (o.gfs) {
    GfsOptions g;
    g.flow = f;
    g.gradientTolerance = o.gradientTolerance;
    g.maxTime = o.maxTime;
    const GfsSharpness r = gfsSharpness(m.network, m.loss, m.parameters, data, g);
    if (!r.converged) std::cerr << "losslab-cli: warning: the flow had not converged by t = " << r.time << "\n";
    out = {{"gfs_sharpness", r.sharpness}, {"time", r.time}, {"loss", r.loss}, {"grad_norm", r.gradNorm},
           {"gradients", r.gradients}, {"exponential_steps", r.exponentialSteps}, {"descent_steps", r.polishSteps}, {"converged", r.converged}};
    m.parameters = r.solution;
  } else {
    GradientFlow flow(networkLossGradient(m.network, m.loss, data), m.parameters, f);
    flow.advanceTo(o.time);
    out = {{"time", flow.time()}, {"loss", flow.loss()}, {"grad_norm", flow.gradient().norm()},
           {"gradients", flow.gradients()}, {"steps", flow.acceptedSteps()}, {"rejected_steps", flow.rejectedSteps()}};
    m.parameters = flow.state();
  }
  if (!o.out.empty()) writeTextFileAtomically(o.out, toJson(m).dump() + "\n");
  std::cout << (o.json ? out.dump() : out.dump(1)) << "\n";
}
}  // namespace

void addFlowCommand(CLI::App& app) {
  auto o = std::make_shared<FlowCommandOptions>();
  CLI::App* cmd = app.add_subcommand("flow", "Gradient flow from a model file's parameters: to a time, or to its minimum (GFS sharpness)");
  cmd->add_option("--model", o->model, "Model file (losslab-model/1 or /2)")->required();
  cmd->add_option("--time", o->time, "Integrate to this flow time t (a gradient-descent run at rate eta reaches t after t/eta steps)");
  cmd->add_flag("--gfs", o->gfs, "Integrate until the gradient vanishes and report lambda_max there (GFS sharpness)");
  cmd->add_option("--rtol", o->rtol, "Relative local error per step (default 1e-7)");
  cmd->add_option("--atol", o->atol, "Absolute local error per step (default 1e-10)");
  cmd->add_option("--grad-tol", o->gradientTolerance, "GFS: arrived when ||grad L|| <= this (default 1e-9)");
  cmd->add_option("--max-time", o->maxTime, "GFS: give up (not converged) at this flow time (default 1e7)");
  cmd->add_option("--out", o->out, "Write the end point as a model file (the input's network, loss and data)");
  cmd->add_flag("--json", o->json, "Print one JSON object on one line");
  cmd->callback([o] { runFlow(*o); });
}

}  // namespace losslab::cli
