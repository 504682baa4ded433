#include "losslab/sweep/sweep_config.hpp"

#include <algorithm>
#include <filesystem>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/sweep/sweep_axis_io.hpp"
#include "losslab/sweep/sweep_plan.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

long SweepConfig::pointCount() const {
  long n = 1;
  for (const SweepAxis& a : axes) n *= long(a.values.size());
  return n;
}

namespace {

template <class F> auto prefixed(const std::string& prefix, F&& f) {
  try {
    return f();
  } catch (const InputError& e) {
    throw InputError(prefix + e.what());
  }
}

ExperimentConfig readBase(const json& base, const std::string& directory, std::string& path) {
  if (base.is_string()) {
    const std::filesystem::path given(base.get<std::string>());
    path = given.is_absolute() ? given.string() : (std::filesystem::path(directory) / given).string();
    return prefixed("base: ", [&] { return readExperimentFile(path); });
  }
  if (!base.is_object())
    throw InputError("base: expected an experiment (a losslab-experiment/1 object) or the path of one");
  return prefixed("base: ", [&] { return experimentFromJson(base); });
}

long positive(const json& doc, const char* key, long fallback, long lo, long hi) {
  if (!doc.contains(key)) return fallback;
  const long v = jf::integer(doc[key], key);
  if (v < lo || v > hi)
    throw InputError(std::string(key) + ": " + std::to_string(v) + " must be in " + std::to_string(lo) +
                     ".." + std::to_string(hi));
  return v;
}

std::vector<std::uint64_t> readSeeds(const json& doc, std::uint64_t baseSeed) {
  if (!doc.contains("seeds")) return {baseSeed};
  const json& s = doc["seeds"];
  if (!s.is_array() || s.empty() || s.size() > size_t(kMaxSeeds))
    throw InputError("seeds: expected a list of 1 to " + std::to_string(kMaxSeeds) + " seeds (integers >= 0)");
  std::vector<std::uint64_t> seeds;
  for (size_t k = 0; k < s.size(); ++k) {
    const long v = jf::integer(s[k], jf::at("seeds", k));
    if (v < 0) throw InputError(jf::at("seeds", k) + ": " + std::to_string(v) + " must be >= 0");
    if (std::find(seeds.begin(), seeds.end(), std::uint64_t(v)) != seeds.end())
      throw InputError(jf::at("seeds", k) + ": seed " + std::to_string(v) + " is listed twice");
    seeds.push_back(std::uint64_t(v));
  }
  return seeds;
}

SweepTracking readTracking(const json& doc) {
  SweepTracking t;
  if (!doc.contains("track")) return t;
  const json& j = doc["track"];
  if (!j.is_object()) throw InputError("track: expected an object");
  jf::rejectUnknownKeys(j, {"log_every", "sharpness_every", "trace", "curvature_subset", "collapse_every",
                            "per_layer"}, "track");
  auto count = [&](const char* key, long fallback, long lo) {
    if (!j.contains(key)) return fallback;
    const long v = jf::integer(j[key], std::string("track.") + key);
    if (v < lo) throw InputError("track." + std::string(key) + ": " + std::to_string(v) + " must be >= " + std::to_string(lo));
    return v;
  };
  t.logEvery = count("log_every", t.logEvery, 1);
  t.curvature.every = count("sharpness_every", 0, 0);
  t.curvature.subset = count("curvature_subset", 0, 0);
  t.collapse.every = count("collapse_every", 0, 0);
  if (j.contains("trace")) t.curvature.trace = jf::boolean(j["trace"], "track.trace");
  if (t.curvature.trace && t.curvature.every == 0)
    throw InputError("track.trace: tr H is measured with lambda_max; set track.sharpness_every > 0");
  if (j.contains("per_layer")) t.curvature.perLayer = jf::boolean(j["per_layer"], "track.per_layer");
  if (t.curvature.perLayer && t.curvature.every == 0)
    throw InputError("track.per_layer: per-layer curvature is measured with lambda_max; set track.sharpness_every > 0");
  return t;
}

std::string needName(MetricNeeds n) {
  switch (n) {
    case MetricNeeds::Sharpness: return "track.sharpness_every > 0";
    case MetricNeeds::Trace: return "track.trace: true (with track.sharpness_every > 0)";
    case MetricNeeds::Collapse: return "track.collapse_every > 0";
    case MetricNeeds::Nothing: break;
  }
  return "";
}

bool tracked(MetricNeeds n, const SweepTracking& t) {
  switch (n) {
    case MetricNeeds::Sharpness: return t.curvature.every > 0;
    case MetricNeeds::Trace: return t.curvature.every > 0 && t.curvature.trace;
    case MetricNeeds::Collapse: return t.collapse.every > 0;
    case MetricNeeds::Nothing: break;
  }
  return true;
}

std::vector<SweepMetric> readMetrics(const json& doc, const SweepTracking& t) {
  std::vector<SweepMetric> metrics;
  if (!doc.contains("metrics")) {
    for (SweepMetric m : allSweepMetrics()) {
      const bool usual = m == SweepMetric::TrainLoss || m == SweepMetric::TrainAccuracy || m == SweepMetric::TestLoss ||
                         m == SweepMetric::TestAccuracy || m == SweepMetric::WeightNorm || m == SweepMetric::Sharpness ||
                         m == SweepMetric::SharpnessRatio || m == SweepMetric::Trace || m == SweepMetric::ScFraction;
      if (usual && tracked(needs(m), t)) metrics.push_back(m);
    }
  } else {
    const json& list = doc["metrics"];
    if (!list.is_array() || list.empty()) throw InputError("metrics: expected a non-empty list of metric names");
    for (size_t k = 0; k < list.size(); ++k) {
      const std::string field = jf::at("metrics", k);
      const std::string name = jf::string(list[k], field);
      const auto m = sweepMetricFromString(name);
      if (!m) {
        std::string allowed;
        for (SweepMetric a : allSweepMetrics()) allowed += (allowed.empty() ? "" : ", ") + toString(a);
        throw InputError(field + ": unknown metric \"" + name + "\" (allowed: " + allowed + ")");
      }
      if (std::find(metrics.begin(), metrics.end(), *m) != metrics.end())
        throw InputError(field + ": \"" + name + "\" is listed twice");
      if (!tracked(needs(*m), t)) throw InputError(field + ": \"" + name + "\" needs " + needName(needs(*m)));
      metrics.push_back(*m);
    }
  }
  // Every results row says whether its run diverged: its other numbers mean little otherwise.
  if (std::find(metrics.begin(), metrics.end(), SweepMetric::Diverged) == metrics.end())
    metrics.push_back(SweepMetric::Diverged);
  return metrics;
}

}  // namespace

SweepConfig sweepFromJson(const json& doc, const std::string& baseDirectory) {
  if (!doc.is_object()) throw InputError("document: expected a JSON object (a losslab-sweep/1 file)");
  jf::rejectUnknownKeys(doc, {"format", "name", "description", "base", "axes", "seeds", "steps", "track", "metrics"}, "");
  const std::string format = jf::string(jf::require(doc, "format", ""), "format");
  if (format != "losslab-sweep/1") throw InputError("format: \"" + format + "\" is not \"losslab-sweep/1\"");
  SweepConfig s;
  if (doc.contains("name")) s.name = jf::string(doc["name"], "name");
  if (doc.contains("description")) s.description = jf::string(doc["description"], "description");
  s.base = readBase(jf::require(doc, "base", ""), baseDirectory, s.basePath);
  s.steps = positive(doc, "steps", s.base.steps, 1, 1000000000);
  if (s.steps < 1) throw InputError("steps: the base experiment has 0 steps; give the sweep's \"steps\" (>= 1)");
  s.base.steps = s.steps;
  s.seeds = readSeeds(doc, s.base.seed);
  s.track = readTracking(doc);
  s.metrics = readMetrics(doc, s.track);

  const json& axes = jf::require(doc, "axes", "");
  if (!axes.is_array() || axes.empty() || axes.size() > 2)
    throw InputError("axes: expected a list of one or two swept settings, got " +
                     std::to_string(axes.is_array() ? axes.size() : 0));
  const json baseJson = toJson(s.base);
  for (size_t k = 0; k < axes.size(); ++k) s.axes.push_back(readAxis(axes[k], baseJson, jf::at("axes", k)));
  if (s.axes.size() == 2 && s.axes[0].path == s.axes[1].path)
    throw InputError("axes[1].path: \"" + s.axes[1].path + "\" is already swept by axes[0]");
  if (s.runCount() > kMaxSweepRuns)
    throw InputError("axes: " + std::to_string(s.runCount()) + " runs (points x seeds); a sweep may have at most " +
                     std::to_string(kMaxSweepRuns));
  planSweep(s);  // every combination of the axes' values must be a valid experiment, before any run
  return s;
}

SweepConfig parseSweep(const std::string& text, const std::string& origin, const std::string& baseDirectory) {
  try {
    return sweepFromJson(jf::parse(text, origin), baseDirectory);
  } catch (const InputError& e) {
    const std::string what = e.what();
    if (what.rfind(origin, 0) == 0) throw;
    throw InputError(origin + ": " + what);
  }
}

SweepConfig readSweepFile(const std::string& path) {
  const std::string directory = std::filesystem::path(path).parent_path().string();
  return parseSweep(readTextFile(path), path, directory.empty() ? "." : directory);
}

json toJson(const SweepConfig& s) {
  json axes = json::array();
  for (const SweepAxis& a : s.axes) axes.push_back(toJson(a));
  json metrics = json::array();
  for (SweepMetric m : s.metrics) metrics.push_back(toString(m));
  const SweepTracking& t = s.track;
  json doc{{"format", "losslab-sweep/1"},
              {"name", s.name},
              {"description", s.description},
              {"base", toJson(s.base)},
              {"axes", axes},
              {"seeds", s.seeds},
              {"steps", s.steps},
              {"track", {{"log_every", t.logEvery}, {"sharpness_every", t.curvature.every},
                         {"trace", t.curvature.trace}, {"curvature_subset", t.curvature.subset},
                         {"collapse_every", t.collapse.every}}},
              {"metrics", metrics}};
  if (t.curvature.perLayer) doc["track"]["per_layer"] = true;  // added later: older readers know the rest
  return doc;
}

}  // namespace losslab
