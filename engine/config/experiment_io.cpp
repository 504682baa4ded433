#include "losslab/config/experiment_io.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/loss/loss_json.hpp"
#include "losslab/model/init_kind.hpp"
#include "losslab/optim/schedule.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

std::string toString(Precision p) { return p == Precision::Float32 ? "float32" : "float64"; }

Precision precisionFromString(const std::string& name) {
  if (name == "float32") return Precision::Float32;
  if (name == "float64") return Precision::Float64;
  throw InputError("precision: unknown \"" + name + "\" (allowed: float32, float64)");
}

namespace {

void readData(const json& d, DataConfig& c) {
  jf::rejectUnknownKeys(d, {"kind", "n", "noise", "train_fraction", "standardize", "arms", "p",
                            "op", "dim", "teacher_hidden", "degree", "bits", "k", "path",
                            "label_column", "task", "encoding", "shape", "x", "y"}, "data");
  if (d.contains("kind")) c.kind = jf::string(d["kind"], "data.kind");
  if (d.contains("n")) c.n = jf::smallInteger(d["n"], "data.n");
  if (d.contains("noise")) c.noise = jf::number(d["noise"], "data.noise");
  if (d.contains("train_fraction")) c.trainFraction = jf::number(d["train_fraction"], "data.train_fraction");
  if (d.contains("standardize") && !d["standardize"].is_null())
    c.standardize = jf::boolean(d["standardize"], "data.standardize");
  if (d.contains("arms")) c.arms = jf::smallInteger(d["arms"], "data.arms");
  if (d.contains("p")) c.p = jf::smallInteger(d["p"], "data.p");
  if (d.contains("op")) c.op = jf::string(d["op"], "data.op");
  if (d.contains("encoding")) c.encoding = jf::string(d["encoding"], "data.encoding");
  if (d.contains("shape")) c.shape = jf::integers(d["shape"], "data.shape");
  if (d.contains("dim")) c.dim = jf::smallInteger(d["dim"], "data.dim");
  if (d.contains("teacher_hidden")) c.teacherHidden = jf::integers(d["teacher_hidden"], "data.teacher_hidden");
  if (d.contains("degree")) c.degree = jf::smallInteger(d["degree"], "data.degree");
  if (d.contains("bits")) c.bits = jf::smallInteger(d["bits"], "data.bits");
  if (d.contains("k")) c.k = jf::smallInteger(d["k"], "data.k");
  if (d.contains("path")) c.path = jf::string(d["path"], "data.path");
  if (d.contains("label_column")) {
    const json& v = d["label_column"];
    c.labelColumn = v.is_number_integer() ? std::to_string(v.get<long>()) : jf::string(v, "data.label_column");
  }
  if (d.contains("task")) c.task = jf::string(d["task"], "data.task");
  if (d.contains("x")) {
    if (!d["x"].is_array()) throw InputError("data.x: expected an array of samples, each an array of numbers");
    c.pointsX.clear();
    for (std::size_t i = 0; i < d["x"].size(); ++i) c.pointsX.push_back(jf::numbers(d["x"][i], jf::at("data.x", i)));
  }
  if (d.contains("y")) {
    if (!d["y"].is_array()) throw InputError("data.y: expected an array with one label or target per sample");
    c.pointsY.clear();
    for (std::size_t i = 0; i < d["y"].size(); ++i) {
      const json& y = d["y"][i];
      c.pointsY.push_back(y.is_array() ? jf::numbers(y, jf::at("data.y", i))
                                       : std::vector<double>{jf::number(y, jf::at("data.y", i))});
    }
  }
  if ((d.contains("x") || d.contains("y")) && c.kind != "points")
    throw InputError("data.x, data.y: samples written out belong to data.kind \"points\"");
}

void readModel(const json& m, ModelConfig& c) {
  jf::rejectUnknownKeys(m, {"kind", "hidden", "activation", "bias", "init", "init_scale",
                            "output_scale", "params", "residuals", "file", "layers"}, "model");
  // A network's layers say their widths and activations; the MLP's keys beside them would be
  // silently unused, so they are an error, as is a list on a model that is not a network.
  const bool network = m.contains("kind") && m["kind"].is_string() && m["kind"] == "network";
  for (const char* key : {"hidden", "activation", "bias"})
    if (network && m.contains(key))
      throw InputError(std::string("model.") + key + ": a network's layers are in model.layers (this key is the mlp's)");
  if (!network && m.contains("layers"))
    throw InputError("model.layers: a layer list needs model.kind \"network\"");
  if (m.contains("params")) c.params = jf::smallInteger(m["params"], "model.params");
  if (m.contains("residuals")) c.residuals = jf::smallInteger(m["residuals"], "model.residuals");
  if (m.contains("kind")) c.kind = jf::string(m["kind"], "model.kind");
  if (m.contains("hidden")) c.hidden = jf::integers(m["hidden"], "model.hidden");
  if (m.contains("activation")) c.activation = activationFromString(jf::string(m["activation"], "model.activation"));
  if (m.contains("bias")) c.bias = jf::boolean(m["bias"], "model.bias");
  if (m.contains("init")) c.init = initFromString(jf::string(m["init"], "model.init"));
  if (m.contains("init_scale")) c.initScale = jf::number(m["init_scale"], "model.init_scale");
  if (m.contains("output_scale")) c.outputScale = jf::number(m["output_scale"], "model.output_scale");
  if (m.contains("file")) c.file = jf::string(m["file"], "model.file");
  if (m.contains("layers")) c.layers = readLayerConfigs(m["layers"], "model.layers");
}

void readOptimizer(const json& o, OptimizerConfig& c) {
  jf::rejectUnknownKeys(o, {"kind", "lr", "batch_size", "momentum", "nesterov", "betas", "eps",
                            "weight_decay", "sam_rho", "perp_grad", "perp_grad_per_tensor",
                            "perp_grad_rescale", "clip_norm", "shuffle_full_batch",
                            "divide_lr_by_output_scale_squared"}, "optimizer");
  if (o.contains("kind")) c.kind = optimizerFromString(jf::string(o["kind"], "optimizer.kind"));
  if (o.contains("lr")) c.lr = jf::number(o["lr"], "optimizer.lr");
  if (o.contains("batch_size") && !o["batch_size"].is_null()) {
    const long b = jf::integer(o["batch_size"], "optimizer.batch_size");
    if (b < 1 || b > 1 << 30) throw InputError("optimizer.batch_size: " + std::to_string(b) + " must be null (full batch) or >= 1");
    c.batchSize = static_cast<int>(b);
  }
  if (o.contains("momentum")) c.momentum = jf::number(o["momentum"], "optimizer.momentum");
  if (o.contains("nesterov")) c.nesterov = jf::boolean(o["nesterov"], "optimizer.nesterov");
  if (o.contains("betas")) {
    const auto b = jf::numbers(o["betas"], "optimizer.betas");
    if (b.size() != 2) throw InputError("optimizer.betas: expected two numbers [beta1, beta2]");
    c.beta1 = b[0];
    c.beta2 = b[1];
  }
  if (o.contains("eps")) c.eps = jf::number(o["eps"], "optimizer.eps");
  if (o.contains("weight_decay")) c.weightDecay = jf::number(o["weight_decay"], "optimizer.weight_decay");
  if (o.contains("sam_rho")) c.samRho = jf::number(o["sam_rho"], "optimizer.sam_rho");
  if (o.contains("perp_grad")) c.perpGrad = jf::boolean(o["perp_grad"], "optimizer.perp_grad");
  if (o.contains("perp_grad_per_tensor")) c.perpGradPerTensor = jf::boolean(o["perp_grad_per_tensor"], "optimizer.perp_grad_per_tensor");
  if (o.contains("perp_grad_rescale")) c.perpGradRescale = jf::boolean(o["perp_grad_rescale"], "optimizer.perp_grad_rescale");
  if (o.contains("clip_norm") && !o["clip_norm"].is_null()) c.clipNorm = jf::number(o["clip_norm"], "optimizer.clip_norm");
  if (o.contains("shuffle_full_batch")) c.shuffleFullBatch = jf::boolean(o["shuffle_full_batch"], "optimizer.shuffle_full_batch");
  if (o.contains("divide_lr_by_output_scale_squared"))
    c.divideLrByOutputScaleSquared = jf::boolean(o["divide_lr_by_output_scale_squared"], "optimizer.divide_lr_by_output_scale_squared");
}

void readSchedule(const json& s, ScheduleConfig& c) {
  jf::rejectUnknownKeys(s, {"kind", "warmup_steps", "total_steps", "step_every", "gamma"}, "schedule");
  if (s.contains("kind")) c.kind = scheduleFromString(jf::string(s["kind"], "schedule.kind"));
  if (s.contains("warmup_steps")) c.warmupSteps = jf::integer(s["warmup_steps"], "schedule.warmup_steps");
  if (s.contains("total_steps") && !s["total_steps"].is_null()) c.totalSteps = jf::integer(s["total_steps"], "schedule.total_steps");
  if (s.contains("step_every")) c.stepEvery = jf::integer(s["step_every"], "schedule.step_every");
  if (s.contains("gamma")) c.gamma = jf::number(s["gamma"], "schedule.gamma");
}

void readTracking(const json& t, TrackingConfig& c) {
  jf::rejectUnknownKeys(t, {"sharpness_every", "trace", "gauss_newton", "preconditioned", "power", "subset",
                            "tolerance", "collapse_every", "per_layer", "gfs", "flow"}, "tracking");
  if (t.contains("sharpness_every")) c.sharpnessEvery = jf::integer(t["sharpness_every"], "tracking.sharpness_every");
  if (t.contains("trace")) c.trace = jf::boolean(t["trace"], "tracking.trace");
  if (t.contains("gauss_newton")) c.gaussNewton = jf::boolean(t["gauss_newton"], "tracking.gauss_newton");
  if (t.contains("preconditioned")) c.preconditioned = jf::boolean(t["preconditioned"], "tracking.preconditioned");
  if (t.contains("power")) c.power = jf::boolean(t["power"], "tracking.power");
  if (t.contains("per_layer")) c.perLayer = jf::boolean(t["per_layer"], "tracking.per_layer");
  if (t.contains("gfs")) c.gfs = jf::boolean(t["gfs"], "tracking.gfs");
  if (t.contains("flow")) c.flow = jf::boolean(t["flow"], "tracking.flow");
  if (t.contains("subset")) c.subset = jf::integer(t["subset"], "tracking.subset");
  if (t.contains("tolerance")) c.tolerance = jf::number(t["tolerance"], "tracking.tolerance");
  if (t.contains("collapse_every")) c.collapseEvery = jf::integer(t["collapse_every"], "tracking.collapse_every");
}

void readPresentation(const json& p, PresentationConfig& c) {
  jf::rejectUnknownKeys(p, {"autoplay", "steps_per_frame", "time_range", "view", "controls", "compare"}, "presentation");
  if (p.contains("autoplay")) c.autoplay = jf::boolean(p["autoplay"], "presentation.autoplay");
  if (p.contains("steps_per_frame")) c.stepsPerFrame = jf::integer(p["steps_per_frame"], "presentation.steps_per_frame");
  if (p.contains("time_range")) c.timeRange = jf::integer(p["time_range"], "presentation.time_range");
  if (p.contains("view")) c.view = jf::string(p["view"], "presentation.view");
  if (p.contains("controls")) {
    const json& k = p["controls"];
    if (!k.is_array()) throw InputError("presentation.controls: must be an array of control names");
    for (std::size_t i = 0; i < k.size(); ++i) c.controls.push_back(jf::string(k[i], jf::at("presentation.controls", i)));
  }
  if (p.contains("compare")) {
    const json& k = p["compare"];
    if (!k.is_array()) throw InputError("presentation.compare: must be an array of \"setting=value\" strings");
    for (std::size_t i = 0; i < k.size(); ++i) c.compare.push_back(jf::string(k[i], jf::at("presentation.compare", i)));
  }
}

const std::vector<std::string> kExperimentKeys{"format", "title", "description", "hidden_controls", "seed",
                                               "precision", "data", "model", "loss", "loss_params", "optimizer", "schedule",
                                               "steps", "tracking", "presentation", "subspace"};

}  // namespace

ExperimentConfig experimentFromJson(const json& doc) {
  if (!doc.is_object()) throw InputError("not a LossLab experiment (a JSON object with \"format\": \"losslab-experiment/1\")");
  // A JSON file of something else (a package.json, a model file) says what it is not, rather
  // than naming its first key as unknown (issue #21).
  if (!doc.contains("format"))
    for (const auto& [key, value] : doc.items())
      if (std::find(kExperimentKeys.begin(), kExperimentKeys.end(), key) == kExperimentKeys.end())
        throw InputError("not a LossLab experiment (no \"format\" key, and \"" + key + "\" is not an experiment's key)");
  jf::rejectUnknownKeys(doc, kExperimentKeys, "");
  if (doc.contains("format")) {
    const std::string f = jf::string(doc["format"], "format");
    if (f != "losslab-experiment/1") throw InputError("format: \"" + f + "\" is not \"losslab-experiment/1\"");
  }
  ExperimentConfig c;
  if (doc.contains("description")) c.description = jf::string(doc["description"], "description");
  if (doc.contains("title")) c.title = jf::string(doc["title"], "title");
  if (doc.contains("tracking")) readTracking(doc["tracking"], c.tracking);
  if (doc.contains("subspace")) {
    const json& s = doc["subspace"];
    jf::rejectUnknownKeys(s, {"dim", "projection"}, "subspace");
    if (s.contains("dim")) c.subspace.dim = jf::integer(s["dim"], "subspace.dim");
    if (s.contains("projection")) c.subspace.projection = projectionFromString(jf::string(s["projection"], "subspace.projection"));
  }
  if (doc.contains("presentation")) readPresentation(doc["presentation"], c.presentation);
  if (doc.contains("hidden_controls")) {
    const json& h = doc["hidden_controls"];
    if (!h.is_array()) throw InputError("hidden_controls: must be an array of control names");
    for (std::size_t i = 0; i < h.size(); ++i)
      c.hiddenControls.push_back(jf::string(h[i], jf::at("hidden_controls", i)));
  }
  if (doc.contains("seed")) {
    const long s = jf::integer(doc["seed"], "seed");
    if (s < 0) throw InputError("seed: " + std::to_string(s) + " must be >= 0");
    c.seed = static_cast<std::uint64_t>(s);
  }
  if (doc.contains("precision")) c.precision = precisionFromString(jf::string(doc["precision"], "precision"));
  if (doc.contains("data")) readData(doc["data"], c.data);
  if (doc.contains("model")) readModel(doc["model"], c.model);
  if (doc.contains("loss")) c.loss = lossFromString(jf::string(doc["loss"], "loss"));
  c.loss = readLossParams(doc, c.loss.kind);
  if (doc.contains("optimizer")) readOptimizer(doc["optimizer"], c.optimizer);
  if (doc.contains("schedule")) readSchedule(doc["schedule"], c.schedule);
  if (doc.contains("steps")) c.steps = jf::integer(doc["steps"], "steps");
  validate(c);
  return c;
}

ExperimentConfig parseExperiment(const std::string& text, const std::string& origin) {
  try {
    return experimentFromJson(jf::parse(text, origin));
  } catch (const InputError& e) {
    const std::string what = e.what();
    if (what.rfind(origin, 0) == 0) throw;
    throw InputError(origin + ": " + what);
  }
}

ExperimentConfig readExperimentFile(const std::string& path) {
  return parseExperiment(readTextFile(path), path);
}

void validate(const ExperimentConfig& c) {
  auto fail = [](const std::string& field, double value, const std::string& range) {
    std::ostringstream s;
    s << field << ": " << value << " " << range;
    throw InputError(s.str());
  };
  if (c.data.n < 1) fail("data.n", c.data.n, "must be >= 1");
  if (!(c.data.noise >= 0)) fail("data.noise", c.data.noise, "must be >= 0");
  if (!(c.data.trainFraction > 0 && c.data.trainFraction <= 1))
    fail("data.train_fraction", c.data.trainFraction, "must be in (0, 1]");
  if (c.model.kind != "mlp" && c.model.kind != "network" && c.model.kind != "quadratic")
    throw InputError("model.kind: unknown \"" + c.model.kind + "\" (allowed: mlp, network, quadratic)");
  if (c.model.kind == "network" && c.model.file.empty()) validateLayers(c.model.layers);
  if (const std::string problem = lossParamsProblem(c.loss); !problem.empty())
    throw InputError(problem + " (loss is " + toString(c.loss.kind) + ")");
  if (c.model.kind == "quadratic") {
    if (c.loss.kind != LossKind::Mse) throw InputError("loss: the quadratic model's loss is mse (1/2 ||z||^2 / n)");
    if (c.precision != Precision::Float64) throw InputError("precision: the quadratic model runs in float64");
    if (c.model.params < 1 || c.model.params > 2000) fail("model.params", c.model.params, "must be in 1..2000");
    if (c.model.residuals < 1 || c.model.residuals > 2000) fail("model.residuals", c.model.residuals, "must be in 1..2000");
  }
  if (!c.model.file.empty() && c.model.kind == "quadratic")
    throw InputError("model.file: a model file holds a network; model.kind must be \"mlp\" or \"network\", not \"quadratic\"");
  if (c.model.hidden.size() > 8) fail("model.hidden", double(c.model.hidden.size()), "hidden layers: allowed 0 to 8");
  for (size_t i = 0; i < c.model.hidden.size(); ++i)
    if (c.model.hidden[i] < 1 || c.model.hidden[i] > 4096)
      fail(jf::at("model.hidden", i), c.model.hidden[i], "width must be in 1..4096");
  if (!(c.model.initScale > 0)) fail("model.init_scale", c.model.initScale, "must be > 0");
  if (!(c.model.outputScale > 0)) fail("model.output_scale", c.model.outputScale, "must be > 0");
  if (c.steps < 0) fail("steps", double(c.steps), "must be >= 0");
  if (c.subspace.dim < 0) fail("subspace.dim", double(c.subspace.dim), "must be >= 0 (0: train every parameter)");
  if (c.subspace.dim > 0 && c.model.kind == "quadratic")
    throw InputError("subspace.dim: the quadratic model trains its parameters directly (use 0)");
  const TrackingConfig& t = c.tracking;
  if (t.sharpnessEvery < 0) fail("tracking.sharpness_every", double(t.sharpnessEvery), "must be >= 0 (0: off)");
  if (t.subset < 0) fail("tracking.subset", double(t.subset), "must be >= 0 (0: the training set)");
  if (!(t.tolerance > 0 && t.tolerance < 1)) fail("tracking.tolerance", t.tolerance, "must be in (0, 1)");
  if (t.collapseEvery < 0) fail("tracking.collapse_every", double(t.collapseEvery), "must be >= 0 (0: off)");
  const PresentationConfig& p = c.presentation;
  if (p.stepsPerFrame < 0) fail("presentation.steps_per_frame", double(p.stepsPerFrame), "must be >= 0 (0: full speed)");
  if (p.timeRange < 0) fail("presentation.time_range", double(p.timeRange), "must be >= 0 (0: the run so far)");
  static const std::vector<std::string> views{"", "training", "sharpness", "spectrum", "landscape", "side-by-side", "collapse"};
  if (std::find(views.begin(), views.end(), p.view) == views.end())
    throw InputError("presentation.view: unknown \"" + p.view +
                     "\" (allowed: training, sharpness, spectrum, landscape, side-by-side, collapse)");
  for (std::size_t i = 0; i < p.compare.size(); ++i) {
    const std::string& change = p.compare[i];
    const auto eq = change.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == change.size())
      throw InputError(jf::at("presentation.compare", i) + ": \"" + change + "\" is not setting=value (e.g. \"skips=off\")");
  }
  if (p.compare.size() > size_t(kMaxComparedRuns))
    throw InputError("presentation.compare: " + std::to_string(p.compare.size()) + " runs, at most " +
                     std::to_string(kMaxComparedRuns) + " are compared");
  validate(c.optimizer);
  validate(c.schedule);
}

Architecture architectureFor(const ModelConfig& model, int inputDim, int outputDim) {
  std::vector<int> layers{inputDim};
  layers.insert(layers.end(), model.hidden.begin(), model.hidden.end());
  layers.push_back(outputDim);
  return Architecture::mlp(layers, model.activation, model.bias, model.outputScale);
}

json toJson(const ExperimentConfig& c) {
  auto nullable = [](const auto& o) { return o ? json(*o) : json(nullptr); };
  json data{{"kind", c.data.kind}, {"n", c.data.n}, {"noise", c.data.noise},
            {"train_fraction", c.data.trainFraction}};
  if (c.data.standardize) data["standardize"] = *c.data.standardize;
  const std::string& k = c.data.kind;
  if (k == "spiral") data["arms"] = c.data.arms;
  if (k == "modular") data["p"] = c.data.p, data["op"] = c.data.op, data["encoding"] = c.data.encoding;
  if (!c.data.shape.empty()) data["shape"] = c.data.shape;
  if (k == "teacher_student") data["dim"] = c.data.dim, data["teacher_hidden"] = c.data.teacherHidden;
  if (k == "poly1d") data["degree"] = c.data.degree;
  if (k == "sparse_parity") data["bits"] = c.data.bits, data["k"] = c.data.k;
  if (k == "points") {
    data["x"] = c.data.pointsX, data["task"] = c.data.task;
    json y = json::array();
    for (const auto& v : c.data.pointsY) y.push_back(v.size() == 1 ? json(v[0]) : json(v));
    data["y"] = y;
  }
  if (k == "csv") {
    data["path"] = c.data.path, data["task"] = c.data.task;
    if (!c.data.labelColumn.empty()) data["label_column"] = c.data.labelColumn;
  }
  const OptimizerConfig& o = c.optimizer;
  json model{{"kind", c.model.kind}, {"init", toString(c.model.init)}, {"init_scale", c.model.initScale},
             {"output_scale", c.model.outputScale}};
  if (c.model.kind == "network") {
    if (c.model.file.empty()) model["layers"] = toJson(c.model.layers);
  } else {
    model["hidden"] = c.model.hidden, model["activation"] = toString(c.model.activation), model["bias"] = c.model.bias;
  }
  if (c.model.kind == "quadratic") model["params"] = c.model.params, model["residuals"] = c.model.residuals;
  if (!c.model.file.empty()) model["file"] = c.model.file;
  json doc{
      {"format", "losslab-experiment/1"},
      {"seed", c.seed},
      {"precision", toString(c.precision)},
      {"data", data},
      {"model", model},
      {"optimizer", {{"kind", toString(o.kind)}, {"lr", o.lr}, {"batch_size", nullable(o.batchSize)},
                     {"momentum", o.momentum}, {"nesterov", o.nesterov},
                     {"betas", {o.beta1, o.beta2}}, {"eps", o.eps},
                     {"weight_decay", o.weightDecay}, {"sam_rho", o.samRho},
                     {"perp_grad", o.perpGrad}, {"perp_grad_per_tensor", o.perpGradPerTensor},
                     {"perp_grad_rescale", o.perpGradRescale}, {"clip_norm", nullable(o.clipNorm)},
                     {"shuffle_full_batch", o.shuffleFullBatch},
                     {"divide_lr_by_output_scale_squared", o.divideLrByOutputScaleSquared}}},
      {"schedule", {{"kind", toString(c.schedule.kind)}, {"warmup_steps", c.schedule.warmupSteps},
                    {"total_steps", nullable(c.schedule.totalSteps)},
                    {"step_every", c.schedule.stepEvery}, {"gamma", c.schedule.gamma}}},
      {"steps", c.steps}};
  writeLoss(doc, c.loss, true);  // every parameter of the loss: a sweep can address each
  if (!c.title.empty()) doc["title"] = c.title;
  if (!c.description.empty()) doc["description"] = c.description;
  // Optional blocks, written only when they say something: a plain experiment's file is as before.
  if (c.tracking != TrackingConfig{}) {
    const TrackingConfig& t = c.tracking;
    doc["tracking"] = {{"sharpness_every", t.sharpnessEvery}, {"trace", t.trace}, {"gauss_newton", t.gaussNewton},
                       {"preconditioned", t.preconditioned}, {"power", t.power}, {"subset", t.subset},
                       {"tolerance", t.tolerance}, {"collapse_every", t.collapseEvery}};
    if (t.perLayer) doc["tracking"]["per_layer"] = true;  // added later: older readers know the rest
    if (t.gfs) doc["tracking"]["gfs"] = true;
    if (t.flow) doc["tracking"]["flow"] = true;
  }
  if (c.presentation != PresentationConfig{}) {
    const PresentationConfig& p = c.presentation;
    doc["presentation"] = {{"autoplay", p.autoplay}, {"steps_per_frame", p.stepsPerFrame},
                           {"time_range", p.timeRange}, {"view", p.view}};
    if (!p.controls.empty()) doc["presentation"]["controls"] = p.controls;
    if (!p.compare.empty()) doc["presentation"]["compare"] = p.compare;
  }
  if (!c.hiddenControls.empty()) doc["hidden_controls"] = c.hiddenControls;
  if (c.subspace.dim > 0) doc["subspace"] = {{"dim", c.subspace.dim}, {"projection", toString(c.subspace.projection)}};
  return doc;
}

double learningRateAt(const ExperimentConfig& c, long step) {
  const double lr = learningRateAt(c.schedule, c.optimizer.lr, step, c.steps);
  if (!c.optimizer.divideLrByOutputScaleSquared) return lr;
  return lr / (c.model.outputScale * c.model.outputScale);
}

}  // namespace losslab
