#pragma once
// What the sweep views draw, computed here from the results (widgets never compute): for one
// swept setting, a metric against the setting with a band over seeds; for two, the metric over
// the grid of points (a phase diagram); and the curves theory gives to compare with (2/eta).
#include <Eigen/Core>
#include <string>
#include <vector>

#include "losslab/sweep/sweep_config.hpp"
#include "losslab/sweep/sweep_results.hpp"

namespace losslab {

// A plot axis over a swept setting: its values where they are numbers, else positions 0..n-1
// labelled by the values (e.g. optimizer.kind: gd, adam).
struct SweepPlotAxis {
  std::string label;                  // the axis's label (its path unless the file names it)
  std::vector<double> positions;      // where each value sits on the plot
  std::vector<std::string> texts;     // each value as text, for ticks and tooltips
  bool numeric = true;
  bool logarithmic = false;           // a log range: plotted on a log axis
};

SweepPlotAxis plotAxis(const SweepAxis& axis);

enum class SeedBand { StandardDeviation, MinMax };
std::string describe(SeedBand band, int seeds);  // "mean ± 1 s.d. over 3 seeds", "min–max over 3 seeds"

// The metric at each value of the swept setting `axisIndex`; with two axes, at the point
// (i, fixed) or (fixed, j) of the other one. Statistics are over the seeds finished so far with a
// finite value (NaN where there is none); the band is mean ± sample standard deviation or min..max.
struct SeedSeries {
  SweepPlotAxis axis;
  std::string metric;                     // the results.csv column
  SeedBand band = SeedBand::StandardDeviation;
  int seeds = 0;                          // per point, in the sweep
  std::vector<double> mean, lower, upper; // per value of the setting
  std::vector<int> count;                 // finite values behind each mean
  std::vector<std::vector<double>> perSeed;  // [value][seed], NaN if not finished or undefined
};

SeedSeries seedSeries(const SweepConfig& sweep, const SweepResults& results, SweepMetric metric,
                      SeedBand band, int axisIndex = 0, int fixed = 0);

// Two swept settings: the mean over seeds of the metric at every point (NaN where no seed has a
// finite value yet); value(i, j) is at axes[0] value i and axes[1] value j.
struct PhaseGrid {
  SweepPlotAxis x, y;
  std::string metric;
  Eigen::MatrixXd value;
  Eigen::MatrixXi count;
};

PhaseGrid phaseGrid(const SweepConfig& sweep, const SweepResults& results, SweepMetric metric);

// A curve theory predicts for a metric against a swept setting, sampled finely over the range.
struct ReferenceCurve {
  std::string name;     // e.g. "2/η (GD stability threshold)"
  std::string source;   // the paper, for tooltips and exported metadata
  std::vector<double> x, y;
};

// Against optimizer.lr: the optimizer's stability threshold for sharpness and max_sharpness
// (2/eta for GD, (2+2 beta)/eta with momentum; none for Adam and SAM, whose thresholds bound other
// quantities), and the line 1 for sharpness_ratio. Empty when theory gives nothing.
std::vector<ReferenceCurve> referenceCurves(const SweepConfig& sweep, SweepMetric metric, int axisIndex = 0);

// The plotted data as CSV for an exported figure: one row per setting value (mean, band, seeds).
std::string toCsv(const SeedSeries& series);
std::string toCsv(const PhaseGrid& grid);  // x, y, mean, seeds; one row per point

}  // namespace losslab
