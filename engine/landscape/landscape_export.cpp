#include "losslab/landscape/landscape_export.hpp"

#include <sstream>

#include <cmath>
#include <cstdio>

namespace losslab {
namespace {

nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

std::string cell(double v) {
  if (std::isnan(v)) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

nlohmann::json rows(const Eigen::MatrixXd& m) {
  nlohmann::json out = nlohmann::json::array();
  for (Index i = 0; i < m.rows(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (Index j = 0; j < m.cols(); ++j) row.push_back(number(m(i, j)));
    out.push_back(std::move(row));
  }
  return out;
}

bool defined(const Eigen::MatrixXd& accuracy) { return !accuracy.array().isNaN().all(); }

}  // namespace

nlohmann::json toJson(const LandscapeGrid& g) {
  nlohmann::json out{{"alphas", g.alphas}, {"betas", g.betas}, {"loss", rows(g.loss)}};
  if (defined(g.accuracy)) out["accuracy"] = rows(g.accuracy);
  return out;
}

std::string toCsv(const LandscapeGrid& g) {
  std::string out = "alpha,beta,loss,accuracy\n";
  for (size_t i = 0; i < g.alphas.size(); ++i)
    for (size_t j = 0; j < g.betas.size(); ++j)
      out += cell(g.alphas[i]) + "," + cell(g.betas[j]) + "," + cell(g.loss(i, j)) + "," + cell(g.accuracy(i, j)) + "\n";
  return out;
}

nlohmann::json toJson(const LandscapeCurve& c, const std::string& coordinate) {
  nlohmann::json loss = nlohmann::json::array(), accuracy = nlohmann::json::array();
  for (Index i = 0; i < c.loss.size(); ++i) {
    loss.push_back(number(c.loss[i]));
    accuracy.push_back(number(c.accuracy[i]));
  }
  nlohmann::json out{{coordinate + "s", c.coordinates}, {"loss", loss}};
  if (defined(c.accuracy)) out["accuracy"] = accuracy;
  return out;
}

std::string toCsv(const LandscapeCurve& c, const std::string& coordinate) {
  std::string out = coordinate + ",loss,accuracy\n";
  for (size_t i = 0; i < c.coordinates.size(); ++i)
    out += cell(c.coordinates[i]) + "," + cell(c.loss[Index(i)]) + "," + cell(c.accuracy[Index(i)]) + "\n";
  return out;
}

nlohmann::json toJson(const ConvexityGrid& c) {
  return {{"lambda_max", rows(c.lambdaMax)},
          {"lambda_min", rows(c.lambdaMin)},
          {"convexity_ratio", rows(c.ratio())},
          {"convexity_share_above_0.1", number(c.shareAbove(0.1))},
          {"hessian_vector_products", c.products}};
}

std::string withConvexityColumns(const std::string& gridCsv, const ConvexityGrid& c) {
  const Eigen::MatrixXd ratio = c.ratio();
  std::istringstream lines(gridCsv);
  std::ostringstream out;
  std::string line;
  const size_t ny = c.betas.size();
  for (size_t row = 0; std::getline(lines, line); ++row) {
    out << line;
    if (row == 0) {
      out << ",lambda_max,lambda_min,convexity_ratio\n";
      continue;
    }
    const Index i = Index((row - 1) / ny), j = Index((row - 1) % ny);  // alpha the slow index, as toCsv
    out << ',' << cell(c.lambdaMax(i, j)) << ',' << cell(c.lambdaMin(i, j)) << ',' << cell(ratio(i, j)) << '\n';
  }
  return out.str();
}

}  // namespace losslab
