// The landscape workload: a 51 x 51 grid on [-1, 1]^2 of the train-spiral model's full-data loss
// at init, float64, along two filter-normalised random directions (the peer's landscape()).
// Timed from the directions on, as the peer; filled coarse to fine, so the time to the first
// coarse pass is reported too.
#include <chrono>

#include "bench_workloads.hpp"
#include "losslab/landscape/landscape_surface.hpp"
#include "losslab/landscape/random_directions.hpp"
#include "losslab/run/trainer.hpp"

namespace losslab::cli {

nlohmann::json benchLandscape() {
  auto trainer = Trainer::create(spiralBenchConfig());
  const Eigen::VectorXd theta = trainer->parameters();
  const Samples<double> data = toSamples<double>(trainer->data().train);
  const DirectionPair d = randomDirections(theta, trainer->network(), {0, {}, false});
  const LandscapePlane plane{theta, d.dir1, d.dir2};

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  double firstPass = -1;
  const LandscapeGrid grid = evaluateSurface(
      trainer->network(), trainer->config().loss, plane, data, GridSpec{{-1, 1, 51}, {-1, 1, 51}}, {},
      [&](const LandscapeGrid&) {
        if (firstPass < 0) firstPass = std::chrono::duration<double>(Clock::now() - start).count();
      });
  const double total = std::chrono::duration<double>(Clock::now() - start).count();
  return {{"value", total}, {"unit", "s"}, {"first_pass_seconds", firstPass},
          {"points", grid.loss.size()}, {"centre_loss", grid.loss(25, 25)}};
}

}  // namespace losslab::cli
