#pragma once
#include <string>

namespace losslab {

// Every loss is a mean over samples (shared/spec/model-format.md).
enum class LossKind {
  CrossEntropy,           // softmax + NLL, through log-sum-exp
  StableMaxCrossEntropy,  // Prieto et al. 2025
  Mse,                    // 0.5 * mean_i ||f(x_i) - y_i||^2
};

std::string toString(LossKind k);
LossKind lossFromString(const std::string& name);  // throws InputError listing the choices
inline bool isClassification(LossKind k) { return k != LossKind::Mse; }

}  // namespace losslab
