#pragma once
// The metrics.csv columns that softmax-collapse tracking adds after the spec's own (which stay
// as they are): every precision's zero-loss and zero-gradient fractions, the test set's
// fractions and norms, cos(theta, -grad L), per-layer weight norms and NLM cosines (layers with
// parameters, numbered from 1 at the input), and neural collapse NC1-NC4.
#include <string>
#include <vector>

#include "losslab/diagnostics/collapse_record.hpp"
#include "losslab/model/network/network.hpp"
#include "losslab/run/collapse_tracking.hpp"

namespace losslab {

// The added columns a run has, in order (none when tracking is off).
std::vector<std::string> addedCollapseColumns(const CollapseTracking& tracking, const Network& net,
                                              bool hasTest);
// The value of one added column in a record; NaN for a name that is not one or a value absent.
double collapseColumnValue(const CollapseRecord& record, const std::string& column);

}  // namespace losslab
