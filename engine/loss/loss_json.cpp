#include "losslab/loss/loss_json.hpp"

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"

namespace losslab {

namespace jf = json_fields;

Loss readLossParams(const nlohmann::json& doc, LossKind kind, const std::string& path) {
  Loss loss(kind);
  if (!doc.contains("loss_params")) return loss;
  const std::string where = jf::join(path, "loss_params");
  const nlohmann::json& p = doc["loss_params"];
  if (!p.is_object()) throw InputError(where + ": must be an object");
  jf::rejectUnknownKeys(p, {"gamma", "epsilon", "label_smoothing", "z_loss"}, where);
  LossParams& q = loss.params;
  if (p.contains("gamma")) q.gamma = jf::number(p["gamma"], jf::join(where, "gamma"));
  if (p.contains("epsilon")) q.epsilon = jf::number(p["epsilon"], jf::join(where, "epsilon"));
  if (p.contains("label_smoothing"))
    q.labelSmoothing = jf::number(p["label_smoothing"], jf::join(where, "label_smoothing"));
  if (p.contains("z_loss")) q.zLoss = jf::number(p["z_loss"], jf::join(where, "z_loss"));
  if (const std::string problem = lossParamsProblem(loss); !problem.empty())
    throw InputError((path.empty() ? "" : path + ".") + problem + " (loss is " + toString(kind) + ")");
  return loss;
}

void writeLoss(nlohmann::json& doc, const Loss& loss, bool everyParameter) {
  doc["loss"] = toString(loss.kind);
  const LossParams& p = loss.params;
  const LossParams defaults;
  const LossKind k = loss.kind;
  nlohmann::json params = nlohmann::json::object();
  const bool all = everyParameter;
  if (p.gamma != defaults.gamma || (all && k == LossKind::Focal)) params["gamma"] = p.gamma;
  if (p.epsilon != defaults.epsilon || (all && k == LossKind::Poly1CrossEntropy)) params["epsilon"] = p.epsilon;
  if (p.labelSmoothing != defaults.labelSmoothing || (all && k == LossKind::CrossEntropy))
    params["label_smoothing"] = p.labelSmoothing;
  if (p.zLoss != defaults.zLoss || (all && k == LossKind::CrossEntropy)) params["z_loss"] = p.zLoss;
  if (!params.empty()) doc["loss_params"] = params;
}

}  // namespace losslab
