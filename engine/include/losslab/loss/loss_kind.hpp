#pragma once
#include <string>

namespace losslab {

// Every loss is a mean over samples (shared/spec/model-format.md; focal and Poly-1 from
// model-format-2.md, "More losses").
enum class LossKind {
  CrossEntropy,           // softmax + NLL, through log-sum-exp
  StableMaxCrossEntropy,  // Prieto et al. 2025
  Mse,                    // 0.5 * mean_i ||f(x_i) - y_i||^2
  Focal,                  // -(1 - p_y)^gamma log p_y (Lin et al. 2017)
  Poly1CrossEntropy,      // -log p_y + epsilon (1 - p_y) (Leng et al. 2022)
};

// The file's `loss_params`: each applies to one loss only (lossParamsProblem says which).
struct LossParams {
  double gamma = 2;           // focal
  double epsilon = 1;         // poly1_cross_entropy
  double labelSmoothing = 0;  // cross_entropy: -(1 - e) log p_y - e mean_k log p_k
  double zLoss = 0;           // cross_entropy: + c (log sum_k e^{z_k})^2 (PaLM's auxiliary loss)
  bool operator==(const LossParams&) const = default;
};

// Which loss each key of `loss_params` shapes (model-format-2.md, "More losses"): the one table
// the reader, the writer, the checks and the window's rows go by.
struct LossParameter {
  const char* key;  // as in the file: "label_smoothing"
  double LossParams::*member;
  LossKind owner;
};
inline constexpr LossParameter kLossParameters[] = {
    {"gamma", &LossParams::gamma, LossKind::Focal},
    {"epsilon", &LossParams::epsilon, LossKind::Poly1CrossEntropy},
    {"label_smoothing", &LossParams::labelSmoothing, LossKind::CrossEntropy},
    {"z_loss", &LossParams::zLoss, LossKind::CrossEntropy}};

// A loss: its kind and its parameters. Converts from a kind (default parameters) so that code
// naming a plain loss stays short; compare kinds with `.kind` (a Loss is never == a LossKind,
// which would silently ignore the parameters).
struct Loss {
  LossKind kind = LossKind::CrossEntropy;
  LossParams params;
  Loss() = default;
  Loss(LossKind k, LossParams p = {}) : kind(k), params(p) {}  // NOLINT: implicit on purpose
  bool operator==(const Loss&) const = default;
  bool operator==(LossKind) const = delete;
};

std::string toString(LossKind k);
LossKind lossFromString(const std::string& name);  // throws InputError listing the choices
inline bool isClassification(LossKind k) { return k != LossKind::Mse; }
inline bool isClassification(const Loss& l) { return isClassification(l.kind); }
// Softmax-based: probabilities are softmax(z), and softmax collapse applies as defined.
inline bool usesSoftmax(LossKind k) { return k != LossKind::Mse && k != LossKind::StableMaxCrossEntropy; }
// `loss` switched to `kind`: the parameters that apply to `kind` are kept, the others reset (a
// label smoothing does not follow the loss to focal, where it would be an error).
Loss withKind(const Loss& loss, LossKind kind);
// The file's name of the loss with the parameters that shape it, for labels and captions:
// "focal (γ = 2)", "cross_entropy (label smoothing 0.1, z-loss 0.0001)", "mse".
std::string describe(const Loss& loss);
// What is wrong with these parameters for this loss ("loss_params.gamma: ..."), or "" if nothing:
// a parameter of another loss that is not at its default, or a value out of range.
std::string lossParamsProblem(const Loss& loss);

}  // namespace losslab
