#include "losslab/loss/loss_json.hpp"

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"

#include <vector>

namespace losslab {

namespace jf = json_fields;

Loss readLossParams(const nlohmann::json& doc, LossKind kind, const std::string& path) {
  Loss loss(kind);
  if (!doc.contains("loss_params")) return loss;
  const std::string where = jf::join(path, "loss_params");
  const nlohmann::json& p = doc["loss_params"];
  if (!p.is_object()) throw InputError(where + ": must be an object");
  std::vector<std::string> keys;
  for (const LossParameter& q : kLossParameters) keys.emplace_back(q.key);
  jf::rejectUnknownKeys(p, keys, where);
  for (const LossParameter& q : kLossParameters)
    if (p.contains(q.key)) loss.params.*q.member = jf::number(p[q.key], jf::join(where, q.key));
  if (const std::string problem = lossParamsProblem(loss); !problem.empty())
    throw InputError((path.empty() ? "" : path + ".") + problem + " (loss is " + toString(kind) + ")");
  return loss;
}

void writeLoss(nlohmann::json& doc, const Loss& loss, bool everyParameter) {
  doc["loss"] = toString(loss.kind);
  const LossParams defaults;
  nlohmann::json params = nlohmann::json::object();
  for (const LossParameter& q : kLossParameters) {
    const double v = loss.params.*q.member;
    if (v != defaults.*q.member || (everyParameter && loss.kind == q.owner)) params[q.key] = v;
  }
  if (!params.empty()) doc["loss_params"] = params;
}

}  // namespace losslab
