#include "losslab/io/session_records.hpp"

#include "losslab/io/added_columns.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/io/metrics_csv.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

namespace {

// The metrics.csv spec columns a MetricsRow holds as doubles (the step is an integer).
double* field(MetricsRow& r, const std::string& c) {
  static const std::map<std::string, double MetricsRow::*> members{
      {"epoch", &MetricsRow::epoch}, {"lr", &MetricsRow::lr}, {"train_loss", &MetricsRow::trainLoss},
      {"train_accuracy", &MetricsRow::trainAccuracy}, {"test_loss", &MetricsRow::testLoss},
      {"test_accuracy", &MetricsRow::testAccuracy}, {"grad_norm", &MetricsRow::gradNorm},
      {"weight_norm", &MetricsRow::weightNorm}, {"wall_seconds", &MetricsRow::wallSeconds},
      {"sharpness", &MetricsRow::sharpness}, {"sharpness_threshold", &MetricsRow::sharpnessThreshold},
      {"trace", &MetricsRow::trace}, {"gn_sharpness", &MetricsRow::gnSharpness},
      {"precond_sharpness", &MetricsRow::precondSharpness}, {"sc_fraction_float16", &MetricsRow::scFraction16},
      {"sc_fraction_float32", &MetricsRow::scFraction32}, {"sc_fraction_float64", &MetricsRow::scFraction64},
      {"zero_loss_fraction", &MetricsRow::zeroLossFraction}, {"zero_grad_fraction", &MetricsRow::zeroGradFraction},
      {"nlm_cosine", &MetricsRow::nlmCosine}, {"logit_norm", &MetricsRow::logitNorm}};
  const auto it = members.find(c);
  return it == members.end() ? nullptr : &(r.*(it->second));
}

template <std::size_t N> json triple(const std::array<double, N>& a) {
  return exactNumbers(std::vector<double>(a.begin(), a.end()));
}
std::array<double, 3> tripleFrom(const json& v, const std::string& path) {
  const std::vector<double> x = exactNumbersFrom(v, path, 3);
  return {x[0], x[1], x[2]};
}

json toJson(const LayerwiseValue& v) { return {{"total", exactNumber(v.total)}, {"per_layer", exactNumbers(v.perLayer)}}; }
LayerwiseValue layerwiseFrom(const json& v, const std::string& path) {
  jf::rejectUnknownKeys(v, {"total", "per_layer"}, path);
  return {exactNumberFrom(jf::require(v, "total", path), jf::join(path, "total")),
          exactNumbersFrom(jf::require(v, "per_layer", path), jf::join(path, "per_layer"))};
}

json toJson(const CollapseSetRecord& s) {
  const LogitGapHistogram& g = s.gaps;
  return {{"sc_fraction", triple(s.scFraction)}, {"zero_loss_fraction", triple(s.zeroLossFraction)},
          {"zero_grad_fraction", triple(s.zeroGradFraction)}, {"logit_norm_mean", exactNumber(s.logitNormMean)},
          {"logit_norm_max", exactNumber(s.logitNormMax)},
          {"gaps", {{"lo", exactNumber(g.lo)}, {"width", exactNumber(g.width)}, {"counts", g.counts},
                    {"samples", g.samples}, {"classes", g.classes}, {"thresholds", triple(g.thresholds)}}}};
}
CollapseSetRecord setRecordFrom(const json& v, const std::string& path) {
  jf::rejectUnknownKeys(v, {"sc_fraction", "zero_loss_fraction", "zero_grad_fraction", "logit_norm_mean",
                            "logit_norm_max", "gaps"}, path);
  auto at = [&](const char* key) -> const json& { return jf::require(v, key, path); };
  auto name = [&](const char* key) { return jf::join(path, key); };
  CollapseSetRecord s;
  s.scFraction = tripleFrom(at("sc_fraction"), name("sc_fraction"));
  s.zeroLossFraction = tripleFrom(at("zero_loss_fraction"), name("zero_loss_fraction"));
  s.zeroGradFraction = tripleFrom(at("zero_grad_fraction"), name("zero_grad_fraction"));
  s.logitNormMean = exactNumberFrom(at("logit_norm_mean"), name("logit_norm_mean"));
  s.logitNormMax = exactNumberFrom(at("logit_norm_max"), name("logit_norm_max"));
  const json& g = at("gaps");
  const std::string gp = name("gaps");
  jf::rejectUnknownKeys(g, {"lo", "width", "counts", "samples", "classes", "thresholds"}, gp);
  s.gaps.lo = exactNumberFrom(jf::require(g, "lo", gp), jf::join(gp, "lo"));
  s.gaps.width = exactNumberFrom(jf::require(g, "width", gp), jf::join(gp, "width"));
  s.gaps.counts = jf::integers(jf::require(g, "counts", gp), jf::join(gp, "counts"));
  s.gaps.samples = int(jf::integer(jf::require(g, "samples", gp), jf::join(gp, "samples")));
  s.gaps.classes = int(jf::integer(jf::require(g, "classes", gp), jf::join(gp, "classes")));
  s.gaps.thresholds = tripleFrom(jf::require(g, "thresholds", gp), jf::join(gp, "thresholds"));
  return s;
}

FloatFormat floatFormatFrom(const std::string& name, const std::string& path) {
  for (FloatFormat f : kFloatFormats)
    if (name == toString(f)) return f;
  throw InputError(path + ": unknown \"" + name + "\" (allowed: float16, float32, float64)");
}

}  // namespace

json exactNumber(double v) {
  if (std::isnan(v)) return nullptr;
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return v;
}

double exactNumberFrom(const json& v, const std::string& path) {
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (v.is_string() && (v == "inf" || v == "-inf"))
    return v == "inf" ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
  return jf::number(v, path);
}

json exactNumbers(const std::vector<double>& values) {
  json a = json::array();
  for (double v : values) a.push_back(exactNumber(v));
  return a;
}

std::vector<double> exactNumbersFrom(const json& v, const std::string& path, long count) {
  if (!v.is_array()) throw InputError(path + ": expected an array of numbers");
  if (count >= 0 && long(v.size()) != count)
    throw InputError(path + ": " + std::to_string(v.size()) + " values, expected " + std::to_string(count));
  std::vector<double> out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out.push_back(exactNumberFrom(v[i], jf::at(path, i)));
  return out;
}

json toJson(const CurvatureTracking& t) {
  json v = {{"every", t.every}, {"trace", t.trace}, {"gauss_newton", t.gaussNewton},
            {"preconditioned", t.preconditioned}, {"subset", t.subset}, {"minibatch", t.minibatch},
            {"tolerance", t.tolerance}, {"trace_probes", t.traceProbes}};
  if (t.perLayer) v["per_layer"] = true;  // added later: a session without it opens in older builds
  if (t.gfs) v["gfs"] = true;
  if (t.flow) v["flow"] = true;
  return v;
}

CurvatureTracking curvatureTrackingFromJson(const json& v, const std::string& path) {
  jf::rejectUnknownKeys(v, {"every", "trace", "gauss_newton", "preconditioned", "subset", "minibatch",
                            "tolerance", "trace_probes", "per_layer", "gfs", "flow"}, path);
  auto at = [&](const char* key) -> const json& { return jf::require(v, key, path); };
  auto name = [&](const char* key) { return jf::join(path, key); };
  CurvatureTracking t;
  t.every = jf::integer(at("every"), name("every"));
  t.trace = jf::boolean(at("trace"), name("trace"));
  t.gaussNewton = jf::boolean(at("gauss_newton"), name("gauss_newton"));
  t.preconditioned = jf::boolean(at("preconditioned"), name("preconditioned"));
  t.subset = jf::integer(at("subset"), name("subset"));
  t.minibatch = jf::boolean(at("minibatch"), name("minibatch"));
  t.tolerance = jf::number(at("tolerance"), name("tolerance"));
  t.traceProbes = int(jf::integer(at("trace_probes"), name("trace_probes")));
  if (v.contains("per_layer")) t.perLayer = jf::boolean(v["per_layer"], name("per_layer"));
  if (v.contains("gfs")) t.gfs = jf::boolean(v["gfs"], name("gfs"));
  if (v.contains("flow")) t.flow = jf::boolean(v["flow"], name("flow"));
  try {
    validate(t);
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
  return t;
}

json toJson(const CollapseTracking& t) {
  return {{"every", t.every}, {"order", toString(t.order)}, {"neural_collapse", t.neuralCollapse},
          {"gap_bins", t.gapBins}};
}

CollapseTracking collapseTrackingFromJson(const json& v, const std::string& path) {
  jf::rejectUnknownKeys(v, {"every", "order", "neural_collapse", "gap_bins"}, path);
  CollapseTracking t;
  t.every = jf::integer(jf::require(v, "every", path), jf::join(path, "every"));
  t.order = summationOrderFromString(jf::string(jf::require(v, "order", path), jf::join(path, "order")));
  t.neuralCollapse = jf::boolean(jf::require(v, "neural_collapse", path), jf::join(path, "neural_collapse"));
  t.gapBins = int(jf::integer(jf::require(v, "gap_bins", path), jf::join(path, "gap_bins")));
  try {
    validate(t);
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
  return t;
}

json toJson(const CollapseRecord& r) {
  const NeuralCollapse& n = r.neural;
  return {{"step", r.step}, {"order", toString(r.order)}, {"run_format", toString(r.runFormat)},
          {"train", toJson(r.train)}, {"test", r.test ? toJson(*r.test) : json(nullptr)},
          {"weight_norm", toJson(r.weightNorm)}, {"step_alignment", toJson(r.stepAlignment)},
          {"grad_alignment", toJson(r.gradAlignment)},
          {"neural", {{"nc1", exactNumber(n.nc1)}, {"nc2_equinorm", exactNumber(n.nc2Equinorm)},
                      {"nc2_equiangularity", exactNumber(n.nc2Equiangularity)},
                      {"nc2_max_angle", exactNumber(n.nc2MaxAngle)}, {"nc3", exactNumber(n.nc3)},
                      {"nc4", exactNumber(n.nc4)}}}};
}

CollapseRecord collapseRecordFromJson(const json& v, const std::string& path) {
  jf::rejectUnknownKeys(v, {"step", "order", "run_format", "train", "test", "weight_norm", "step_alignment",
                            "grad_alignment", "neural"}, path);
  auto at = [&](const char* key) -> const json& { return jf::require(v, key, path); };
  auto name = [&](const char* key) { return jf::join(path, key); };
  CollapseRecord r;
  r.step = jf::integer(at("step"), name("step"));
  r.order = summationOrderFromString(jf::string(at("order"), name("order")));
  r.runFormat = floatFormatFrom(jf::string(at("run_format"), name("run_format")), name("run_format"));
  r.train = setRecordFrom(at("train"), name("train"));
  if (!at("test").is_null()) r.test = setRecordFrom(at("test"), name("test"));
  r.weightNorm = layerwiseFrom(at("weight_norm"), name("weight_norm"));
  r.stepAlignment = layerwiseFrom(at("step_alignment"), name("step_alignment"));
  r.gradAlignment = layerwiseFrom(at("grad_alignment"), name("grad_alignment"));
  const json& n = at("neural");
  const std::string np = name("neural");
  jf::rejectUnknownKeys(n, {"nc1", "nc2_equinorm", "nc2_equiangularity", "nc2_max_angle", "nc3", "nc4"}, np);
  auto nc = [&](const char* key) { return exactNumberFrom(jf::require(n, key, np), jf::join(np, key)); };
  r.neural = {nc("nc1"), nc("nc2_equinorm"), nc("nc2_equiangularity"), nc("nc2_max_angle"), nc("nc3"), nc("nc4")};
  return r;
}

namespace {
// The added columns (added_columns.hpp) are written only where some row has a value, so a session
// without them opens in older builds. A history without effective_time (an older session) gets
// it back from the rates, exactly at a constant rate.

void effectiveTimeFromRates(std::vector<MetricsRow>& rows) {
  double t = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && std::isfinite(rows[i - 1].lr)) t += rows[i - 1].lr * double(rows[i].step - rows[i - 1].step);
    rows[i].effectiveTime = t;
  }
}

// The row of a record's `step`, at or after `cursor` (records come in step order, and `cursor`
// moves on); an InputError naming `path` where the history has no such row, or where `taken`
// says the row has its record already.
MetricsRow& rowOfRecord(std::vector<MetricsRow>& rows, std::size_t& cursor, long step, const std::string& path,
                        bool (*taken)(const MetricsRow&)) {
  while (cursor < rows.size() && rows[cursor].step < step) ++cursor;
  if (cursor == rows.size() || rows[cursor].step != step || taken(rows[cursor]))
    throw InputError(jf::join(path, "step") + ": " + std::to_string(step) +
                     " is not a row of the history (or has two records)");
  return rows[cursor];
}

// The per-layer curvature records of a history, each on the row of its step.
void readLayerCurvature(const json& records, const std::string& path, std::vector<MetricsRow>& rows) {
  if (!records.is_array()) throw InputError(path + ": expected an array of records");
  std::size_t row = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string rp = jf::at(path, i);
    const json& r = records[i];
    jf::rejectUnknownKeys(r, {"step", "sharpness", "trace"}, rp);
    const long step = jf::integer(jf::require(r, "step", rp), jf::join(rp, "step"));
    auto layers = std::make_shared<LayerCurvatureRow>();
    layers->sharpness = exactNumbersFrom(jf::require(r, "sharpness", rp), jf::join(rp, "sharpness"), -1);
    layers->trace = exactNumbersFrom(jf::require(r, "trace", rp), jf::join(rp, "trace"),
                                     long(layers->sharpness.size()));
    rowOfRecord(rows, row, step, rp, [](const MetricsRow& r) { return bool(r.layers); }).layers = std::move(layers);
  }
}
}  // namespace

json historyToJson(const std::vector<MetricsRow>& rows, long stride) {
  json columns = json::object();
  std::vector<long> steps;
  for (const MetricsRow& r : rows) steps.push_back(r.step);
  columns["step"] = steps;
  json collapse = json::array();
  for (const std::string& c : specMetricsColumns()) {
    if (c == "step") continue;
    std::vector<double> values;
    for (MetricsRow r : rows) values.push_back(*field(r, c));
    columns[c] = exactNumbers(values);
  }
  for (const MetricsRow& r : rows)
    if (r.collapse) collapse.push_back(toJson(*r.collapse));
  json history = {{"stride", stride}, {"rows", rows.size()}, {"columns", columns}, {"collapse", collapse}};
  json layers = json::array();
  for (const MetricsRow& r : rows)
    if (r.layers)
      layers.push_back({{"step", r.step}, {"sharpness", exactNumbers(r.layers->sharpness)},
                        {"trace", exactNumbers(r.layers->trace)}});
  if (!layers.empty()) history["per_layer"] = layers;  // added later, only where tracked
  for (const AddedColumn& c : kAddedColumns) {
    std::vector<double> values;
    for (const MetricsRow& r : rows) values.push_back(r.*c.member);
    if (std::any_of(values.begin(), values.end(), [](double v) { return !std::isnan(v); }))
      history[c.name] = exactNumbers(values);
  }
  return history;
}

std::vector<MetricsRow> historyFromJson(const json& v, const std::string& path, long& stride) {
  std::vector<std::string> keys{"stride", "rows", "columns", "collapse", "per_layer"};
  for (const AddedColumn& c : kAddedColumns) keys.push_back(c.name);
  jf::rejectUnknownKeys(v, keys, path);
  stride = jf::integer(jf::require(v, "stride", path), jf::join(path, "stride"));
  const long n = jf::integer(jf::require(v, "rows", path), jf::join(path, "rows"));
  if (n < 0 || n > 1L << 24) throw InputError(jf::join(path, "rows") + ": " + std::to_string(n) + " is out of range");
  const json& columns = jf::require(v, "columns", path);
  const std::string cp = jf::join(path, "columns");
  jf::rejectUnknownKeys(columns, specMetricsColumns(), cp);
  // Every column's length before the rows are allocated: "rows" alone must not cost gigabytes.
  for (const std::string& c : specMetricsColumns()) {
    const json& column = jf::require(columns, c, cp);
    if (!column.is_array() || long(column.size()) != n)
      throw InputError(jf::join(cp, c) + ": expected " + std::to_string(n) + " values, one per row");
  }
  std::vector<MetricsRow> rows(static_cast<std::size_t>(n));
  for (const std::string& c : specMetricsColumns()) {
    const json& column = columns.at(c);
    const std::string name = jf::join(cp, c);
    for (long i = 0; i < n; ++i) {
      if (c == "step")
        rows[i].step = jf::integer(column[i], jf::at(name, i));
      else
        *field(rows[i], c) = exactNumberFrom(column[i], jf::at(name, i));
    }
  }
  const json& records = jf::require(v, "collapse", path);
  if (!records.is_array()) throw InputError(jf::join(path, "collapse") + ": expected an array of records");
  std::size_t row = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string rp = jf::at(jf::join(path, "collapse"), i);
    auto record = std::make_shared<CollapseRecord>(collapseRecordFromJson(records[i], rp));
    const long step = record->step;
    rowOfRecord(rows, row, step, rp, [](const MetricsRow& r) { return bool(r.collapse); }).collapse = std::move(record);
  }
  if (v.contains("per_layer")) readLayerCurvature(v["per_layer"], jf::join(path, "per_layer"), rows);
  if (!v.contains("effective_time")) effectiveTimeFromRates(rows);
  for (const AddedColumn& c : kAddedColumns) {
    if (!v.contains(c.name)) continue;
    const std::vector<double> values = exactNumbersFrom(v[c.name], jf::join(path, c.name), n);
    for (long i = 0; i < n; ++i) rows[std::size_t(i)].*c.member = values[std::size_t(i)];
  }
  return rows;
}

}  // namespace losslab
