#pragma once
// A losslab-sweep/1 document (README "Sweeps"): a base experiment, one or two swept settings
// addressed by a path into it, seeds per point, steps per run, what each run tracks along the
// way and which end-of-run metrics results.csv collects. Unknown keys are errors; every error
// names the field, the bad value and what is allowed.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "losslab/config/experiment.hpp"
#include "losslab/run/curvature_tracking.hpp"
#include "losslab/sweep/sweep_metric.hpp"

namespace losslab {

enum class AxisSpacing { List, Linear, Log };

// One swept setting: the path of a key of the experiment file ("optimizer.lr", "model.hidden",
// "optimizer.betas[0]") and the values it takes, in order.
struct SweepAxis {
  std::string path;
  std::string label;                   // shown on plots; defaults to the path
  AxisSpacing spacing = AxisSpacing::List;
  double from = 0, to = 0;             // linear and log ranges
  int points = 0;
  bool round = false;                  // ranges of integer settings: values rounded to integers
  std::vector<nlohmann::json> values;  // resolved: the listed values or the range's points

  bool numeric() const;  // every value a number: a numeric plot axis (else categorical)
};

// What every run records along the way, into its runs/<id>/metrics.csv.
struct SweepTracking {
  long logEvery = 10;            // a metrics row every logEvery steps (test metrics included)
  CurvatureTracking curvature;   // sharpness_every, trace, curvature_subset
  CollapseTracking collapse;     // collapse_every
};

struct SweepConfig {
  std::string name, description;
  std::string basePath;            // the base experiment's file, when given by path ("" inline)
  ExperimentConfig base;
  std::vector<SweepAxis> axes;     // one or two; the first is the x axis (index i), the second j
  std::vector<std::uint64_t> seeds;
  long steps = 0;                  // per run (overrides the base experiment's "steps")
  SweepTracking track;
  std::vector<SweepMetric> metrics;  // results.csv columns, in this order ("diverged" always last)

  long pointCount() const;  // product of the axes' lengths
  long runCount() const { return pointCount() * long(seeds.size()); }
};

// Limits a sweep is checked against before any run starts.
inline constexpr int kMaxAxisValues = 1000;
inline constexpr int kMaxSeeds = 1000;
inline constexpr long kMaxSweepRuns = 100000;

// `baseDirectory` resolves a base experiment given as a relative path (the sweep file's folder).
SweepConfig parseSweep(const std::string& jsonText, const std::string& origin = "sweep",
                       const std::string& baseDirectory = ".");
SweepConfig sweepFromJson(const nlohmann::json& doc, const std::string& baseDirectory = ".");
SweepConfig readSweepFile(const std::string& path);
// The whole sweep with the base experiment inline and every default written out; parsing it
// again gives the same sweep (DIR/sweep.json, compared on --resume).
nlohmann::json toJson(const SweepConfig& sweep);

}  // namespace losslab
