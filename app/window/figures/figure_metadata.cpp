#include "figures/figure_metadata.hpp"

#include "losslab/config/experiment_io.hpp"
#include "losslab/loss/loss_json.hpp"

namespace losslab {

namespace {
const char* directionKind(DirectionKind kind) {
  switch (kind) {
    case DirectionKind::Random: return "random (seeded Gaussian pair, Li et al. 2018)";
    case DirectionKind::Hessian: return "top two Hessian eigenvectors (unit length)";
    case DirectionKind::TrajectoryPca: return "first two principal components of the checkpoints";
    case DirectionKind::Interpolation: return "line from a checkpoint (t = 0) to the parameters (t = 1)";
  }
  return "";
}
}  // namespace

nlohmann::json runFigureMetadata(const Snapshot& s) {
  const CurvatureTracking& t = s.tracking;
  nlohmann::json conventions{
      {"loss_normalisation", "mean over samples; MSE = 0.5 * mean_i ||f(x_i) - y_i||^2; cross-entropy "
                             "through log-sum-exp; StableMax as Prieto et al. 2025"},
      {"parameter_order", "layer by layer, W row-major (out x in, PyTorch nn.Linear), then b"},
      {"second_order", "exact Hessian-vector products (Pearlmutter R-operator), float64"},
      {"accuracy", "fraction of samples whose largest output is the label"},
  };
  writeLoss(conventions, s.config.loss);  // "loss", and "loss_params" when they are not the defaults
  conventions["sharpness_tracking"] = {
      {"every", t.every},
      {"method", t.power ? "one power-iteration step per measurement, carried across steps"
                         : "restarted Lanczos (Spectra), warm-started from the previous step's eigenvector"},
      {"lanczos_tolerance", t.tolerance},
      {"samples", t.subset > 0 ? nlohmann::json(t.subset) : nlohmann::json("whole training set")},
      {"minibatch_hessian", t.minibatch},
      {"trace", t.trace ? nlohmann::json{{"method", "Hutchinson, Rademacher probes"}, {"probes", t.traceProbes}}
                        : nlohmann::json(false)}};
  return {{"experiment", toJson(s.config)}, {"seed", s.config.seed}, {"step", s.step},
          {"epoch", s.epoch}, {"conventions", conventions}};
}

nlohmann::json spectrumConventions(const SpectrumResult& r, const SpectrumRequest& q) {
  return {{"step", r.step},
          {"samples", r.samples},
          {"subset", r.subset},
          {"top_eigenvalues", {{"k", q.k}, {"method", "restarted Lanczos (Spectra)"}, {"tolerance", r.tolerance}}},
          {"density", {{"method", "stochastic Lanczos quadrature, full reorthogonalisation"},
                       {"runs", q.density.runs}, {"lanczos_steps", q.density.steps},
                       {"gaussian_sigma", q.density.sigma},
                       {"sigma_meaning", "standard deviation of the broadening; 0: 1% of the node range"},
                       {"seed", q.density.seed}}},
          {"dense_limit_parameters", q.denseLimit}};
}

nlohmann::json landscapeConventions(const LandscapeRequest& q) {
  const NormalizationOptions& n = q.random.normalization;
  return {{"directions", directionKind(q.kind)},
          {"direction_seed", q.random.seed},
          {"direction_normalisation", toString(n.norm)},
          {"bias_directions", toString(n.biases)},
          {"orthogonalised", q.random.orthogonalize},
          {"grid", {{"alpha", {q.grid.alpha.from, q.grid.alpha.to, q.grid.alpha.points}},
                    {"beta", {q.grid.beta.from, q.grid.beta.to, q.grid.beta.points}}}},
          {"slice_points", q.slicePoints},
          {"map_quantity", q.testData ? "test loss" : "training loss"},
          {"hessian_tolerance", q.hessianTolerance}};
}

}  // namespace losslab
