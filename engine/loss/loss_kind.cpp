#include "losslab/loss/loss_kind.hpp"

#include "losslab/core/error.hpp"

namespace losslab {

std::string toString(LossKind k) {
  switch (k) {
    case LossKind::CrossEntropy: return "cross_entropy";
    case LossKind::StableMaxCrossEntropy: return "stablemax_cross_entropy";
    case LossKind::Mse: return "mse";
  }
  return "?";
}

LossKind lossFromString(const std::string& name) {
  for (LossKind k : {LossKind::CrossEntropy, LossKind::StableMaxCrossEntropy, LossKind::Mse})
    if (toString(k) == name) return k;
  throw InputError("loss: unknown \"" + name +
                   "\" (allowed: cross_entropy, stablemax_cross_entropy, mse)");
}

}  // namespace losslab
