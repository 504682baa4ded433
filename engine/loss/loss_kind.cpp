#include "losslab/loss/loss_kind.hpp"

#include <cmath>
#include <sstream>
#include <vector>

#include "losslab/core/error.hpp"

namespace losslab {

std::string toString(LossKind k) {
  switch (k) {
    case LossKind::CrossEntropy: return "cross_entropy";
    case LossKind::StableMaxCrossEntropy: return "stablemax_cross_entropy";
    case LossKind::Mse: return "mse";
    case LossKind::Focal: return "focal";
    case LossKind::Poly1CrossEntropy: return "poly1_cross_entropy";
  }
  return "?";
}

LossKind lossFromString(const std::string& name) {
  for (LossKind k : {LossKind::CrossEntropy, LossKind::StableMaxCrossEntropy, LossKind::Mse, LossKind::Focal,
                     LossKind::Poly1CrossEntropy})
    if (toString(k) == name) return k;
  throw InputError("loss: unknown \"" + name +
                   "\" (allowed: cross_entropy, stablemax_cross_entropy, mse, focal, poly1_cross_entropy)");
}

namespace {
std::string shortNumber(double v) {
  std::ostringstream s;
  s << v;  // 6 significant digits, no trailing zeros: 0.1, 0.0001, 2
  return s.str();
}
}  // namespace

std::string describe(const Loss& loss) {
  const LossParams& p = loss.params;
  std::vector<std::string> parts;
  if (loss.kind == LossKind::Focal) parts.push_back("γ = " + shortNumber(p.gamma));
  if (loss.kind == LossKind::Poly1CrossEntropy) parts.push_back("ε = " + shortNumber(p.epsilon));
  if (p.labelSmoothing != 0) parts.push_back("label smoothing " + shortNumber(p.labelSmoothing));
  if (p.zLoss != 0) parts.push_back("z-loss " + shortNumber(p.zLoss));
  std::string out = toString(loss.kind);
  for (size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? " (" : ", ") + parts[i];
  return parts.empty() ? out : out + ")";
}

Loss withKind(const Loss& loss, LossKind kind) {
  LossParams kept;
  for (const LossParameter& p : kLossParameters)
    if (p.owner == kind) kept.*p.member = loss.params.*p.member;
  return Loss(kind, kept);
}

std::string lossParamsProblem(const Loss& loss) {
  const LossParams& p = loss.params;
  const LossParams defaults;
  for (const LossParameter& q : kLossParameters)
    if (p.*q.member != defaults.*q.member && loss.kind != q.owner)
      return "loss_params." + std::string(q.key) + ": applies to " + toString(q.owner) + " only";
  if (!std::isfinite(p.gamma) || p.gamma < 0) return "loss_params.gamma: must be a number >= 0";
  if (!std::isfinite(p.epsilon)) return "loss_params.epsilon: must be a finite number";
  if (!(p.labelSmoothing >= 0 && p.labelSmoothing <= 1)) return "loss_params.label_smoothing: must be in [0, 1]";
  if (!std::isfinite(p.zLoss) || p.zLoss < 0) return "loss_params.z_loss: must be a number >= 0";
  return "";
}

}  // namespace losslab
