#include "losslab/model/init_kind.hpp"

#include "losslab/core/error.hpp"

namespace losslab {

std::string toString(InitKind k) {
  switch (k) {
    case InitKind::Pytorch: return "pytorch";
    case InitKind::Xavier: return "xavier";
    case InitKind::He: return "he";
  }
  return "?";
}

InitKind initFromString(const std::string& name) {
  for (InitKind k : {InitKind::Pytorch, InitKind::Xavier, InitKind::He})
    if (toString(k) == name) return k;
  throw InputError("model.init: unknown \"" + name + "\" (allowed: pytorch, xavier, he)");
}

}  // namespace losslab
