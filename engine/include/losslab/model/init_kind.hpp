#pragma once
// The initialisation schemes an experiment names (model.init); what they draw is in
// initialization.hpp. Apart from it so that the experiment's settings need not include the
// initialiser (config sits above model, not beside it).
#include <string>

namespace losslab {

enum class InitKind { Pytorch, Xavier, He };

std::string toString(InitKind k);
InitKind initFromString(const std::string& name);  // throws InputError naming the choices

}  // namespace losslab
