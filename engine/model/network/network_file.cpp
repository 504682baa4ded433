#include "losslab/model/network/network_file.hpp"

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/model/model_file.hpp"
#include "losslab/model/network/layer_fields.hpp"

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
  Layer l;
  readLayerFields(j, path, [](LayerKind kind) -> std::vector<std::string> {
    if (kind == LayerKind::Linear) return {"W", "b"};
    if (kind == LayerKind::LayerNorm) return {"gamma", "beta"};
    return {};
  }, l);
  switch (l.kind) {
    case LayerKind::Linear:
      jf::require(j, "out", path);
      readMatrix(j, path, "W", l.out, width, flat);
      if (l.bias)
        readVector(j, path, "b", l.out, flat);
      else if (j.contains("b"))
        throw InputError(jf::join(path, "b") + ": given, but bias is false");
      width = l.out;
      break;
    case LayerKind::LayerNorm:
      readVector(j, path, "gamma", width, flat);
      readVector(j, path, "beta", width, flat);
      break;
    case LayerKind::Residual: {
      if (depth >= kMaxNesting)
        throw InputError(path + ": residual blocks nested more than " + std::to_string(kMaxNesting) + " deep");
      int bodyWidth = width;
      l.body = readLayers(jf::require(j, "body", path), bodyWidth, jf::join(path, "body"), depth + 1, flat);
      if (bodyWidth != width)
        throw InputError(jf::join(path, "body") + ": changes the width from " + std::to_string(width) + " to " +
                         std::to_string(bodyWidth) + " (x + body(x) needs the same width)");
      break;
    }
    case LayerKind::Activation: break;
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

namespace {

json matrixJson(const Eigen::VectorXd& theta, Index offset, int rows, int cols) {
  json m = json::array();
  for (int r = 0; r < rows; ++r) {
    const double* row = theta.data() + offset + Index(r) * cols;
    m.push_back(std::vector<double>(row, row + cols));
  }
  return m;
}

json vectorJson(const Eigen::VectorXd& theta, Index offset, int size) {
  return std::vector<double>(theta.data() + offset, theta.data() + offset + size);
}

json layersJson(const std::vector<Layer>& layers, const Eigen::VectorXd& theta) {
  json list = json::array();
  for (const Layer& l : layers) {
    json j = layerFieldsJson(l);
    switch (l.kind) {
      case LayerKind::Linear:
        j["W"] = matrixJson(theta, l.offset, l.out, l.in);
        if (l.bias) j["b"] = vectorJson(theta, l.offset + Index(l.out) * l.in, l.out);
        break;
      case LayerKind::LayerNorm:
        j["gamma"] = vectorJson(theta, l.offset, l.in);
        j["beta"] = vectorJson(theta, l.offset + l.in, l.in);
        break;
      case LayerKind::Residual: j["body"] = layersJson(l.body, theta); break;
      case LayerKind::Activation: break;
    }
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace

json toJson(const NetworkFile& f) {
  if (f.parameters.size() != f.network.parameterCount())
    throw InputError("model file: " + std::to_string(f.parameters.size()) + " parameters for a network of " +
                     std::to_string(f.network.parameterCount()));
  json doc{{"format", "losslab-model/2"}, {"name", f.name}, {"input_shape", {f.network.inputDim}},
           {"network", layersJson(f.network.layers, f.parameters)}, {"loss", toString(f.loss)},
           {"data", modelDataJson(f.data, f.test)}};
  if (f.network.outputScale != 1.0) doc["output_scale"] = f.network.outputScale;
  if (!f.expected.is_null()) doc["expected"] = f.expected;
  return doc;
}

}  // namespace losslab
