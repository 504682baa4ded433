#pragma once
// Softmax Collapse diagnostics (Prieto, Barsbey, Mediano & Birdal, ICLR 2025), measured on the
// same logits as float16, float32 and float64 would see them.
//
// SC: a sample has collapsed in a precision when S = sum_k exp(z_k - max_j z_j), with the logits
// cast to that precision and every operation rounded to it, equals exactly 1. The sum starts with
// the largest term, exp(0) = 1, and adds the others in class order: then S == 1 exactly when every
// other term is below half an ulp of 1 (float32: gaps above ~16.6 for equal gaps over 113
// classes). Zero loss: log S + max - z_y == 0; zero gradient: exp(z_y - max) / S == 1, i.e. the
// correct-class logit's gradient softmax_y - 1 is exactly 0.
#include <Eigen/Core>
#include <array>
#include <vector>

namespace losslab {

enum class FloatFormat { Float16 = 0, Float32 = 1, Float64 = 2 };
constexpr std::array<FloatFormat, 3> kFloatFormats{FloatFormat::Float16, FloatFormat::Float32,
                                                   FloatFormat::Float64};
const char* toString(FloatFormat f);  // "float16", "float32", "float64"

struct CollapseDiagnostics {
  std::array<double, 3> scFraction{};        // indexed by FloatFormat
  std::array<double, 3> zeroLossFraction{};
  std::array<double, 3> zeroGradFraction{};
  double logitNormMean = 0.0, logitNormMax = 0.0;  // ||z_i||_2 over samples
  std::vector<double> logitGaps;                    // z_y - max_{k != y} z_k per sample
};

// logits: classes x samples (float64; cast down per format), labels: one class per sample.
CollapseDiagnostics softmaxCollapse(const Eigen::MatrixXd& logits, const std::vector<int>& labels);

// The per-sample test in one precision (exposed for tests of the thresholds).
bool softmaxCollapsed(const Eigen::VectorXd& z, FloatFormat format);

}  // namespace losslab
