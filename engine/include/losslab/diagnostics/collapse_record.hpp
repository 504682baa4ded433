#pragma once
// Everything softmax-collapse tracking measures at one step (Prieto et al. 2025), as a value that
// snapshots share: SC, zero-loss and zero-gradient fractions in every precision and the logit
// norms and gap histogram, on the training and the test set; weight norms and NLM alignment per
// layer and in total; neural collapse of the last hidden layer (Papyan, Han & Donoho 2020).
#include <optional>

#include "losslab/diagnostics/logit_gap_histogram.hpp"
#include "losslab/diagnostics/neural_collapse.hpp"
#include "losslab/diagnostics/nlm_alignment.hpp"
#include "losslab/diagnostics/softmax_collapse.hpp"

namespace losslab {

// One data set's softmax diagnostics (fractions indexed by FloatFormat).
struct CollapseSetRecord {
  std::array<double, 3> scFraction{}, zeroLossFraction{}, zeroGradFraction{};
  double logitNormMean = 0.0, logitNormMax = 0.0;
  LogitGapHistogram gaps;
};

struct CollapseRecord {
  long step = 0;
  SummationOrder order = SummationOrder::Torch;
  FloatFormat runFormat = FloatFormat::Float64;  // the precision the run trains in
  CollapseSetRecord train;
  std::optional<CollapseSetRecord> test;
  LayerwiseValue weightNorm;      // ||theta_l||, ||theta||
  LayerwiseValue stepAlignment;   // cos(theta, -Delta theta), the step the optimizer takes
  LayerwiseValue gradAlignment;   // cos(theta, -grad L)
  NeuralCollapse neural;          // NaN without a hidden layer or when not tracked
};

}  // namespace losslab
