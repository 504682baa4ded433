#pragma once
// A file's "loss" and "loss_params" (shared/spec/model-format-2.md, "More losses"; the same two
// keys in experiments and in model files of both versions).
#include <nlohmann/json.hpp>
#include <string>

#include "losslab/loss/loss_kind.hpp"

namespace losslab {

// `kind` with the parameters in doc's optional "loss_params" object. InputError naming the field
// (path: where doc sits, "" at the top) for an unknown key, a wrong type, a value out of range or
// a parameter of another loss.
Loss readLossParams(const nlohmann::json& doc, LossKind kind, const std::string& path = "");
// Writes "loss" and, when a parameter differs from its default, "loss_params" with those: a
// plain loss's model file is as before. everyParameter: "loss_params" holds every parameter of
// this loss, defaults too (an experiment's complete document, whose settings a sweep addresses:
// "loss_params.z_loss").
void writeLoss(nlohmann::json& doc, const Loss& loss, bool everyParameter = false);

}  // namespace losslab
