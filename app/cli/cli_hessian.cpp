// losslab-cli hessian: curvature of a model file's loss on its data — top and smallest
// eigenvalues, trace, spectral density, dense spectrum — printing only the keys asked for.
#include <iostream>
#include <memory>

#include "cli_commands.hpp"
#include "json_vector.hpp"
#include "losslab/curvature/dense_curvature.hpp"
#include "losslab/curvature/hutchinson_trace.hpp"
#include "losslab/curvature/layer_curvature.hpp"
#include "losslab/curvature/spectral_density.hpp"
#include "losslab/curvature/top_eigenpairs.hpp"
#include "losslab/model/network/network_file.hpp"

namespace losslab::cli {

namespace {
struct HessianOptions {
  std::string model, op = "hessian", method = "lanczos";
  int topK = 0, smallest = 0;
  bool trace = false, density = false, dense = false, json = false, perLayer = false;
  long denseMax = kDenseCurvatureMaxParameters;
  int diagonalProbes = 100;
  long subset = 0;
  double tolerance = 1e-8, sigma = 0;
  int probes = 1000, runs = 5, steps = 80;
  std::uint64_t seed = 0;
};

// Every layer's block: top eigenvalue and trace (exact up to --dense-max parameters, else
// Lanczos and Hutchinson), and the Hutchinson diagonal's mean over the layer.
nlohmann::json perLayerJson(const HessianOptions& o, const NetworkFile& m, const Samples<double>& data,
                            CurvatureKind kind) {
  if (o.denseMax < 0) throw InputError("--dense-max: " + std::to_string(o.denseMax) + " must be >= 0");
  if (o.diagonalProbes < 1) throw InputError("--diagonal-probes: " + std::to_string(o.diagonalProbes) + " must be >= 1");
  LayerCurvatureOptions l;
  l.denseMax = o.denseMax;
  l.tolerance = o.tolerance;
  l.traceProbes = o.probes;
  l.seed = o.seed;
  const std::vector<LayerCurvature> layers = layerCurvature(m.network, m.loss, m.parameters, data, l, kind);
  CurvatureOperator op(m.network, m.loss, m.parameters, data, kind);
  const DiagonalEstimate diagonal = hutchinsonDiagonal(op, o.diagonalProbes, o.seed);
  nlohmann::json out = nlohmann::json::array();
  for (const LayerCurvature& c : layers) {
    if (!c.converged) std::cerr << "losslab-cli: warning: " << c.block.name << "'s top eigenvalue did not converge\n";
    out.push_back({{"name", c.block.name}, {"offset", c.block.offset}, {"size", c.block.size},
                   {"top_eigenvalue", c.topEigenvalue}, {"trace", c.trace}, {"exact", c.exact},
                   {"trace_stderr", c.traceStandardError},
                   {"diagonal_mean", diagonal.mean.segment(c.block.offset, c.block.size).mean()}});
  }
  return out;
}

void runHessian(const HessianOptions& o) {
  if (o.topK < 0 || o.smallest < 0) throw InputError("--top-k and --smallest must be >= 0");
  if (!o.topK && !o.smallest && !o.trace && !o.density && !o.dense && !o.perLayer)
    throw InputError("hessian: ask for at least one of --top-k, --smallest, --trace, --density, --dense, --per-layer");
  const NetworkFile m = readNetworkFile(o.model);
  Samples<double> data = toSamples<double>(m.data);
  if (o.subset < 0) throw InputError("--subset: " + std::to_string(o.subset) + " must be >= 1");
  if (o.subset > 0) data = sampleSubset(data, o.subset, o.seed);
  const CurvatureKind kind = curvatureKindFromString(o.op);
  if (o.dense) checkDenseCurvatureSize(m.network.parameterCount());
  CurvatureOperator op(m.network, m.loss, m.parameters, data, kind);
  nlohmann::json out = nlohmann::json::object();
  for (auto [k, end, key] : {std::tuple{o.topK, SpectrumEnd::Largest, "top_eigenvalues"},
                             std::tuple{o.smallest, SpectrumEnd::Smallest, "smallest_eigenvalues"}}) {
    if (k == 0) continue;
    EigenOptions e;
    e.k = k;
    e.end = end;
    e.method = eigenMethodFromString(o.method);
    e.tolerance = o.tolerance;
    e.seed = o.seed;
    const Eigenpairs pairs = extremeEigenpairs(op, e);
    if (!pairs.converged) std::cerr << "losslab-cli: warning: " << key << " did not converge to the tolerance\n";
    out[key] = asVector(pairs.values);
  }
  if (o.trace) {
    TraceOptions t;
    t.maxProbes = o.probes;
    t.seed = o.seed;
    const TraceEstimate e = hutchinsonTrace(op, t);
    out["trace"] = e.estimate;
    out["trace_stderr"] = e.standardError;
    out["trace_probes"] = e.probes;
  }
  if (o.density) {
    DensityOptions d;
    d.runs = o.runs;
    d.steps = o.steps;
    d.sigma = o.sigma;
    d.seed = o.seed;
    const SpectralDensity s = spectralDensity(op, d);
    out["density"] = {{"grid", asVector(s.grid)}, {"values", asVector(s.values)}, {"nodes", s.nodes},
                      {"weights", s.weights}, {"sigma", s.sigma}};
  }
  if (o.perLayer) out["per_layer"] = perLayerJson(o, m, data, kind);
  if (o.dense) out["eigenvalues"] = asVector(denseSpectrum(m.network, m.loss, m.parameters, data, kind));
  if (o.json) {
    std::cout << out.dump() << "\n";
    return;
  }
  std::cout << out.dump(1) << "\n";
}
}  // namespace

void addHessianCommand(CLI::App& app) {
  auto o = std::make_shared<HessianOptions>();
  CLI::App* cmd = app.add_subcommand("hessian", "Curvature of a model file's loss: eigenvalues, trace, spectral density");
  cmd->add_option("--model", o->model, "Model file (losslab-model/1 or /2)")->required();
  cmd->add_option("--top-k", o->topK, "Largest K eigenvalues (Lanczos), largest first");
  cmd->add_option("--smallest", o->smallest, "Smallest K eigenvalues (negative curvature), smallest first");
  cmd->add_flag("--trace", o->trace, "Hutchinson trace with its standard error");
  cmd->add_flag("--density", o->density, "Spectral density by stochastic Lanczos quadrature");
  cmd->add_flag("--dense", o->dense, "All eigenvalues of the dense matrix (up to 4000 parameters), ascending");
  cmd->add_flag("--per-layer", o->perLayer,
                "Each layer's block of the matrix: \"per_layer\": [{name, size, top_eigenvalue, trace, ...}] "
                "(model-format-2.md, \"Per-layer curvature\")");
  cmd->add_option("--dense-max", o->denseMax,
                  "Per layer: blocks up to N parameters are formed densely and exactly (default 4000); "
                  "larger ones by Lanczos and Hutchinson");
  cmd->add_option("--diagonal-probes", o->diagonalProbes,
                  "Per layer: Rademacher probes of the Hutchinson diagonal whose mean over each layer is "
                  "reported as diagonal_mean (default 100)");
  cmd->add_option("--operator", o->op, "hessian (default) or gauss-newton");
  cmd->add_option("--subset", o->subset, "Use a fixed random subset of N samples instead of all");
  cmd->add_option("--method", o->method, "lanczos (default) or power");
  cmd->add_option("--tolerance", o->tolerance, "Relative eigenvalue tolerance (default 1e-8)");
  cmd->add_option("--probes", o->probes, "Trace: most Rademacher probes (default 1000; stops at 1% standard error)");
  cmd->add_option("--runs", o->runs, "Density: Lanczos runs (default 5)");
  cmd->add_option("--steps", o->steps, "Density: Lanczos steps per run (default 80)");
  cmd->add_option("--sigma", o->sigma, "Density: Gaussian broadening, a standard deviation (default 1% of the range)");
  cmd->add_option("--seed", o->seed, "Seed of the random probes and subset (default 0)");
  cmd->add_flag("--json", o->json, "Print one JSON object on one line");
  cmd->callback([o] { runHessian(*o); });
}

}  // namespace losslab::cli
