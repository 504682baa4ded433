#include "losslab/data/points.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "losslab/core/error.hpp"
#include "losslab/core/types.hpp"

namespace losslab {

namespace {
// Classes are indices into the output layer: more than this is a typo, not a data set.
constexpr double kMostClasses = 1000;

std::string at(const char* key, std::size_t i) { return std::string("data.") + key + "[" + std::to_string(i) + "]"; }
}  // namespace

void validatePoints(const DataConfig& c) {
  if (c.pointsX.empty()) throw InputError("data.x: no samples; data.kind = \"points\" needs at least one");
  if (c.pointsY.size() != c.pointsX.size())
    throw InputError("data.y: " + std::to_string(c.pointsY.size()) + " values for " + std::to_string(c.pointsX.size()) +
                     " samples in data.x");
  if (c.task != "classification" && c.task != "regression")
    throw InputError("data.task = \"" + c.task + "\" is unknown; allowed: classification, regression");
  const std::size_t width = c.pointsX[0].size(), outputs = c.pointsY[0].size();
  for (std::size_t i = 0; i < c.pointsX.size(); ++i) {
    if (c.pointsX[i].empty() || c.pointsX[i].size() != width)
      throw InputError(at("x", i) + ": " + std::to_string(c.pointsX[i].size()) + " features, but data.x[0] has " +
                       std::to_string(width) + " (every sample needs the same, at least one)");
    for (std::size_t j = 0; j < width; ++j)
      if (!std::isfinite(c.pointsX[i][j])) throw InputError(at("x", i) + "[" + std::to_string(j) + "]: not a finite number");
    const std::vector<double>& y = c.pointsY[i];
    if (c.task == "classification") {
      if (y.size() != 1 || !(y[0] >= 0 && y[0] < kMostClasses) || y[0] != std::floor(y[0]))
        throw InputError(at("y", i) + ": a class label is an integer from 0 to " + std::to_string(int(kMostClasses) - 1));
    } else {
      if (y.empty() || y.size() != outputs)
        throw InputError(at("y", i) + ": " + std::to_string(y.size()) + " targets, but data.y[0] has " +
                         std::to_string(outputs));
      for (double v : y)
        if (!std::isfinite(v)) throw InputError(at("y", i) + ": not a finite number");
    }
  }
}

Dataset makePoints(const DataConfig& c) {
  validatePoints(c);
  Dataset d;
  const Index n = Index(c.pointsX.size()), width = Index(c.pointsX[0].size());
  d.x.resize(width, n);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < width; ++j) d.x(j, i) = c.pointsX[std::size_t(i)][std::size_t(j)];
  if (c.task == "classification") {
    d.task = Task::Classification;
    for (const auto& y : c.pointsY) {
      d.labels.push_back(int(y[0]));
      d.numClasses = std::max(d.numClasses, int(y[0]) + 1);
    }
  } else {
    d.task = Task::Regression;
    d.targets.resize(Index(c.pointsY[0].size()), n);
    for (Index i = 0; i < n; ++i)
      for (Index k = 0; k < d.targets.rows(); ++k) d.targets(k, i) = c.pointsY[std::size_t(i)][std::size_t(k)];
  }
  return d;
}

}  // namespace losslab
