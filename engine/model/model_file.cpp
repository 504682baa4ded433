#include "losslab/model/model_file.hpp"

#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/loss/loss_json.hpp"

namespace losslab {

namespace jf = json_fields;
using nlohmann::json;

namespace {

void readWeights(const json& weights, ModelFile& m) {
  const Architecture& a = m.architecture;
  if (!weights.is_array() || static_cast<int>(weights.size()) != a.affineCount())
    throw InputError("weights: expected an array of " + std::to_string(a.affineCount()) +
                     " layers (one per pair of widths in layers)");
  m.architecture.bias.assign(a.affineCount(), true);
  for (int l = 0; l < a.affineCount(); ++l)
    m.architecture.bias[l] = weights[l].is_object() && weights[l].contains("b");
  // Filled in flat order as the file's numbers are read: the declared widths alone (up to 2^20
  // each) could ask for terabytes before a single row were checked.
  std::vector<double> flat;
  for (int l = 0; l < a.affineCount(); ++l) {
    const std::string path = jf::at("weights", l);
    jf::rejectUnknownKeys(weights[l], {"W", "b"}, path);
    const json& W = jf::require(weights[l], "W", path);
    const int out = a.layers[l + 1], in = a.layers[l];
    if (!W.is_array() || static_cast<int>(W.size()) != out)
      throw InputError(path + ".W: expected " + std::to_string(out) + " rows of " +
                       std::to_string(in) + " (out x in, from layers)");
    for (int r = 0; r < out; ++r) {
      const auto row = jf::numbers(W[r], jf::at(path + ".W", r));
      if (static_cast<int>(row.size()) != in)
        throw InputError(jf::at(path + ".W", r) + ": expected " + std::to_string(in) +
                         " numbers (layers[" + std::to_string(l) + "]), got " +
                         std::to_string(row.size()));
      flat.insert(flat.end(), row.begin(), row.end());
    }
    if (m.architecture.bias[l]) {
      const auto b = jf::numbers(weights[l]["b"], path + ".b");
      if (static_cast<int>(b.size()) != out)
        throw InputError(path + ".b: expected " + std::to_string(out) + " numbers, got " +
                         std::to_string(b.size()));
      flat.insert(flat.end(), b.begin(), b.end());
    }
  }
  m.parameters = Eigen::Map<const Eigen::VectorXd>(flat.data(), Index(flat.size()));
}

Dataset readSplit(const json& xs, const json& ys, int inputDim, int outputDim, const Loss& loss,
                  const std::string& xName, const std::string& yName) {
  if (!xs.is_array() || !ys.is_array() || xs.size() != ys.size())
    throw InputError(xName + " and " + yName + ": expected arrays of equal length");
  Dataset d;
  const Index n = static_cast<Index>(xs.size());
  // Sample-major, the column-major layout of x: sized by the rows read, not widths x rows.
  std::vector<double> flat;
  for (Index i = 0; i < n; ++i) {
    const auto row = jf::numbers(xs[i], jf::at(xName, i));
    if (static_cast<int>(row.size()) != inputDim)
      throw InputError(jf::at(xName, i) + ": expected " + std::to_string(inputDim) +
                       " numbers (the input width), got " + std::to_string(row.size()));
    flat.insert(flat.end(), row.begin(), row.end());
  }
  d.x = Eigen::Map<const Eigen::MatrixXd>(flat.data(), inputDim, n);
  if (loss.kind == LossKind::Mse) {
    d.task = Task::Regression;
    flat.clear();
    for (Index i = 0; i < n; ++i) {
      const auto row = jf::numbers(ys[i], jf::at(yName, i));
      if (static_cast<int>(row.size()) != outputDim)
        throw InputError(jf::at(yName, i) + ": expected " + std::to_string(outputDim) +
                         " numbers (the output width), got " + std::to_string(row.size()));
      flat.insert(flat.end(), row.begin(), row.end());
    }
    d.targets = Eigen::Map<const Eigen::MatrixXd>(flat.data(), outputDim, n);
  } else {
    d.task = Task::Classification;
    d.numClasses = outputDim;
    for (Index i = 0; i < n; ++i) {
      const long y = jf::integer(ys[i], jf::at(yName, i));
      if (y < 0 || y >= outputDim)
        throw InputError(jf::at(yName, i) + ": class " + std::to_string(y) + " is outside 0.." +
                         std::to_string(outputDim - 1) + " (the output width)");
      d.labels.push_back(static_cast<int>(y));
    }
  }
  return d;
}

}  // namespace

void readModelData(const json& data, int inputDim, int outputDim, const Loss& loss, Dataset& train,
                   Dataset& test) {
  jf::rejectUnknownKeys(data, {"x", "y", "x_test", "y_test"}, "data");
  train = readSplit(jf::require(data, "x", "data"), jf::require(data, "y", "data"), inputDim, outputDim,
                    loss, "data.x", "data.y");
  if (data.contains("x_test") || data.contains("y_test"))
    test = readSplit(jf::require(data, "x_test", "data"), jf::require(data, "y_test", "data"), inputDim,
                     outputDim, loss, "data.x_test", "data.y_test");
}

ModelFile parseModelFile(const std::string& text, const std::string& origin) {
  try {
    const json doc = jf::parse(text, origin);
    jf::rejectUnknownKeys(doc, {"format", "name", "layers", "activation", "loss", "loss_params", "weights",
                                "data", "output_scale", "expected"}, "");
    const std::string format = jf::string(jf::require(doc, "format", ""), "format");
    if (format != "losslab-model/1")
      throw InputError("format: \"" + format + "\" is not \"losslab-model/1\"");
    ModelFile m;
    if (doc.contains("name")) m.name = jf::string(doc["name"], "name");
    m.architecture.layers = jf::integers(jf::require(doc, "layers", ""), "layers");
    m.architecture.activation =
        activationFromString(jf::string(jf::require(doc, "activation", ""), "activation"));
    m.loss = readLossParams(doc, lossFromString(jf::string(jf::require(doc, "loss", ""), "loss")));
    if (doc.contains("output_scale")) m.architecture.outputScale = jf::number(doc["output_scale"], "output_scale");
    m.architecture.bias.assign(m.architecture.layers.size() > 1 ? m.architecture.layers.size() - 1 : 0, true);
    m.architecture.validate();
    readWeights(jf::require(doc, "weights", ""), m);
    readModelData(jf::require(doc, "data", ""), m.architecture.inputDim(), m.architecture.outputDim(),
                  m.loss, m.data, m.test);
    if (doc.contains("expected")) m.expected = doc["expected"];
    return m;
  } catch (const InputError& e) {
    const std::string what = e.what();
    if (what.rfind(origin, 0) == 0) throw;
    throw InputError(origin + ": " + what);
  }
}

ModelFile readModelFile(const std::string& path) { return parseModelFile(readTextFile(path), path); }

namespace {
json samplesJson(const Dataset& d) {
  json xs = json::array(), ys = json::array();
  for (Index i = 0; i < d.x.cols(); ++i) {
    xs.push_back(std::vector<double>(d.x.col(i).data(), d.x.col(i).data() + d.x.rows()));
    if (d.task == Task::Classification) {
      ys.push_back(d.labels[i]);
    } else {
      const Eigen::VectorXd t = d.targets.col(i);
      ys.push_back(std::vector<double>(t.data(), t.data() + t.size()));
    }
  }
  return json{{"x", xs}, {"y", ys}};
}
}  // namespace

json modelDataJson(const Dataset& train, const Dataset& test) {
  json data = samplesJson(train);
  if (!test.empty()) {
    const json t = samplesJson(test);
    data["x_test"] = t["x"];
    data["y_test"] = t["y"];
  }
  return data;
}

json toJson(const ModelFile& m) {
  const Architecture& a = m.architecture;
  json weights = json::array();
  for (int l = 0; l < a.affineCount(); ++l) {
    const int out = a.layers[l + 1], in = a.layers[l];
    json W = json::array();
    for (int r = 0; r < out; ++r) {
      const double* row = m.parameters.data() + a.weightOffset(l) + Index(r) * in;
      W.push_back(std::vector<double>(row, row + in));
    }
    json layer{{"W", W}};
    if (a.bias[l]) {
      const double* b = m.parameters.data() + a.biasOffset(l);
      layer["b"] = std::vector<double>(b, b + out);
    }
    weights.push_back(layer);
  }
  json doc{{"format", "losslab-model/1"}, {"name", m.name},   {"layers", a.layers},
           {"activation", toString(a.activation)},            
           {"weights", weights},                              {"data", modelDataJson(m.data, m.test)}};
  writeLoss(doc, m.loss);
  if (a.outputScale != 1.0) doc["output_scale"] = a.outputScale;
  if (!m.expected.is_null()) doc["expected"] = m.expected;
  return doc;
}

void writeModelFile(const ModelFile& model, const std::string& path) {
  writeTextFileAtomically(path, toJson(model).dump() + "\n");
}

}  // namespace losslab
