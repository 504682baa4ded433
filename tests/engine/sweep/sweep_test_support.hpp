#pragma once
// Small sweeps that train in milliseconds, shared by the sweep suites.
#include <nlohmann/json.hpp>

namespace losslab::test {

// A 2-class spiral of 80 points and an 8-wide tanh network: a run of 40 steps takes ~1 ms.
inline nlohmann::json tinyBase() {
  return {{"format", "losslab-experiment/1"},
          {"data", {{"kind", "spiral"}, {"n", 80}, {"train_fraction", 0.75}}},
          {"model", {{"kind", "mlp"}, {"hidden", {8}}, {"activation", "tanh"}}},
          {"loss", "cross_entropy"},
          {"optimizer", {{"kind", "gd"}, {"lr", 0.1}}},
          {"steps", 40}};
}

// Learning rate x weight decay, two seeds: 3 x 2 x 2 = 12 runs, with lambda_max tracked.
inline nlohmann::json tinySweep() {
  return {{"format", "losslab-sweep/1"},
          {"name", "tiny"},
          {"base", tinyBase()},
          {"axes", {{{"path", "optimizer.lr"}, {"log", {{"from", 0.05}, {"to", 0.8}, {"points", 3}}}},
                    {{"path", "optimizer.weight_decay"}, {"values", {0.0, 0.01}}}}},
          {"seeds", {0, 1}},
          {"steps", 40},
          {"track", {{"log_every", 5}, {"sharpness_every", 10}}},
          {"metrics", {"train_loss", "test_accuracy", "sharpness", "sharpness_ratio", "weight_norm",
                       "step_train_accuracy_99"}}};
}

}  // namespace losslab::test
