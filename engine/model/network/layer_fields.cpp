#include "losslab/model/network/layer_fields.hpp"

#include <limits>

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
    case LayerKind::Conv2d: return {"kind", "out_channels", "kernel", "stride", "padding", "bias"};
    case LayerKind::AvgPool2d:
    case LayerKind::MaxPool2d: return {"kind", "kernel"};
    case LayerKind::Embedding: return {"kind", "vocab", "dim"};
    case LayerKind::Attention: return {"kind", "heads", "causal", "bias"};
    case LayerKind::Select: return {"kind", "position"};
    case LayerKind::Flatten:
    case LayerKind::Positional: break;
  }
  return {"kind"};
}

LayerKind kindAt(const json& j, const std::string& path) {
  const std::string kind = jf::string(jf::require(j, "kind", path), jf::join(path, "kind"));
  if (kind == "linear") return LayerKind::Linear;
  if (kind == "activation") return LayerKind::Activation;
  if (kind == "layernorm") return LayerKind::LayerNorm;
  if (kind == "residual") return LayerKind::Residual;
  for (LayerKind k : {LayerKind::Conv2d, LayerKind::AvgPool2d, LayerKind::MaxPool2d, LayerKind::Flatten,
                      LayerKind::Embedding, LayerKind::Positional, LayerKind::Attention, LayerKind::Select})
    if (kind == toString(k)) return k;
  throw InputError(jf::join(path, "kind") + ": unknown \"" + kind +
                   "\" (allowed: linear, activation, residual, layernorm, conv2d, avgpool2d, maxpool2d, flatten, "
                   "embedding, positional, attention, select)");
}

// An integer field: required, or left at its default when absent.
void readInteger(const json& j, const std::string& path, const char* key, bool required, int least, int& value) {
  if (!j.contains(key)) {
    if (required) jf::require(j, key, path);
    return;
  }
  value = jf::smallInteger(j[key], jf::join(path, key));
  if (value < least)
    throw InputError(jf::join(path, key) + ": " + std::to_string(value) + ", must be at least " + std::to_string(least));
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
    case LayerKind::Conv2d:
      readInteger(j, path, "out_channels", true, 1, l.outChannels);
      readInteger(j, path, "kernel", true, 1, l.kernel);
      readInteger(j, path, "stride", false, 1, l.stride);
      readInteger(j, path, "padding", false, 0, l.padding);
      if (j.contains("bias")) l.bias = jf::boolean(j["bias"], jf::join(path, "bias"));
      break;
    case LayerKind::AvgPool2d:
    case LayerKind::MaxPool2d: readInteger(j, path, "kernel", true, 1, l.kernel); break;
    case LayerKind::Embedding:
      readInteger(j, path, "vocab", false, 1, l.vocab);  // an experiment may leave it to the data
      readInteger(j, path, "dim", true, 1, l.dim);
      break;
    case LayerKind::Attention:
      readInteger(j, path, "heads", true, 1, l.heads);
      if (j.contains("causal")) l.causal = jf::boolean(j["causal"], jf::join(path, "causal"));
      if (j.contains("bias")) l.bias = jf::boolean(j["bias"], jf::join(path, "bias"));
      break;
    case LayerKind::Select:
      readInteger(j, path, "position", false, std::numeric_limits<int>::min(), l.position);
      break;
    case LayerKind::Residual:
    case LayerKind::Flatten:
    case LayerKind::Positional: break;
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
    case LayerKind::Conv2d:
      j["out_channels"] = l.outChannels;
      j["kernel"] = l.kernel;
      j["stride"] = l.stride;
      j["padding"] = l.padding;
      j["bias"] = l.bias;
      break;
    case LayerKind::AvgPool2d:
    case LayerKind::MaxPool2d: j["kernel"] = l.kernel; break;
    case LayerKind::Embedding:
      if (l.vocab > 0) j["vocab"] = l.vocab;  // 0: the data's (an experiment's)
      j["dim"] = l.dim;
      break;
    case LayerKind::Attention:
      j["heads"] = l.heads;
      j["causal"] = l.causal;
      j["bias"] = l.bias;
      break;
    case LayerKind::Select: j["position"] = l.position; break;
    case LayerKind::Residual:
    case LayerKind::Flatten:
    case LayerKind::Positional: break;
  }
  return j;
}

}  // namespace losslab
