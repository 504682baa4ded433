#include "losslab/model/network/network_file.hpp"

#include <algorithm>

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/loss/loss_json.hpp"
#include "losslab/model/model_file.hpp"
#include "losslab/model/network/layer_fields.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

namespace {

std::string dimsText(const std::vector<int>& dims) {
  std::string t;
  for (size_t i = 0; i < dims.size(); ++i) t += (i ? " x " : "") + std::to_string(dims[i]);
  return t;
}

// Appends the nested arrays of `value` (named `name`, of tensor `tensor` in layer `path`) of
// shape dims[level..] to out, row-major. Appending, never sizing up front: a few bytes of file
// cannot make the reader allocate what the layers' fields promise.
void readNested(const json& value, const std::string& path, const std::string& name, const LayerTensor& tensor,
                size_t level, std::vector<double>& out) {
  const int want = tensor.dims[level];
  const bool leaf = level + 1 == tensor.dims.size();
  if (leaf) {
    const auto values = jf::numbers(value, jf::join(path, name));
    if (static_cast<int>(values.size()) != want)
      throw InputError(path + ": " + name + " has " + std::to_string(values.size()) + " numbers, expected " +
                       std::to_string(want) + (tensor.dims.size() > 1 ? " (" + tensor.name + " is " + dimsText(tensor.dims) + ")" : ""));
    out.insert(out.end(), values.begin(), values.end());
    return;
  }
  if (!value.is_array()) throw InputError(jf::join(path, name) + ": expected an array of " + std::to_string(want) + " arrays");
  if (static_cast<int>(value.size()) != want)
    throw InputError(path + ": " + name + " has " + std::to_string(value.size()) + (level == 0 ? " rows" : " entries") +
                     ", expected " + std::to_string(want) + " (" + tensor.name + " is " + dimsText(tensor.dims) + ")");
  for (int r = 0; r < want; ++r) readNested(value[r], path, jf::at(name, r), tensor, level + 1, out);
}

// Every tensor name a layer of this kind can have (those its bias setting leaves out included).
std::vector<std::string> tensorNames(LayerKind kind) {
  Layer probe;
  probe.kind = kind;
  probe.bias = true;
  std::vector<std::string> names;
  for (const LayerTensor& t : layerTensors(probe)) names.push_back(t.name);
  return names;
}

// Residual blocks nest at most this deep: each level is a few stack frames in every pass, and a
// file of a million nested blocks must be an error, not a stack overflow.
constexpr int kMaxNesting = 64;

// The layers' kinds and fields (tensors are read once the shapes are known).
std::vector<Layer> readLayers(const json& list, const std::string& path, int depth) {
  if (!list.is_array()) throw InputError(path + ": expected a list of layers");
  if (list.empty()) throw InputError(path + ": an empty layer list");
  std::vector<Layer> layers;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string here = jf::at(path, i);
    Layer l;
    readLayerFields(list[i], here, tensorNames, l);
    if (l.kind == LayerKind::Linear) jf::require(list[i], "out", here);
    if (l.kind == LayerKind::Embedding) jf::require(list[i], "vocab", here);
    if (l.kind == LayerKind::Residual) {
      if (depth >= kMaxNesting)
        throw InputError(here + ": residual blocks nested more than " + std::to_string(kMaxNesting) + " deep");
      l.body = readLayers(jf::require(list[i], "body", here), jf::join(here, "body"), depth + 1);
    }
    layers.push_back(std::move(l));
  }
  return layers;
}

// The resolved layers' tensors, appended to flat (depth first: the flat order).
void readTensors(const json& list, const std::vector<Layer>& layers, const std::string& path, std::vector<double>& flat) {
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    const std::string here = jf::at(path, i);
    if (l.kind == LayerKind::Residual) {
      readTensors(list[i]["body"], l.body, jf::join(here, "body"), flat);
      continue;
    }
    const std::vector<LayerTensor> tensors = layerTensors(l);
    for (const std::string& name : tensorNames(l.kind)) {
      const bool own = std::any_of(tensors.begin(), tensors.end(), [&](const LayerTensor& t) { return t.name == name; });
      if (!own && list[i].contains(name)) throw InputError(jf::join(here, name) + ": given, but bias is false");
    }
    for (const LayerTensor& t : tensors) readNested(jf::require(list[i], t.name, here), here, t.name, t, 0, flat);
  }
}

NetworkFile parseVersion2(const json& doc) {
  jf::rejectUnknownKeys(doc, {"format", "name", "input_shape", "input_type", "network", "loss",
                              "loss_params", "output_scale", "data", "expected"}, "");
  NetworkFile f;
  if (doc.contains("name")) f.name = jf::string(doc["name"], "name");
  if (doc.contains("input_type")) {
    const std::string type = jf::string(doc["input_type"], "input_type");
    if (type != "real" && type != "tokens")
      throw InputError("input_type: \"" + type + "\" is neither \"real\" nor \"tokens\"");
    f.network.tokenInput = type == "tokens";
  }
  const std::vector<int> shape = jf::integers(jf::require(doc, "input_shape", ""), "input_shape");
  if (shape.empty() || shape.size() > 3)
    throw InputError("input_shape: " + std::to_string(shape.size()) +
                     " dimensions; a sample is a vector [F], a sequence [T, D] or an image [C, H, W]");
  for (size_t i = 0; i < shape.size(); ++i)
    if (shape[i] < 1) throw InputError(jf::at("input_shape", i) + ": must be at least 1");
  f.network.inputShape = Shape{shape};
  f.network.inputDim = int(f.network.inputShape.size());
  if (doc.contains("output_scale")) f.network.outputScale = jf::number(doc["output_scale"], "output_scale");
  f.loss = readLossParams(doc, lossFromString(jf::string(jf::require(doc, "loss", ""), "loss")));
  const json& list = jf::require(doc, "network", "");
  f.network.layers = readLayers(list, "network", 0);
  f.network.resolve();
  std::vector<double> flat;
  readTensors(list, f.network.layers, "network", flat);
  f.parameters = Eigen::Map<const Eigen::VectorXd>(flat.data(), Index(flat.size()));
  readModelData(jf::require(doc, "data", ""), f.network.inputDim, f.network.outputDim(), f.loss, f.data,
                f.test);
  checkTokens(f.network, f.data.x, "data.x");
  checkTokens(f.network, f.test.x, "test.x");
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

namespace {

// A tensor's values as nested arrays of its dims, row-major.
json nestedJson(const double* values, const std::vector<int>& dims, size_t level) {
  if (level + 1 == dims.size()) return std::vector<double>(values, values + dims[level]);
  Index stride = 1;
  for (size_t d = level + 1; d < dims.size(); ++d) stride *= dims[d];
  json m = json::array();
  for (int r = 0; r < dims[level]; ++r) m.push_back(nestedJson(values + r * stride, dims, level + 1));
  return m;
}

json layersJson(const std::vector<Layer>& layers, const Eigen::VectorXd& theta) {
  json list = json::array();
  for (const Layer& l : layers) {
    json j = layerFieldsJson(l);
    if (l.kind == LayerKind::Residual) j["body"] = layersJson(l.body, theta);
    for (const LayerTensor& t : layerTensors(l)) j[t.name] = nestedJson(theta.data() + t.offset, t.dims, 0);
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace

json toJson(const NetworkFile& f) {
  if (f.parameters.size() != f.network.parameterCount())
    throw InputError("model file: " + std::to_string(f.parameters.size()) + " parameters for a network of " +
                     std::to_string(f.network.parameterCount()));
  json doc{{"format", "losslab-model/2"}, {"name", f.name}, {"input_shape", f.network.shapeIn().dims},
           {"network", layersJson(f.network.layers, f.parameters)},
           {"data", modelDataJson(f.data, f.test)}};
  writeLoss(doc, f.loss);
  if (f.network.tokenInput) doc["input_type"] = "tokens";
  if (f.network.outputScale != 1.0) doc["output_scale"] = f.network.outputScale;
  if (!f.expected.is_null()) doc["expected"] = f.expected;
  return doc;
}

}  // namespace losslab
