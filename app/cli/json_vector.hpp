#pragma once
// A vector as the std::vector nlohmann::json writes as an array (the CLI's JSON outputs).
#include <Eigen/Core>
#include <vector>

namespace losslab::cli {

inline std::vector<double> asVector(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }

}  // namespace losslab::cli
