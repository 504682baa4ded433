#pragma once
// The standard workloads of shared/BENCHMARKS.md, doing the same work as the PyTorch peer
// (shared/bench/torch_reference.py): same sizes, precision, data set size and 2 threads.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "losslab/config/experiment.hpp"

namespace losslab::cli {

struct BenchWorkload {
  std::string name;
  std::string what;
  nlohmann::json (*run)();  // {"value": ..., "unit": ...} plus any extra keys
};

const std::vector<BenchWorkload>& benchWorkloads();

// The train-spiral experiment (the model the curvature and landscape workloads measure).
ExperimentConfig spiralBenchConfig();
nlohmann::json benchHvp();
nlohmann::json benchTopEigs();
nlohmann::json benchSlqDensity();
nlohmann::json benchLandscape();
nlohmann::json trainResmlp();
nlohmann::json hvpResmlp();
nlohmann::json trainCnnDigits();
nlohmann::json trainTransformerModadd();

// Calls fn once to warm up, then as often as fits in `seconds`; returns calls per second
// (the peer's timed_rate).
template <class F> double timedRate(F&& fn, double seconds = 2.0);

}  // namespace losslab::cli

#include <chrono>

template <class F> double losslab::cli::timedRate(F&& fn, double seconds) {
  using Clock = std::chrono::steady_clock;
  fn();
  long n = 0;
  const auto start = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    fn();
    ++n;
  }
  return double(n) / std::chrono::duration<double>(Clock::now() - start).count();
}
