// Workloads of the image and sequence layers (shared/BENCHMARKS.md, second table): train-cnn-digits
// and train-transformer-modadd, as experiments run by the trainer (the window's own step), with
// the GFLOP/s they reach (multiply-adds of the forward pass, times three for the backward).
#include "bench_workloads.hpp"
#include "losslab/config/experiment_io.hpp"
#include "losslab/run/run_cost.hpp"
#include "losslab/run/trainer.hpp"

namespace losslab::cli {

namespace {

using nlohmann::json;

json trainRate(const char* experiment) {
  auto trainer = Trainer::create(parseExperiment(experiment));
  const double rate = timedRate([&] { trainer->step(false); });
  const double flops = 2.0 * 3.0 * forwardMultiplyAdds(trainer->network()) * double(trainer->data().train.size());
  return {{"value", rate}, {"unit", "steps/s"}, {"gflops", rate * flops * 1e-9}};
}

}  // namespace

// The 1797 digits as 1 x 8 x 8 images (the peer draws random images of that size: the same work).
json trainCnnDigits() {
  return trainRate(R"({"seed": 0, "precision": "float32", "steps": 1000000000,
    "data": {"kind": "digits", "shape": [1, 8, 8], "train_fraction": 1},
    "model": {"kind": "network", "layers": [
      {"kind": "conv2d", "out_channels": 16, "kernel": 3, "padding": 1}, {"kind": "activation", "fn": "relu"},
      {"kind": "conv2d", "out_channels": 16, "kernel": 3, "padding": 1}, {"kind": "activation", "fn": "relu"},
      {"kind": "maxpool2d", "kernel": 2},
      {"kind": "conv2d", "out_channels": 32, "kernel": 3, "padding": 1}, {"kind": "activation", "fn": "relu"},
      {"kind": "maxpool2d", "kernel": 2}, {"kind": "flatten"}, {"kind": "linear"}]},
    "optimizer": {"kind": "adam", "lr": 0.001}})");
}

// Nanda et al. 2023's one-layer transformer on (a + b) mod 113, 30% of the pairs, full batch.
json trainTransformerModadd() {
  return trainRate(R"({"seed": 0, "precision": "float32", "steps": 1000000000,
    "data": {"kind": "modular", "p": 113, "op": "add", "encoding": "tokens", "train_fraction": 0.3},
    "model": {"kind": "network", "layers": [
      {"kind": "embedding", "dim": 128}, {"kind": "positional"},
      {"kind": "residual", "body": [{"kind": "attention", "heads": 4, "causal": true, "bias": false}]},
      {"kind": "residual", "body": [{"kind": "linear", "out": 512}, {"kind": "activation", "fn": "relu"},
                                    {"kind": "linear", "out": 128}]},
      {"kind": "select", "position": -1}, {"kind": "linear", "bias": false}]},
    "optimizer": {"kind": "adamw", "lr": 0.001, "weight_decay": 1.0, "betas": [0.9, 0.98]}})");
}

}  // namespace losslab::cli
