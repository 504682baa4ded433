#pragma once
// Softmax Collapse diagnostics (Prieto, Barsbey, Mediano & Birdal, ICLR 2025), measured on the
// same logits as float16, float32 and float64 would see them.
//
// SC: a sample has collapsed in a precision when S = sum_k exp(z_k - max_j z_j), with the logits
// cast to that precision and the terms rounded to it, equals exactly 1. Whether it does depends
// on how S is summed (SummationOrder). By default as the authors' code does it, torch.sum of the
// terms in class order (torch_sum.hpp): float16 accumulates in float32 and rounds once, so with C
// classes and equal gaps d it collapses at d > ln(C - 1) + 11 ln 2 (12.3 for 113 classes);
// float32 and float64 sum in PyTorch's lanes (19.3 to 21.2 in float32 for 113 classes, by where
// the top class sits). The two other orders round every partial sum to the precision: the
// largest term, exp(0) = 1, first and the others in class order, so S == 1 exactly when every
// other term is at most half an ulp of 1 (a top gap above p ln 2, p = 11, 24, 53 for
// float16/32/64: 7.6, 16.6, 36.7); or the small terms first (ascending, the 1 last), which lets
// them add up before they meet the 1: with equal gaps d > ln(C - 1) + p ln 2 (float32, 113
// classes: 21.4). Zero loss: log S + max - z_y == 0;
// zero gradient: exp(z_y - max) / S == 1, i.e. the correct-class gradient softmax_y - 1 is 0.
// A StableMax run's zero loss and gradient are its own loss's, log(1 + R/s(z_y)) == 0 and
// -s'(z_y)/s(z_y) * R/(s(z_y) + R) == 0 with R = sum_{k != y} s(z_k), in that precision; SC stays
// softmax's (what softmax would make of the same logits).
#include <Eigen/Core>
#include <array>
#include <string>
#include <vector>

#include "losslab/loss/loss_kind.hpp"

namespace losslab {

enum class FloatFormat { Float16 = 0, Float32 = 1, Float64 = 2 };
constexpr std::array<FloatFormat, 3> kFloatFormats{FloatFormat::Float16, FloatFormat::Float32,
                                                   FloatFormat::Float64};
const char* toString(FloatFormat f);  // "float16", "float32", "float64"

enum class SummationOrder { LargestFirst, SmallestFirst, Torch };
const char* toString(SummationOrder o);  // "largest-first", "smallest-first", "pytorch"
SummationOrder summationOrderFromString(const std::string& name);  // throws InputError

struct CollapseDiagnostics {
  std::array<double, 3> scFraction{};        // indexed by FloatFormat
  std::array<double, 3> zeroLossFraction{};
  std::array<double, 3> zeroGradFraction{};
  double logitNormMean = 0.0, logitNormMax = 0.0;  // ||z_i||_2 over samples
  std::vector<double> logitGaps;                    // z_y - max_{k != y} z_k per sample
};

// logits: classes x samples (float64; cast down per format), labels: one class per sample.
CollapseDiagnostics softmaxCollapse(const Eigen::MatrixXd& logits, const std::vector<int>& labels,
                                    SummationOrder order = SummationOrder::Torch,
                                    const Loss& loss = LossKind::CrossEntropy);

// The per-sample test in one precision (exposed for tests of the thresholds).
bool softmaxCollapsed(const Eigen::VectorXd& z, FloatFormat format,
                      SummationOrder order = SummationOrder::Torch);

// The top gap z_max - z_other above which S == 1 when all C - 1 other logits are equal: p ln 2
// largest first (exact for any logits: the runner-up decides), ln(C - 1) + p ln 2 smallest first
// (the equal-gap case; unequal gaps collapse earlier), and for PyTorch's sum the edge of the
// metric itself with the top logit at class 0 (float16: ln(C - 1) + 11 ln 2 to within its
// rounding; float32 and float64: where PyTorch's lanes meet the 1, a top elsewhere moves it by
// at most ln of the number of lanes).
double collapseGapThreshold(FloatFormat format, SummationOrder order, int classes);

}  // namespace losslab
