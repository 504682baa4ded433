#pragma once
// Trace of a curvature operator by Hutchinson's estimator with Rademacher probes (tr M =
// E[z^T M z]), stopped at a requested relative standard error; or by Hutch++ (Meyer, Musco,
// Musco, Woodruff 2021): the trace of a sketched top subspace exactly, Hutchinson on the rest.
#include <cstdint>

#include "losslab/core/random.hpp"
#include "losslab/core/task_control.hpp"
#include "losslab/curvature/curvature_operator.hpp"

namespace losslab {

struct TraceOptions {
  int maxProbes = 1000;          // Hutch++: the whole budget of products
  int minProbes = 10;
  double relativeError = 1e-2;   // stop once standard error <= relativeError * |estimate|
  bool hutchPlusPlus = false;
  std::uint64_t seed = 0;
};

struct TraceEstimate {
  double estimate = 0.0;
  double standardError = 0.0;  // of the stochastic part
  int probes = 0;              // Rademacher probes of the stochastic part
  long products = 0;           // operator applications in all
};

TraceEstimate hutchinsonTrace(CurvatureOperator& op, const TraceOptions& options,
                              const TaskControl& control = {});

// A vector of independent +-1 entries.
Eigen::VectorXd rademacher(Index n, Rng& rng);

}  // namespace losslab
