#include "losslab/model/network/layer_fields.hpp"

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

namespace {

std::vector<std::string> ownKeys(LayerKind kind) {
  switch (kind) {
    case LayerKind::Linear: return {"kind", "out", "bias"};
    case LayerKind::Activation: return {"kind", "fn", "slope"};
    case LayerKind::LayerNorm: return {"kind", "eps"};
    case LayerKind::Residual: return {"kind", "body"};
  }
  return {"kind"};
}

LayerKind kindAt(const json& j, const std::string& path) {
  const std::string kind = jf::string(jf::require(j, "kind", path), jf::join(path, "kind"));
  if (kind == "linear") return LayerKind::Linear;
  if (kind == "activation") return LayerKind::Activation;
  if (kind == "layernorm") return LayerKind::LayerNorm;
  if (kind == "residual") return LayerKind::Residual;
  if (kind == "conv2d" || kind == "avgpool2d" || kind == "maxpool2d" || kind == "flatten" || kind == "embedding" ||
      kind == "positional" || kind == "attention" || kind == "select")
    throw InputError(path + ": \"" + kind +
                     "\" layers are not supported yet (this version reads linear, activation, residual and layernorm)");
  throw InputError(jf::join(path, "kind") + ": unknown \"" + kind +
                   "\" (allowed: linear, activation, residual, layernorm)");
}

}  // namespace

void readLayerFields(const json& j, const std::string& path, const ExtraLayerKeys& extraKeys, Layer& l) {
  if (!j.is_object()) throw InputError(path + ": expected a layer object with a \"kind\"");
  l.kind = kindAt(j, path);
  std::vector<std::string> allowed = ownKeys(l.kind);
  for (std::string& key : extraKeys(l.kind)) allowed.push_back(std::move(key));
  jf::rejectUnknownKeys(j, allowed, path);
  switch (l.kind) {
    case LayerKind::Linear:
      if (j.contains("out")) {
        l.out = jf::smallInteger(j["out"], jf::join(path, "out"));
        if (l.out < 1) throw InputError(jf::join(path, "out") + ": " + std::to_string(l.out) + ", must be at least 1");
      }
      if (j.contains("bias")) l.bias = jf::boolean(j["bias"], jf::join(path, "bias"));
      break;
    case LayerKind::Activation:
      try {
        l.fn = activationFromString(jf::string(jf::require(j, "fn", path), jf::join(path, "fn")));
      } catch (const InputError& e) {  // "activation: unknown ..." names the /1 field: name this one
        const std::string what = e.what(), prefix = "activation: ";
        throw InputError(jf::join(path, "fn") + ": " + (what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what));
      }
      if (j.contains("slope")) {
        if (l.fn != Activation::LeakyRelu) throw InputError(jf::join(path, "slope") + ": only leaky_relu has a slope");
        l.slope = jf::number(j["slope"], jf::join(path, "slope"));
      }
      break;
    case LayerKind::LayerNorm:
      if (j.contains("eps")) l.eps = jf::number(j["eps"], jf::join(path, "eps"));
      if (!(l.eps > 0)) throw InputError(jf::join(path, "eps") + ": must be a number > 0");
      break;
    case LayerKind::Residual: break;
  }
}

json layerFieldsJson(const Layer& l) {
  json j{{"kind", toString(l.kind)}};
  switch (l.kind) {
    case LayerKind::Linear:
      if (l.out > 0) j["out"] = l.out;
      j["bias"] = l.bias;
      break;
    case LayerKind::Activation:
      j["fn"] = toString(l.fn);
      if (l.fn == Activation::LeakyRelu) j["slope"] = l.slope;
      break;
    case LayerKind::LayerNorm: j["eps"] = l.eps; break;
    case LayerKind::Residual: break;
  }
  return j;
}

}  // namespace losslab
