#pragma once
// The "optimizer" and "schedule" objects of a losslab-experiment/1 file.
#include <optional>
#include <string>

namespace losslab {

enum class OptimizerKind { Gd, Sgd, Adam, AdamW };

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Gd;
  double lr = 0.1;
  std::optional<int> batchSize;   // unset: full batch
  double momentum = 0.0;          // heavy-ball (gd, sgd)
  bool nesterov = false;
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;  // adam, adamw
  double weightDecay = 0.0;       // L2 added to the gradient; decoupled for adamw
  double samRho = 0.0;            // > 0 wraps the base optimizer in SAM (Foret et al. 2021)
  bool perpGrad = false;          // ⊥Grad (Prieto et al. 2025) before the base step
  bool perpGradPerTensor = true;  // false: the paper's whole-vector form
  bool perpGradRescale = true;    // rescale g⊥ to ||g|| (the authors' released code)
  std::optional<double> clipNorm; // clip the gradient to this global norm
  // Full batch only: the training set in a new seeded order every epoch, as a PyTorch
  // DataLoader(shuffle=True) of one batch (the sum is the same; its float32 rounding is not).
  bool shuffleFullBatch = false;
  // The rate in force is lr / alpha^2, alpha = model.output_scale (lazy vs rich training:
  // Chizat, Oyallon & Bach 2019; Kumar et al. 2024 on grokking).
  bool divideLrByOutputScaleSquared = false;
};

enum class ScheduleKind { Constant, Warmup, Cosine, Step };

struct ScheduleConfig {
  ScheduleKind kind = ScheduleKind::Constant;
  long warmupSteps = 0;
  std::optional<long> totalSteps;  // cosine: where the rate reaches 0 (default: the run's steps)
  long stepEvery = 1000;           // step: multiply by gamma every stepEvery steps
  double gamma = 0.1;
};

std::string toString(OptimizerKind k);
OptimizerKind optimizerFromString(const std::string& name);
std::string toString(ScheduleKind k);
ScheduleKind scheduleFromString(const std::string& name);

// Throws InputError naming the experiment-file key (optimizer.lr, optimizer.betas[0], ...), the
// bad value and the allowed range. validate(const ScheduleConfig&) is in schedule.hpp.
void validate(const OptimizerConfig& config);

}  // namespace losslab
