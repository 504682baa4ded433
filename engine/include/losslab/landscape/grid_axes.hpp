#pragma once
// The axes a landscape is sampled on, and the limits every landscape request is checked against
// before any work starts: 2..1001 points per axis, and a memory budget.
#include <cstddef>
#include <string>
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/model/network/network.hpp"

namespace losslab {

inline constexpr int kMinAxisPoints = 2;
inline constexpr int kMaxAxisPoints = 1001;
// What one landscape evaluation may hold at once: the result values plus the activations of
// every parallel worker. 1 GiB by default; callers may lower or raise it.
inline constexpr std::size_t kDefaultLandscapeMemoryLimit = std::size_t(1) << 30;

// `points` equally spaced values from `from` to `to`, both included.
struct AxisRange {
  double from = -1.0;
  double to = 1.0;
  int points = 51;
};

// Computed as (from (n-1-i) + to i) / (n-1): both ends exact, and every value that is a
// representable number (0 and 1 of an interpolation, the quarters of [-1, 1]) exactly that number,
// whatever the compiler does with multiply-adds.
std::vector<double> axisValues(const AxisRange& axis);

// Throws InputError naming the option (rangeName for from/to, pointsName for points), the bad
// value and the allowed range: from < to, both finite, kMinAxisPoints..kMaxAxisPoints points.
void validateAxis(const AxisRange& axis, const std::string& rangeName, const std::string& pointsName);

// Bytes one loss evaluation of `samples` samples keeps in its workspaces (pre-activations and
// activations of every layer) at `scalarBytes` per number.
std::size_t evaluationWorkspaceBytes(const Network& net, Index samples, std::size_t scalarBytes);

// Throws InputError if `values` result numbers (8 bytes each) plus one evaluation workspace
// exceed `limitBytes` (`what` names the request in the message, e.g. "a 51 x 51 grid"); returns
// how many parallel workers fit in the budget: at least 1, at most this machine's threads.
int workersWithinMemory(const std::string& what, std::size_t values, const Network& net,
                        Index samples, std::size_t scalarBytes, std::size_t limitBytes);

}  // namespace losslab
