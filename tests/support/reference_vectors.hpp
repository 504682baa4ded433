#pragma once
// Vectors of the PyTorch reference files (their "expected" values) and how far ours are from them.
#include <Eigen/Core>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

namespace losslab::test {

inline Eigen::VectorXd vec(const nlohmann::json& j) {
  const auto v = j.get<std::vector<double>>();
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

// Relative error measured against the vector's scale, so entries that are ~0 don't dominate.
inline double relativeError(const Eigen::VectorXd& got, const Eigen::VectorXd& want) {
  return (got - want).norm() / std::max(want.norm(), 1e-300);
}

}  // namespace losslab::test
