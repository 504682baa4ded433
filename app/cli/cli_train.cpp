// losslab-cli train: a whole run from an experiment file, written to DIR as metrics.csv,
// final.json (a losslab-model/1 file) and config.json.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_commands.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/io/collapse_columns.hpp"
#include "losslab/io/metrics_csv.hpp"
#include "losslab/io/trained_model.hpp"
#include "losslab/model/model_file.hpp"
#include "losslab/run/tracking_config.hpp"
#include "losslab/run/trainer.hpp"

namespace losslab::cli {

namespace {
struct TrainOptions {
  std::string config, out;
  long steps = -1;
  long logEvery = 1;
  CurvatureTracking tracking;
  CollapseTracking collapse;
  std::string collapseOrder = toString(SummationOrder::Torch);
  bool noNeuralCollapse = false;
};

std::vector<std::string> optionalColumns(const TrainOptions& o, const CollapseTracking& collapse,
                                         const Network& net, bool hasTest) {
  std::vector<std::string> c = curvatureColumns(o.tracking, net);
  for (auto& name : collapseColumns(collapse)) c.push_back(name);
  for (auto& name : addedCollapseColumns(collapse, net, hasTest)) c.push_back(name);
  return c;
}

void runTrain(const TrainOptions& given) {
  TrainOptions o = given;
  ExperimentConfig config = readExperimentFile(o.config);
  if (o.steps >= 0) config.steps = o.steps;
  // The experiment's own tracking (a preset's "tracking" block) unless the command line asks
  // for its own (--track-sharpness): the CLI measures what the window shows for the same file.
  // The quantities asked for on the command line are added to it (--track-trace on a preset
  // that tracks λmax gave no trace column before).
  if (o.tracking.every == 0 && config.tracking.sharpnessEvery > 0) {
    const CurvatureTracking asked = o.tracking;
    o.tracking = curvatureTracking(config.tracking);
    o.tracking.minibatch = asked.minibatch;
    for (auto flag : {&CurvatureTracking::trace, &CurvatureTracking::gaussNewton, &CurvatureTracking::preconditioned,
                      &CurvatureTracking::perLayer, &CurvatureTracking::gfs, &CurvatureTracking::flow,
                      &CurvatureTracking::power})
      o.tracking.*flag = o.tracking.*flag || asked.*flag;
  }
  if (o.collapse.every == 0) o.collapse.every = config.tracking.collapseEvery;
  if (o.tracking.gfs && config.loss.kind != LossKind::Mse)
    throw InputError("--track-gfs: the GFS sharpness needs a loss with a minimum for the flow to reach (mse); " +
                     toString(config.loss.kind) + " has none");
 if (o.tracking.flow && !isPlainDescent(config.optimizer))
    throw InputError("--track-flow: gradient flow is the limit of plain gradient descent; optimizer." +
                     std::string("kind must be gd or sgd, without momentum, weight_decay, sam_rho, perp_grad or clip_norm"));
  if (o.logEvery < 1) throw InputError("--log-every: " + std::to_string(o.logEvery) + " must be >= 1");
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec) throw InputError(o.out + ": cannot create the output folder (" + ec.message() + ")");

  validate(o.tracking);
  CollapseTracking collapse = o.collapse;
  collapse.order = summationOrderFromString(o.collapseOrder);
  collapse.neuralCollapse = !o.noNeuralCollapse;
  auto trainer = Trainer::create(config);
  trainer->setCurvatureTracking(o.tracking);
  trainer->setCollapseTracking(collapse);
  const DataSplit& data = trainer->data();
  const bool labelled = data.train.task == Task::Classification && !data.train.empty();
  MetricsCsvWriter csv(o.out + "/metrics.csv",
                       metricsColumns(!data.test.empty(), labelled,
                                      optionalColumns(o, collapse, trainer->network(), !data.test.empty())));
  writeTextFileAtomically(o.out + "/config.json", toJson(config).dump(2) + "\n");
  for (long s = 0; s < config.steps && !trainer->diverged(); ++s) {
    const bool log = s % o.logEvery == 0 || (o.tracking.every > 0 && s % o.tracking.every == 0) ||
                     (o.collapse.every > 0 && s % o.collapse.every == 0);
    const MetricsRow row = trainer->step(log);
    if (log || trainer->diverged()) csv.write(row);
  }
  const MetricsRow last = trainer->measure();
  if (!trainer->diverged()) csv.write(last);
  csv.close();

  if (config.model.kind != "quadratic")  // the quadratic model has no file form
    writeTrainedModel(o.out + "/final.json", "trained", config.loss, trainer->network(), trainer->parameters(), data);

  nlohmann::json summary{{"steps", trainer->stepCount()}, {"train_loss", last.trainLoss},
                         {"diverged", trainer->diverged()}};
  if (labelled) summary["train_accuracy"] = last.trainAccuracy;
  if (!data.test.empty()) summary["test_loss"] = last.testLoss;
  if (trainer->diverged()) summary["diverged_at_step"] = trainer->divergedAtStep();
  std::cout << summary.dump() << "\n";
  if (trainer->diverged())
    throw RunDiverged("the run diverged at step " + std::to_string(trainer->divergedAtStep()) +
                      " (non-finite loss or parameters; lower the learning rate); " + o.out +
                      " holds the last finite state");
}
}  // namespace

void addTrainCommand(CLI::App& app) {
  auto options = std::make_shared<TrainOptions>();
  CLI::App* cmd = app.add_subcommand("train", "Train from an experiment file; write metrics.csv, final.json and config.json (exit code 4: the run diverged)");
  cmd->add_option("--config", options->config, "Experiment file (losslab-experiment/1)")->required();
  cmd->add_option("--steps", options->steps, "Number of optimizer steps (default: the file's \"steps\")");
  cmd->add_option("--out", options->out, "Output folder (created if missing)")->required();
  cmd->add_option("--log-every", options->logEvery, "Write a metrics row every K steps (default 1)");
  cmd->add_option("--track-sharpness", options->tracking.every,
                  "Measure lambda_max of the training-loss Hessian (and its stability threshold) every N steps (default: the experiment's tracking.sharpness_every)");
  cmd->add_flag("--track-trace", options->tracking.trace, "With --track-sharpness: also Hutchinson tr H");
  cmd->add_flag("--track-gauss-newton", options->tracking.gaussNewton,
                "With --track-sharpness: also lambda_max of the Gauss-Newton matrix");
  cmd->add_flag("--track-per-layer", options->tracking.perLayer,
                "With --track-sharpness: also lambda_max and trace of every layer's block of H (columns "
                "sharpness_layer<l>, trace_layer<l>)");
  cmd->add_flag("--track-gfs", options->tracking.gfs,
                "With --track-sharpness: also the GFS sharpness, lambda_max at the minimum gradient flow reaches "
                "from the iterate (Kreisler et al. 2023; mse only; column gfs_sharpness)");
  cmd->add_flag("--track-flow", options->tracking.flow,
                "With --track-sharpness: also the gradient flow from the same initialisation, integrated to each "
                "measurement's effective time (sum of the rates): columns effective_time, flow_distance (||theta_GD - "
                "theta_flow||), flow_train_loss, flow_sharpness (Cohen et al. 2021; plain gd/sgd only)");
  cmd->add_flag("--track-preconditioned", options->tracking.preconditioned,
                "With --track-sharpness: also lambda_max(P^-1 H) for Adam/AdamW (Cohen et al. 2022)");
  cmd->add_option("--curvature-subset", options->tracking.subset,
                  "Measure curvature on a fixed random subset of N training samples (default: all)");
  cmd->add_option("--curvature-tolerance", options->tracking.tolerance,
                  "Relative accuracy of each tracked eigenvalue (default 1e-6)");
  cmd->add_flag("--curvature-power", options->tracking.power,
                "Track each eigenvalue with one Hessian-vector product per measurement (power iteration carried across steps) instead of Lanczos to the tolerance");
  cmd->add_flag("--curvature-minibatch", options->tracking.minibatch,
                "With a minibatch optimizer: curvature of each step's own minibatch (the batch Hessian)");
  cmd->add_option("--track-collapse", options->collapse.every,
                  "Softmax-collapse columns (SC fraction per precision, zero loss/gradient, NLM cosine, logit norm) every N steps (default: the experiment's tracking.collapse_every)");
  cmd->add_option("--collapse-order", options->collapseOrder,
                  "With --track-collapse: summation of S = sum exp(z_k - max z): pytorch (default: torch.sum as the authors' code), largest-first or smallest-first");
  cmd->add_flag("--no-neural-collapse", options->noNeuralCollapse,
                "With --track-collapse: skip NC1-NC4 of the last hidden layer");
  cmd->callback([options] { runTrain(*options); });
}

}  // namespace losslab::cli
