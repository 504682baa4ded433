#include "losslab/sweep/sweep_results.hpp"

#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "losslab/core/error.hpp"
#include "losslab/data/csv_reader.hpp"
#include "losslab/sweep/sweep_axis_io.hpp"

namespace losslab {

void SweepResults::set(long runIndex, std::vector<double> values) { rows_[runIndex] = std::move(values); }

double SweepResults::value(long runIndex, SweepMetric metric) const {
  const auto row = rows_.find(runIndex);
  if (row == rows_.end()) return std::nan("");
  for (size_t k = 0; k < metrics_.size(); ++k)
    if (metrics_[k] == metric) return row->second[k];
  return std::nan("");
}

std::string csvCell(const std::string& text) {
  if (text.find_first_of(",\"") == std::string::npos) return text;
  std::string quoted(1, '"');
  for (char c : text) {
    quoted += c;
    if (c == '"') quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::vector<std::string> resultsColumns(const SweepConfig& sweep) {
  std::vector<std::string> c{"run", "i"};
  if (sweep.axes.size() > 1) c.push_back("j");
  c.push_back("seed");
  for (const SweepAxis& a : sweep.axes) c.push_back(a.path);
  for (SweepMetric m : sweep.metrics) c.push_back(toString(m));
  return c;
}

std::string toResultsCsv(const SweepResults& results, const SweepConfig& sweep, const std::vector<SweepRun>& plan) {
  // Built by appending (GCC 12 misreports "literal + std::string" under -O3, bug 105651).
  std::string text;
  for (const std::string& c : resultsColumns(sweep)) {
    if (!text.empty()) text += ',';
    text += csvCell(c);
  }
  text += '\n';
  char buffer[40];
  for (const auto& [index, values] : results.rows()) {
    const SweepRun& run = plan[size_t(index)];
    std::vector<std::string> cells{run.id, std::to_string(run.i)};
    if (sweep.axes.size() > 1) cells.push_back(std::to_string(run.j));
    cells.push_back(std::to_string(run.seed));
    cells.push_back(csvCell(valueText(sweep.axes[0].values[size_t(run.i)])));
    if (sweep.axes.size() > 1) cells.push_back(csvCell(valueText(sweep.axes[1].values[size_t(run.j)])));
    for (double v : values) {
      if (std::isnan(v)) {
        cells.emplace_back();
      } else {
        std::snprintf(buffer, sizeof buffer, "%.17g", v);
        cells.emplace_back(buffer);
      }
    }
    for (size_t k = 0; k < cells.size(); ++k) {
      if (k) text += ',';
      text += cells[k];
    }
    text += '\n';
  }
  return text;
}

SweepResults readResultsCsv(const std::string& path, const SweepConfig& sweep, const std::vector<SweepRun>& plan) {
  CsvReader reader(path);
  const std::vector<std::string> expected = resultsColumns(sweep);
  std::vector<std::string> cells;
  if (!reader.next(cells) || cells != expected)
    throw InputError(path + ": its columns are not those of this sweep's results.csv");
  std::unordered_map<std::string, long> byId;
  for (const SweepRun& r : plan) byId[r.id] = r.index;
  SweepResults results(sweep.metrics);
  const size_t first = expected.size() - sweep.metrics.size();
  while (reader.next(cells)) {
    const auto run = byId.find(cells.empty() ? std::string() : cells[0]);
    if (cells.size() != expected.size() || run == byId.end())
      throw InputError(reader.where() + ": not a run of this sweep");
    std::vector<double> values(sweep.metrics.size(), std::nan(""));
    for (size_t k = 0; k < values.size(); ++k) {
      const std::string& cell = cells[first + k];
      if (!cell.empty() && parseCsvNumber(cell, values[k]) != CsvNumber::Ok)
        throw InputError(reader.where() + ": " + expected[first + k] + " \"" + cell + "\" is not a number");
    }
    results.set(run->second, std::move(values));
  }
  return results;
}

}  // namespace losslab
