// losslab-cli landscape: the loss of a model file around its parameters, along seeded random
// directions, given directions, the principal components of a checkpoint directory or the top
// Hessian eigenvectors, or along the line to another model (interpolation), as JSON or CSV.
#include <iostream>
#include <memory>

#include "cli_commands.hpp"
#include "json_vector.hpp"
#include "cli_processes.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/landscape/checkpoint_files.hpp"
#include "losslab/landscape/checkpoint_plane.hpp"
#include "losslab/landscape/convexity_map.hpp"
#include "losslab/landscape/landscape_directions.hpp"
#include "losslab/landscape/landscape_export.hpp"
#include "losslab/landscape/trajectory_projection.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/sweep/distributed_surface.hpp"

namespace losslab::cli {

namespace {
using nlohmann::json;

struct LandscapeOptions {
  std::string model, dirs, pca, interpolate, out, norm = "filter", biases = "zero", data = "train";
  std::uint64_t seed = 0;
  bool hessian = false, orthogonalize = false, convexity = false;
  double convexityTolerance = 1e-3;
  std::vector<double> range{-1, 1}, rangeY;
  int grid = 51, gridY = 0;
  double maxMemoryMiB = 1024;
  CLI::Option *random = nullptr, *rangeGiven = nullptr, *gridGiven = nullptr, *normGiven = nullptr,
              *yGiven[2] = {nullptr, nullptr};
};

// The plane to evaluate, what to call its first coordinate, and what the output should add.
struct Setup {
  LandscapePlane plane;
  std::string coordinate = "alpha", kind, norm = "none";
  json extra = json::object();
};


Eigen::VectorXd numbersAt(const json& doc, const char* key) {
  const std::vector<double> v = json_fields::numbers(json_fields::require(doc, key, ""), key);
  return Eigen::Map<const Eigen::VectorXd>(v.data(), Index(v.size()));
}

void normalizeRaw(LandscapePlane& p, const LandscapeOptions& o, const NetworkFile& m, Setup& s) {
  if (o.orthogonalize && !p.isLine()) p.dir2 = orthogonalizedAgainst(p.dir2, p.dir1);
  const NormalizationOptions n{directionNormFromString(o.norm), biasDirectionsFromString(o.biases)};
  p.dir1 = normalizeDirection(p.dir1, m.parameters, m.network, n);
  if (!p.isLine()) p.dir2 = normalizeDirection(p.dir2, m.parameters, m.network, n);
  s.norm = o.norm;
  s.extra["biases"] = o.biases;
}

Setup givenDirections(const LandscapeOptions& o, const NetworkFile& m) {
  Setup s{{m.parameters, {}, {}}, "alpha", "dirs"};
  try {
    const json doc = json_fields::parse(readTextFile(o.dirs), "file");
    json_fields::rejectUnknownKeys(doc, {"dir1", "dir2"}, "");
    s.plane.dir1 = numbersAt(doc, "dir1");
    if (doc.contains("dir2")) s.plane.dir2 = numbersAt(doc, "dir2");
    validatePlane(s.plane, m.network, "file");
  } catch (const InputError& e) {
    throw InputError("--dirs " + o.dirs + ": " + e.what());
  }
  normalizeRaw(s.plane, o, m, s);
  return s;
}

// The kinds the window offers too come from landscapeDirections, the window's own choice.
DirectionInputs inputsOf(const NetworkFile& m) {
  DirectionInputs in;
  in.network = m.network;
  in.loss = m.loss;
  in.theta = m.parameters;
  return in;
}

Setup pcaDirections(const LandscapeOptions& o, const NetworkFile& m) {
  const CheckpointTrajectory t = readCheckpointDirectory(o.pca, m.network);
  DirectionInputs in = inputsOf(m);
  in.trajectory = t.parameters;
  const LandscapeDirections d = landscapeDirections(DirectionKind::TrajectoryPca, in);
  Setup s{d.plane, "alpha", "pca"};
  json path = json::array();
  for (const PlaneCoordinates& c : projectOntoPlane(t.parameters, s.plane)) path.push_back({c.alpha, c.beta});
  s.extra["explained_variance"] = {d.explainedVariance[0], d.explainedVariance[1]};
  s.extra["checkpoints"] = t.files;
  s.extra["trajectory"] = path;
  return s;
}

Setup hessianDirections(const NetworkFile& m, const Samples<double>& data) {
  DirectionInputs in = inputsOf(m);
  in.hessianSamples = [&data] { return data; };
  const LandscapeDirections d = landscapeDirections(DirectionKind::Hessian, in);
  if (!d.converged) std::cerr << "losslab-cli: warning: the Hessian eigenvectors did not converge to 1e-8\n";
  Setup s{d.plane, "alpha", "hessian"};
  s.extra["eigenvalues"] = {d.eigenvalues[0], d.eigenvalues[1]};
  return s;
}

Setup interpolation(const LandscapeOptions& o, const NetworkFile& m) {
  NetworkFile other = readNetworkFile(o.interpolate);
  other.network.outputScale = m.network.outputScale;
  if (!(other.network == m.network))
    throw InputError("--interpolate " + o.interpolate + ": its network differs from --model's; both must be of one network");
  DirectionInputs in = inputsOf(m);  // from --model (t = 0) to the other (t = 1)
  in.start = m.parameters;
  in.theta = other.parameters;
  Setup s{landscapeDirections(DirectionKind::Interpolation, in).plane, "t", "interpolate"};
  s.extra["to"] = o.interpolate;
  return s;
}

Setup randomPlane(const LandscapeOptions& o, const NetworkFile& m) {
  const RandomDirectionOptions random{
      o.seed, {directionNormFromString(o.norm), biasDirectionsFromString(o.biases)}, o.orthogonalize};
  Setup s{landscapeDirections(DirectionKind::Random, inputsOf(m), {random}).plane, "alpha", "random"};
  s.norm = o.norm;
  s.extra["biases"] = o.biases;
  s.extra["seed"] = o.seed;
  return s;
}

void runLandscape(const LandscapeOptions& o, WorkDistribution& processes) {
  const int sources = int(o.random->count() > 0) + int(!o.dirs.empty()) + int(!o.pca.empty()) +
                      int(!o.interpolate.empty()) + int(o.hessian);
  if (sources != 1)
    throw InputError("landscape: choose exactly one of --random SEED, --dirs FILE, --pca DIR, --interpolate MODEL, --hessian");
  const bool fixedDirections = !o.pca.empty() || !o.interpolate.empty() || o.hessian;
  if (fixedDirections && (o.normGiven->count() || o.orthogonalize))
    throw InputError("--norm and --orthogonalize apply to --random and --dirs only (PCA, eigenvector and "
                     "interpolation directions are used as they are)");
  const bool csv = o.out.ends_with(".csv");
  if (!csv && !o.out.ends_with(".json")) throw InputError("--out " + o.out + ": the file name must end in .json or .csv");
  if (o.data != "train" && o.data != "test") throw InputError("--data " + o.data + ": choose train or test");
  if (!(o.maxMemoryMiB > 0)) throw InputError("--max-memory: must be > 0 MiB");
  directionNormFromString(o.norm);
  biasDirectionsFromString(o.biases);
  AxisRange x{o.range[0], o.range[1], o.grid};
  if (!o.interpolate.empty()) {  // t in [-0.5, 1.5] unless asked otherwise
    if (!o.rangeGiven->count()) x.from = kInterpolationRange.from, x.to = kInterpolationRange.to;
    if (!o.gridGiven->count()) x.points = kInterpolationRange.points;
  }
  validateAxis(x, "--range", "--grid");
  const AxisRange y{o.rangeY.empty() ? x.from : o.rangeY[0], o.rangeY.empty() ? x.to : o.rangeY[1], o.gridY ? o.gridY : x.points};

  const NetworkFile m = readNetworkFile(o.model);
  if (o.data == "test" && m.test.empty()) throw InputError("--data test: " + o.model + " has no test set (data.x_test)");
  const Samples<double> data = toSamples<double>(o.data == "test" ? m.test : m.data);
  Setup s = o.random->count() ? randomPlane(o, m)
            : !o.dirs.empty() ? givenDirections(o, m)
            : !o.pca.empty()  ? pcaDirections(o, m)
            : o.hessian       ? hessianDirections(m, data)
                              : interpolation(o, m);
  if (s.plane.isLine() && o.convexity)
    throw InputError("--convexity: a convexity map is of a 2-D landscape; this one has one direction");
  if (s.plane.isLine() && (o.yGiven[0]->count() || o.yGiven[1]->count()))
    throw InputError("--range-y and --grid-y apply to 2-D landscapes; this one has one direction");
  if (!s.plane.isLine()) validateAxis(y, "--range-y", "--grid-y");

  const std::size_t limit = std::size_t(o.maxMemoryMiB * double(1 << 20));
  json out;
  std::string text;
  if (s.plane.isLine() && !processes.isWriter()) return;  // a curve is the writer's alone
  if (s.plane.isLine()) {
    const LandscapeCurve c = evaluateCurve(m.network, m.loss, s.plane, data, x, {}, limit);
    out = toJson(c, s.coordinate);
    text = csv ? toCsv(c, s.coordinate) : "";
  } else {
    // Under mpirun the ranks share the grid's rows; rank 0 assembles the identical grid.
    const LandscapeGrid g = processes.processes() > 1
                                ? evaluateSurfaceByRows(processes, m.network, m.loss, s.plane, data, GridSpec{x, y, limit})
                                : evaluateSurface(m.network, m.loss, s.plane, data, GridSpec{x, y, limit});
    if (!processes.isWriter()) return;
    out = toJson(g);
    text = csv ? toCsv(g) : "";
    if (o.convexity) {  // Li et al. 2018, Fig. 7: |λmin / λmax| of the Hessian at every point
      const ConvexityGrid c = evaluateConvexity(m.network, m.loss, s.plane, data, GridSpec{x, y, limit},
                                                ConvexityOptions{o.convexityTolerance});
      out.update(toJson(c));
      if (csv) text = withConvexityColumns(text, c);
      std::cerr << "losslab-cli: convexity map: " << c.products << " Hessian-vector products, share of points with "
                << "|lambda_min/lambda_max| > 0.1: " << c.shareAbove(0.1) << "\n";
      if (c.unconverged)
        std::cerr << "losslab-cli: warning: " << c.unconverged << " points' eigenvalues stopped at the iteration limit\n";
    }
  }
  if (!csv) {
    out["dir1"] = asVector(s.plane.dir1);
    if (!s.plane.isLine()) out["dir2"] = asVector(s.plane.dir2);
    out.update(json{{"model", o.model}, {"directions", s.kind}, {"norm", s.norm}, {"data", o.data}, {"loss_kind", describe(m.loss)}});
    out.update(s.extra);
    text = out.dump() + "\n";
  }
  writeTextFileAtomically(o.out, text);
}
}  // namespace

void addLandscapeCommand(CLI::App& app, WorkDistribution& processes) {
  auto o = std::make_shared<LandscapeOptions>();
  CLI::App* cmd = app.add_subcommand("landscape", "Loss landscape of a model file: a 2-D grid or 1-D slice along directions");
  cmd->add_option("--model", o->model, "Model file (losslab-model/1 or /2): the centre of the picture")->required();
  o->random = cmd->add_option("--random", o->seed, "Two seeded Gaussian directions, normalised per --norm");
  cmd->add_option("--dirs", o->dirs, "JSON {\"dir1\": [...], \"dir2\": [...]} of raw directions in the model format's flat order (no dir2: 1-D)");
  cmd->add_option("--pca", o->pca, "Directory of checkpoint model files (*.json, name order): plane of their first two principal components around --model");
  cmd->add_option("--interpolate", o->interpolate, "Other model file: 1-D loss of (1-t) model + t other, key \"ts\" (default t in [-0.5, 1.5], 41 points)");
  cmd->add_flag("--hessian", o->hessian, "Plane of the top-2 Hessian eigenvectors (unit vectors)");
  o->normGiven = cmd->add_option("--norm", o->norm, "filter (default; Li et al. 2018, per neuron), layer, model or none");
  cmd->add_option("--biases", o->biases, "Bias entries of normalised directions: zero (default) or normalize (Li et al.'s code: the direction's biases are the biases, d_b = theta_b, under filter and layer)");
  cmd->add_flag("--orthogonalize", o->orthogonalize, "Make dir2 orthogonal to dir1 before normalising");
  o->rangeGiven = cmd->add_option("--range", o->range, "A B: alpha (or t) from A to B (default -1 1)")->expected(2);
  o->yGiven[0] = cmd->add_option("--range-y", o->rangeY, "A B: beta from A to B (default: --range)")->expected(2);
  o->gridGiven = cmd->add_option("--grid", o->grid, "Points along alpha, 2..1001 (default 51)");
  o->yGiven[1] = cmd->add_option("--grid-y", o->gridY, "Points along beta (default: --grid)");
  cmd->add_option("--data", o->data, "train (default) or test: the samples the loss is measured on");
  cmd->add_flag("--convexity", o->convexity,
                "Also the Hessian's extreme eigenvalues at every grid point (Li et al. 2018, Fig. 7): keys lambda_max, "
                "lambda_min, convexity_ratio = |lambda_min/lambda_max| and convexity_share_above_0.1 (CSV: three more columns)");
  cmd->add_option("--convexity-tolerance", o->convexityTolerance,
                  "Relative accuracy of both eigenvalues, as a share of lambda_max (default 1e-3)");
  cmd->add_option("--max-memory", o->maxMemoryMiB, "Memory limit of the evaluation in MiB (default 1024)");
  cmd->add_option("--out", o->out, "Output FILE.json (grid, directions used, metadata) or FILE.csv (one row per point)")->required();
  cmd->callback([o, &processes] { onEveryProcess(processes, [&] { runLandscape(*o, processes); }); });
}

}  // namespace losslab::cli
