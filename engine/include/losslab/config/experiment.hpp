#pragma once
// A losslab-experiment/1 document (shared/spec/experiment-format.md): everything a run needs.
#include <cstdint>
#include <string>
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/data/data_config.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/architecture.hpp"
#include "losslab/optim/optimizer_config.hpp"

namespace losslab {

enum class InitKind { Pytorch, Xavier, He };

struct ModelConfig {
  std::string kind = "mlp";
  std::vector<int> hidden{64, 64};
  Activation activation = Activation::Tanh;
  bool bias = true;
  InitKind init = InitKind::Pytorch;
  double initScale = 1.0;
  double outputScale = 1.0;
  int params = 100;     // quadratic: parameter count P
  int residuals = 50;   // quadratic: residual count n (its init_scale scales Q)
  // mlp: a losslab-model/1 file the run starts from (an imported network): its layers,
  // activation, biases, parameters and data replace hidden, activation, bias, init and the
  // data settings; output_scale, loss and precision still apply. "": built from the settings.
  std::string file;
};

struct ExperimentConfig {
  std::string description;  // free text for people (what the preset shows, how long it runs)
  // Controls the window hides for this experiment (a teacher's preset), by key: "optimizer.lr".
  std::vector<std::string> hiddenControls;
  std::uint64_t seed = 0;
  Precision precision = Precision::Float64;
  DataConfig data;
  ModelConfig model;
  LossKind loss = LossKind::CrossEntropy;
  OptimizerConfig optimizer;
  ScheduleConfig schedule;
  long steps = 1000;
};

}  // namespace losslab
