#include "losslab/model/network/network_file.hpp"

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/model/model_file.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

namespace {

// Appends layer `path`'s tensor `name`, `rows` rows of `cols` numbers (row-major), to flat.
void readMatrix(const json& j, const std::string& path, const std::string& name, int rows, int cols,
                std::vector<double>& flat) {
  const json& m = jf::require(j, name, path);
  if (!m.is_array()) throw InputError(jf::join(path, name) + ": expected an array of rows");
  if (static_cast<int>(m.size()) != rows)
    throw InputError(path + ": " + name + " has " + std::to_string(m.size()) + " rows, out is " +
                     std::to_string(rows));
  for (int r = 0; r < rows; ++r) {
    const auto row = jf::numbers(m[r], jf::at(jf::join(path, name), r));
    if (static_cast<int>(row.size()) != cols)
      throw InputError(path + ": " + jf::at(name, r) + " has " + std::to_string(row.size()) +
                       " numbers, the layer's input width is " + std::to_string(cols));
    flat.insert(flat.end(), row.begin(), row.end());
  }
}

// Appends layer `path`'s one-dimensional tensor `name` of `size` numbers to flat.
void readVector(const json& j, const std::string& path, const std::string& name, int size,
                std::vector<double>& flat) {
  const auto values = jf::numbers(jf::require(j, name, path), jf::join(path, name));
  if (static_cast<int>(values.size()) != size)
    throw InputError(path + ": " + name + " has " + std::to_string(values.size()) + " numbers, expected " +
                     std::to_string(size));
  flat.insert(flat.end(), values.begin(), values.end());
}

// Residual blocks nest at most this deep: each level is a few stack frames in every pass, and a
// file of a million nested blocks must be an error, not a stack overflow.
constexpr int kMaxNesting = 64;

std::vector<Layer> readLayers(const json& list, int& width, const std::string& path, int depth,
                              std::vector<double>& flat);

// One layer taking `width` features; updates width to its output and appends its tensors.
Layer readLayer(const json& j, int& width, const std::string& path, int depth, std::vector<double>& flat) {
  if (!j.is_object()) throw InputError(path + ": expected a layer object with a \"kind\"");
  const std::string kind = jf::string(jf::require(j, "kind", path), jf::join(path, "kind"));
  Layer l;
  if (kind == "linear") {
    jf::rejectUnknownKeys(j, {"kind", "out", "bias", "W", "b"}, path);
    l.kind = LayerKind::Linear;
    l.out = jf::smallInteger(jf::require(j, "out", path), jf::join(path, "out"));
    if (l.out < 1) throw InputError(jf::join(path, "out") + ": " + std::to_string(l.out) + ", must be at least 1");
    if (j.contains("bias")) l.bias = jf::boolean(j["bias"], jf::join(path, "bias"));
    readMatrix(j, path, "W", l.out, width, flat);
    if (l.bias)
      readVector(j, path, "b", l.out, flat);
    else if (j.contains("b"))
      throw InputError(jf::join(path, "b") + ": given, but bias is false");
    width = l.out;
  } else if (kind == "activation") {
    jf::rejectUnknownKeys(j, {"kind", "fn", "slope"}, path);
    l.kind = LayerKind::Activation;
    try {
      l.fn = activationFromString(jf::string(jf::require(j, "fn", path), jf::join(path, "fn")));
    } catch (const InputError& e) {  // "activation: unknown ..." names the /1 field: name this one
      const std::string what = e.what(), prefix = "activation: ";
      throw InputError(jf::join(path, "fn") + ": " +
                       (what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what));
    }
    if (j.contains("slope")) {
      if (l.fn != Activation::LeakyRelu)
        throw InputError(jf::join(path, "slope") + ": only leaky_relu has a slope");
      l.slope = jf::number(j["slope"], jf::join(path, "slope"));
    }
  } else if (kind == "layernorm") {
    jf::rejectUnknownKeys(j, {"kind", "eps", "gamma", "beta"}, path);
    l.kind = LayerKind::LayerNorm;
    if (j.contains("eps")) l.eps = jf::number(j["eps"], jf::join(path, "eps"));
    if (!(l.eps > 0)) throw InputError(jf::join(path, "eps") + ": must be a number > 0");
    readVector(j, path, "gamma", width, flat);
    readVector(j, path, "beta", width, flat);
  } else if (kind == "residual") {
    jf::rejectUnknownKeys(j, {"kind", "body"}, path);
    l.kind = LayerKind::Residual;
    if (depth >= kMaxNesting)
      throw InputError(path + ": residual blocks nested more than " + std::to_string(kMaxNesting) + " deep");
    int bodyWidth = width;
    l.body = readLayers(jf::require(j, "body", path), bodyWidth, jf::join(path, "body"), depth + 1, flat);
    if (bodyWidth != width)
      throw InputError(jf::join(path, "body") + ": changes the width from " + std::to_string(width) +
                       " to " + std::to_string(bodyWidth) + " (x + body(x) needs the same width)");
  } else if (kind == "conv2d" || kind == "avgpool2d" || kind == "maxpool2d" || kind == "flatten" ||
             kind == "embedding" || kind == "positional" || kind == "attention" || kind == "select") {
    throw InputError(path + ": \"" + kind +
                     "\" layers are not supported yet (this version reads linear, activation, "
                     "residual and layernorm)");
  } else {
    throw InputError(jf::join(path, "kind") + ": unknown \"" + kind +
                     "\" (allowed: linear, activation, residual, layernorm)");
  }
  return l;
}

std::vector<Layer> readLayers(const json& list, int& width, const std::string& path, int depth,
                              std::vector<double>& flat) {
  if (!list.is_array()) throw InputError(path + ": expected a list of layers");
  if (list.empty()) throw InputError(path + ": an empty layer list");
  std::vector<Layer> layers;
  for (size_t i = 0; i < list.size(); ++i)
    layers.push_back(readLayer(list[i], width, jf::at(path, i), depth, flat));
  return layers;
}

NetworkFile parseVersion2(const json& doc) {
  jf::rejectUnknownKeys(doc, {"format", "name", "input_shape", "input_type", "network", "loss",
                              "loss_params", "output_scale", "data", "expected"}, "");
  NetworkFile f;
  if (doc.contains("name")) f.name = jf::string(doc["name"], "name");
  if (doc.contains("input_type") && jf::string(doc["input_type"], "input_type") != "real")
    throw InputError("input_type: only \"real\" inputs are supported yet");
  const std::vector<int> shape = jf::integers(jf::require(doc, "input_shape", ""), "input_shape");
  if (shape.size() != 1)
    throw InputError("input_shape: only vectors ([features]) are supported yet, got " +
                     std::to_string(shape.size()) + " dimensions");
  f.network.inputDim = shape[0];
  if (f.network.inputDim < 1) throw InputError("input_shape[0]: must be at least 1");
  if (doc.contains("output_scale")) f.network.outputScale = jf::number(doc["output_scale"], "output_scale");
  f.loss = lossFromString(jf::string(jf::require(doc, "loss", ""), "loss"));
  if (doc.contains("loss_params")) throw InputError("loss_params: not supported yet");
  std::vector<double> flat;
  int width = f.network.inputDim;
  f.network.layers = readLayers(jf::require(doc, "network", ""), width, "network", 0, flat);
  f.network.resolve();
  f.parameters = Eigen::Map<const Eigen::VectorXd>(flat.data(), Index(flat.size()));
  readModelData(jf::require(doc, "data", ""), f.network.inputDim, f.network.outputDim(), f.loss, f.data,
                f.test);
  if (doc.contains("expected")) f.expected = doc["expected"];
  return f;
}

}  // namespace

NetworkFile parseNetworkFile(const std::string& text, const std::string& origin) {
  try {
    const json doc = jf::parse(text, origin);
    if (!doc.is_object()) throw InputError("expected a JSON object");
    const std::string format = jf::string(jf::require(doc, "format", ""), "format");
    if (format == "losslab-model/2") return parseVersion2(doc);
    if (format != "losslab-model/1")
      throw InputError("format: \"" + format + "\" is neither \"losslab-model/1\" nor \"losslab-model/2\"");
    ModelFile m = parseModelFile(text, origin);
    return NetworkFile{m.name, Network(m.architecture), m.loss, m.parameters, m.data,
                       m.test, m.expected};
  } catch (const InputError& e) {
    const std::string what = e.what();
    if (what.rfind(origin, 0) == 0) throw;
    throw InputError(origin + ": " + what);
  }
}

NetworkFile readNetworkFile(const std::string& path) { return parseNetworkFile(readTextFile(path), path); }

}  // namespace losslab
