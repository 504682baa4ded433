#pragma once
// A losslab-experiment/1 document (shared/spec/experiment-format.md): everything a run needs.
#include <cstdint>
#include <string>
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/config/layer_config.hpp"
#include "losslab/data/data_config.hpp"
#include "losslab/loss/loss_kind.hpp"
#include "losslab/model/architecture.hpp"
#include "losslab/model/init_kind.hpp"
#include "losslab/model/subspace_projection.hpp"
#include "losslab/optim/optimizer_config.hpp"

namespace losslab {

struct ModelConfig {
  std::string kind = "mlp";  // mlp, network (a layer list), quadratic
  std::vector<int> hidden{64, 64};  // mlp: hidden, activation and bias; network: layers
  Activation activation = Activation::Tanh;
  bool bias = true;
  InitKind init = InitKind::Pytorch;
  double initScale = 1.0;
  double outputScale = 1.0;
  int params = 100;     // quadratic: parameter count P
  int residuals = 50;   // quadratic: residual count n (its init_scale scales Q)
  std::vector<LayerConfig> layers;  // network: the list (init and init_scale are its defaults)
  // mlp or network: a losslab-model/1 or /2 file the run starts from (an imported network): its layers,
  // activation, biases, parameters and data replace hidden, activation, bias, init and the
  // data settings; output_scale, loss and precision still apply. "": built from the settings.
  std::string file;
};

// What a run measures as it trains, from its first step: the window and `losslab-cli train`
// alike (command-line options override it). Optional key "tracking" (README "File formats").
struct TrackingConfig {
  long sharpnessEvery = 0;  // lambda_max(H) every N steps; 0: off
  bool trace = false, gaussNewton = false, preconditioned = false, power = false;
  bool perLayer = false;    // lambda_max and trace of every layer's block of H
  bool gfs = false;         // lambda_max at the gradient-flow solution (mse only)
  bool flow = false;        // the gradient flow beside the run (plain gradient descent only)
  long subset = 0;          // samples of a seeded subset; 0: the training set
  double tolerance = 1e-6;  // relative, of each tracked eigenvalue
  long collapseEvery = 0;   // softmax-collapse diagnostics every N steps; 0: off
  bool operator==(const TrackingConfig&) const = default;
};

// How the window presents the experiment (optional key "presentation"): whether it starts
// playing, its pace and how many steps the time axes span from the start, so that what the
// description promises is visible at the speed it assumes; the view it opens on.
// Runs compared with one run at once: more lines than this no longer read as a comparison.
inline constexpr int kMaxComparedRuns = 4;

struct PresentationConfig {
  bool autoplay = true;
  long stepsPerFrame = 0;  // while playing; 0: as fast as the machine goes
  long timeRange = 0;      // the time axes grow with the run up to timeRange; 0: no cap
  // training, sharpness, spectrum, landscape, side-by-side (the Landscape tab's compared runs),
  // collapse; "": unchanged
  std::string view;
  // The controls presentation mode shows, by key ("optimizer.lr"): the few a class moves.
  // Empty: every control but the secondary ones.
  std::vector<std::string> controls;
  // Runs compared with this one from its start (at most kMaxComparedRuns), each "setting=value"
  // as `losslab --compare` takes it ("skips=off", "lr=0.05"); the window checks setting and value.
  std::vector<std::string> compare;
  bool operator==(const PresentationConfig&) const = default;
};

struct ExperimentConfig {
  std::string title;        // the name people see ("The edge of stability"); "": from the file name
  std::string description;  // free text for people (what the preset shows, how long it runs)
  TrackingConfig tracking;
  PresentationConfig presentation;
  // Controls the window hides for this experiment (a teacher's preset), by key: "optimizer.lr".
  std::vector<std::string> hiddenControls;
  std::uint64_t seed = 0;
  Precision precision = Precision::Float64;
  DataConfig data;
  ModelConfig model;
  Loss loss = LossKind::CrossEntropy;
  OptimizerConfig optimizer;
  ScheduleConfig schedule;
  long steps = 1000;
  // Optional key "subspace": train z in θ = θ₀ + P z (subspace_projection.hpp); dim 0: every parameter.
  SubspaceConfig subspace;
};

}  // namespace losslab
