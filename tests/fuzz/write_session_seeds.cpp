// Writes the session-file seeds of tests/fuzz/corpus/session_file/ from real runs, so that the
// fuzzer starts from files the engine itself writes: write_session_seeds <folder>.
#include <cstdio>
#include <future>
#include <string>

#include "losslab/config/experiment_io.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/io/session_file.hpp"
#include "losslab/run/training_run.hpp"

using namespace losslab;

namespace {

SessionFile trained(const std::string& experiment, long steps, bool tracked) {
  TrainingRun run(parseExperiment(experiment));
  if (tracked) {
    CurvatureTracking curvature;
    curvature.every = 3;
    curvature.trace = true;
    run.setCurvatureTracking(curvature);
    run.setCollapseTracking({2});
  }
  run.setCheckpointInterval(2);
  run.step(steps);
  run.waitIdle();
  std::promise<std::shared_ptr<const RunState>> state;
  run.requestState([&state](std::shared_ptr<const RunState> s) { state.set_value(std::move(s)); });
  return {*state.get_future().get(), {}, {}, {}, nullptr};
}

// Small probe results of the run's shape, as the window saves them.
void addProbes(SessionFile& file) {
  const Eigen::Index n = file.run.trainer.parameters.size();
  SpectrumResult spectrum;
  spectrum.step = file.run.trainer.step;
  spectrum.parameters = n;
  OperatorSpectrum h;
  h.top = Eigen::VectorXd::LinSpaced(3, 2.0, 0.5);
  h.density.nodes = {0.1, 2.0};
  h.density.weights = {0.75, 0.25};
  h.density.grid = Eigen::VectorXd::LinSpaced(4, -1.0, 4.0);
  h.density.values = h.density.grid.array().square();
  spectrum.spectra = {h};
  file.spectrum = spectrum;
  SessionLandscape l;
  l.plane.origin = l.centre = file.run.trainer.parameters;
  l.plane.dir1 = Eigen::VectorXd::Ones(n);
  l.plane.dir2 = Eigen::VectorXd::LinSpaced(n, -1.0, 1.0);
  LandscapeGrid g;
  g.alphas = {-1.0, 1.0};
  g.betas = {0.0, 1.0};
  g.loss = Eigen::MatrixXd::Constant(2, 2, 0.5);
  g.accuracy = Eigen::MatrixXd::Constant(2, 2, 0.25);
  l.grid = g;
  l.slice.train = {{-1.0, 1.0}, Eigen::Vector2d(0.5, 0.7), Eigen::Vector2d(1.0, 0.25)};
  file.landscape = l;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_session_seeds <folder>\n");
    return 2;
  }
  const std::string dir = argv[1];
  const SessionFile plain = trained(R"({"seed": 1, "data": {"kind": "spiral", "n": 12},
      "model": {"hidden": [3]}, "optimizer": {"kind": "sgd", "lr": 0.1, "momentum": 0.9}})", 5, false);
  const std::string plainBytes = encodeSession(plain);
  writeTextFileAtomically(dir + "/spiral_sgd.losslab", plainBytes);
  writeTextFileAtomically(dir + "/truncated.losslab", plainBytes.substr(0, plainBytes.size() - 9));
  SessionFile tracked = trained(R"({"seed": 2, "precision": "float32", "data": {"kind": "modular", "p": 3},
      "model": {"hidden": [4], "activation": "relu", "bias": false}, "optimizer": {"kind": "adam", "lr": 0.01}})",
                                6, true);
  addProbes(tracked);
  tracked.window = {{"view", "landscape"}};
  writeTextFileAtomically(dir + "/modular_adam_probes.losslab", encodeSession(tracked, {2}));
  return 0;
}
