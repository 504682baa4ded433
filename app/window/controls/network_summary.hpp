#pragma once
// A network in one line for the label under the controls: a plain MLP as its widths and its
// activation ("2 → 64 → 64 → 3 (tanh)"), any other list layer by layer with repeated blocks
// counted ("2 → 64 → 8× skip[LN → 64 gelu → 64] → 3").
#include <QString>

#include "losslab/model/network/network.hpp"

namespace losslab {

QString networkSummary(const Network& net);

}  // namespace losslab
