#pragma once
// Which softmax-collapse diagnostics a training run measures along the way, and how often
// (Prieto et al. 2025; neural collapse: Papyan, Han & Donoho 2020).
#include "losslab/diagnostics/softmax_collapse.hpp"

namespace losslab {

struct CollapseTracking {
  long every = 0;  // measure at steps divisible by this (classification runs); 0: off
  SummationOrder order = SummationOrder::Torch;  // of S = sum_k exp(z_k - max z)
  bool neuralCollapse = true;  // NC1-NC4 of the last hidden layer on the training set
  int gapBins = 60;            // bins of the logit-gap histograms
  bool operator==(const CollapseTracking&) const = default;
};

// Throws InputError naming the option (every >= 0, gapBins in 1..10000).
void validate(const CollapseTracking& tracking);

}  // namespace losslab
