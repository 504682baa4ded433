#include "losslab/sweep/sweep_series.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "losslab/curvature/stability_threshold.hpp"
#include "losslab/sweep/sweep_axis_io.hpp"

namespace losslab {

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

long runIndex(const SweepConfig& s, int i, int j, int seed) {
  const long nj = s.axes.size() > 1 ? long(s.axes[1].values.size()) : 1;
  return (long(i) * nj + j) * long(s.seeds.size()) + seed;
}

std::string number(double v) {
  if (std::isnan(v)) return "";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}
}  // namespace

SweepPlotAxis plotAxis(const SweepAxis& a) {
  SweepPlotAxis p;
  p.label = a.label;
  p.numeric = a.numeric();
  p.logarithmic = p.numeric && a.spacing == AxisSpacing::Log;
  for (size_t k = 0; k < a.values.size(); ++k) {
    p.positions.push_back(p.numeric ? a.values[k].get<double>() : double(k));
    p.texts.push_back(valueText(a.values[k]));
  }
  return p;
}

std::string describe(SeedBand band, int seeds) {
  const std::string over = " over " + std::to_string(seeds) + (seeds == 1 ? " seed" : " seeds");
  return (band == SeedBand::MinMax ? "min–max" : "mean ± 1 s.d.") + over;
}

SeedSeries seedSeries(const SweepConfig& sweep, const SweepResults& results, SweepMetric metric, SeedBand band,
                      int axisIndex, int fixed) {
  SeedSeries s;
  s.axis = plotAxis(sweep.axes[size_t(axisIndex)]);
  s.metric = toString(metric);
  s.band = band;
  s.seeds = int(sweep.seeds.size());
  const size_t n = s.axis.positions.size();
  s.mean.assign(n, kNan), s.lower.assign(n, kNan), s.upper.assign(n, kNan), s.count.assign(n, 0);
  s.perSeed.assign(n, std::vector<double>(size_t(s.seeds), kNan));
  for (size_t k = 0; k < n; ++k) {
    std::vector<double> finite;
    for (int seed = 0; seed < s.seeds; ++seed) {
      const int i = axisIndex == 0 ? int(k) : fixed, j = axisIndex == 0 ? fixed : int(k);
      const double v = results.value(runIndex(sweep, i, j, seed), metric);
      s.perSeed[k][size_t(seed)] = v;
      if (std::isfinite(v)) finite.push_back(v);
    }
    s.count[k] = int(finite.size());
    if (finite.empty()) continue;
    double sum = 0;
    for (double v : finite) sum += v;
    const double mean = sum / double(finite.size());
    s.mean[k] = mean;
    if (band == SeedBand::MinMax) {
      s.lower[k] = *std::min_element(finite.begin(), finite.end());
      s.upper[k] = *std::max_element(finite.begin(), finite.end());
    } else {
      double squares = 0;  // sample standard deviation (n - 1); zero for a single seed
      for (double v : finite) squares += (v - mean) * (v - mean);
      const double sd = finite.size() > 1 ? std::sqrt(squares / double(finite.size() - 1)) : 0.0;
      s.lower[k] = mean - sd;
      s.upper[k] = mean + sd;
    }
  }
  return s;
}

PhaseGrid phaseGrid(const SweepConfig& sweep, const SweepResults& results, SweepMetric metric) {
  PhaseGrid g;
  g.x = plotAxis(sweep.axes[0]);
  g.y = plotAxis(sweep.axes[1]);
  g.metric = toString(metric);
  const int ni = int(g.x.positions.size()), nj = int(g.y.positions.size());
  g.value = Eigen::MatrixXd::Constant(ni, nj, kNan);
  g.count = Eigen::MatrixXi::Zero(ni, nj);
  for (int i = 0; i < ni; ++i)
    for (int j = 0; j < nj; ++j) {
      double sum = 0;
      for (int seed = 0; seed < int(sweep.seeds.size()); ++seed) {
        const double v = results.value(runIndex(sweep, i, j, seed), metric);
        if (std::isfinite(v)) sum += v, ++g.count(i, j);
      }
      if (g.count(i, j) > 0) g.value(i, j) = sum / g.count(i, j);
    }
  return g;
}

std::vector<ReferenceCurve> referenceCurves(const SweepConfig& sweep, SweepMetric metric, int axisIndex) {
  const SweepAxis& a = sweep.axes[size_t(axisIndex)];
  const SweepPlotAxis p = plotAxis(a);
  if (a.path != "optimizer.lr" || !p.numeric) return {};
  const auto [lo, hi] = std::minmax_element(p.positions.begin(), p.positions.end());
  const std::vector<double> x = rangeValues(p.logarithmic ? AxisSpacing::Log : AxisSpacing::Linear, *lo, *hi, 200);
  const OptimizerConfig& o = sweep.base.optimizer;
  if (metric == SweepMetric::SharpnessRatio)
    return {{"edge of stability (ratio 1)", "lambda_max equal to the stability threshold", x, std::vector<double>(x.size(), 1.0)}};
  const bool adaptive = o.kind == OptimizerKind::Adam || o.kind == OptimizerKind::AdamW;
  if ((metric != SweepMetric::Sharpness && metric != SweepMetric::MaxSharpness) || adaptive || o.samRho > 0) return {};
  ReferenceCurve c;
  c.x = x;
  for (double lr : x) {
    const StabilityThreshold t = sharpnessThreshold(o, lr, 0.0);
    c.y.push_back(t.value);
    c.name = t.formula + " (stability threshold)";
    c.source = t.source;
  }
  return {c};
}

std::string toCsv(const SeedSeries& s) {
  std::string text = "value," + s.metric + "_mean," + s.metric + "_lower," + s.metric + "_upper,seeds\n";
  for (size_t k = 0; k < s.mean.size(); ++k)
    text += csvCell(s.axis.texts[k]) + "," + number(s.mean[k]) + "," + number(s.lower[k]) + "," + number(s.upper[k]) + "," +
            std::to_string(s.count[k]) + "\n";
  return text;
}

std::string toCsv(const PhaseGrid& g) {
  std::string text = "x,y," + g.metric + "_mean,seeds\n";
  for (Eigen::Index i = 0; i < g.value.rows(); ++i)
    for (Eigen::Index j = 0; j < g.value.cols(); ++j)
      text += csvCell(g.x.texts[size_t(i)]) + "," + csvCell(g.y.texts[size_t(j)]) + "," + number(g.value(i, j)) + "," +
              std::to_string(g.count(i, j)) + "\n";
  return text;
}

}  // namespace losslab
