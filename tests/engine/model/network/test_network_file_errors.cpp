// Bad losslab-model/2 files: each is one InputError naming the layer by its path and the problem,
// never a crash or a silently different network. /1 files still read as their MLP.
#include <QtTest>

#include "fixtures.hpp"
#include "input_error.hpp"
#include "losslab/encoding/text_file.hpp"
#include "losslab/model/model_file.hpp"
#include "losslab/model/network/network_file.hpp"

using namespace losslab;
using nlohmann::json;

namespace {

json row(int n, double v = 0.1) { return json(std::vector<double>(n, v)); }
json matrix(int rows, int cols) {
  json m = json::array();
  for (int r = 0; r < rows; ++r) m.push_back(row(cols));
  return m;
}
json linear(int out, int in) { return {{"kind", "linear"}, {"out", out}, {"W", matrix(out, in)}, {"b", row(out)}}; }

// 2 inputs -> 4 -> residual(layernorm, linear 4, tanh, linear 4) -> 3 classes, two samples.
json goodFile() {
  json body = json::array({{{"kind", "layernorm"}, {"gamma", row(4, 1)}, {"beta", row(4)}}, linear(4, 4),
                           {{"kind", "activation"}, {"fn", "tanh"}}, linear(4, 4)});
  return {{"format", "losslab-model/2"},
          {"input_shape", {2}},
          {"network", json::array({linear(4, 2), {{"kind", "activation"}, {"fn", "leaky_relu"}, {"slope", 0.2}},
                                   {{"kind", "residual"}, {"body", body}}, linear(3, 4)})},
          {"loss", "cross_entropy"},
          {"data", {{"x", {{0.5, -1.0}, {1.5, 2.0}}}, {"y", {0, 2}}}}};
}

std::string parse(const json& doc) {
  return test::inputErrorMessage([&] { parseNetworkFile(doc.dump(), "net.json"); });
}

}  // namespace

class NetworkFileErrors : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void aGoodFileReads() {
    const NetworkFile f = parseNetworkFile(goodFile().dump());
    QCOMPARE(f.network.inputDim, 2);
    QCOMPARE(f.network.outputDim(), 3);
    QCOMPARE(f.network.parameterCount(), Index(12 + 8 + 20 + 20 + 15));
    QCOMPARE(f.parameters.size(), f.network.parameterCount());
    QCOMPARE(f.network.layers[1].slope, 0.2);
    QCOMPARE(f.network.layers[2].body.size(), size_t(4));
    // The tensors' paths and places, in flat order.
    const auto tensors = f.network.tensors();
    QCOMPARE(tensors.size(), size_t(10));
    QCOMPARE(QString::fromStdString(tensors[2].path), QString("network[2].body[0].gamma"));
    QCOMPARE(tensors[2].offset, Index(12));
    QCOMPARE(QString::fromStdString(tensors.back().path), QString("network[3].b"));
    QCOMPARE(tensors.back().offset + tensors.back().size(), f.network.parameterCount());
  }

  void eachProblemNamesItsLayer_data() {
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown kind") << "kind" << "net.json: network[3].kind: unknown \"dense\"";
    QTest::newRow("unknown field") << "field" << "network[0].outs: unknown key";
    QTest::newRow("rows do not chain") << "rows" << "network[2].body[1]: W has 3 rows, expected 4 (W is 4 x 4)";
    QTest::newRow("columns do not chain") << "cols" << "network[3]: W[0] has 5 numbers, expected 4 (W is 3 x 4)";
    QTest::newRow("body changes the width") << "width" << "network[2].body: changes the width from 4 to 2";
    QTest::newRow("negative width") << "negative" << "network[0].out: -4, must be at least 1";
    QTest::newRow("empty body") << "empty" << "network[2].body: an empty layer list";
    QTest::newRow("unknown function") << "fn" << "network[2].body[2].fn: unknown \"swish\"";
    QTest::newRow("slope on relu") << "slope" << "network[1].slope: only leaky_relu has a slope";
    QTest::newRow("bias given though off") << "bias" << "network[0].b: given, but bias is false";
    QTest::newRow("gamma of the wrong size") << "gamma" << "network[2].body[0]: gamma has 3 numbers, expected 4";
    QTest::newRow("an image layer on a vector") << "conv" << "network[1]: conv2d takes an image [C, H, W], not a vector [4]";
    QTest::newRow("a filter bank of the wrong shape") << "filters" << "network[0]: W[0] has 1 entries, expected 2 (W is 3 x 2 x 3 x 3)";
    QTest::newRow("a token out of the vocabulary") << "token" << "data.x[1][2]: token 7 is not a token id of network[0]'s vocabulary 0..6";
    QTest::newRow("label out of range") << "label" << "data.y[1]: class 3 is outside 0..2";
    QTest::newRow("unknown format") << "format" << "format: \"losslab-model/3\" is neither";
  }
  void eachProblemNamesItsLayer() {
    QFETCH(QString, edit);
    QFETCH(QString, expected);
    json doc = goodFile();
    json& net = doc["network"];
    if (edit == "kind") net[3]["kind"] = "dense";
    if (edit == "field") net[0]["outs"] = 3;
    if (edit == "rows") net[2]["body"][1]["W"] = matrix(3, 4);
    if (edit == "cols") net[3]["W"] = matrix(3, 5);
    if (edit == "width") net[2]["body"][3] = linear(2, 4);
    if (edit == "negative") net[0]["out"] = -4;
    if (edit == "empty") net[2]["body"] = json::array();
    if (edit == "fn") net[2]["body"][2]["fn"] = "swish";
    if (edit == "slope") net[1]["fn"] = "relu";
    if (edit == "bias") net[0]["bias"] = false;
    if (edit == "gamma") net[2]["body"][0]["gamma"] = row(3);
    if (edit == "conv") net[1] = {{"kind", "conv2d"}, {"out_channels", 2}, {"kernel", 3}};
    if (edit == "label") doc["data"]["y"][1] = 3;
    if (edit == "filters") {
      doc = json::parse(readTextFile(test::fixture("reference/model2/cnn_tiny_images.json")));
      doc["input_shape"] = {2, 6, 6};  // the first convolution's filters still have one channel
      for (auto& x : doc["data"]["x"]) {
        const json once = x;
        for (const json& v : once) x.push_back(v);
      }
    }
    if (edit == "token") {
      doc = json::parse(readTextFile(test::fixture("reference/model2/transformer_tiny_tokens.json")));
      doc["data"]["x"][1][2] = 7;
    }
    if (edit == "format") doc["format"] = "losslab-model/3";
    const std::string message = parse(doc);
    QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
  }

  // A million nested blocks would overflow the stack in every pass: past 64 it is an error.
  void deepNestingIsAnError() {
    json doc = goodFile();
    json block = {{"kind", "activation"}, {"fn", "tanh"}};
    for (int i = 0; i < 70; ++i) block = {{"kind", "residual"}, {"body", json::array({block})}};
    doc["network"][2] = block;
    const std::string message = parse(doc);
    QVERIFY2(message.find("nested more than 64 deep") != std::string::npos, message.c_str());
  }

  // A /1 file reads as the layer list of its MLP: same parameters, same meaning.
  void aVersion1FileReadsAsItsMlp() {
    const std::string path = test::fixture("reference/gelu_ce.json");
    const NetworkFile f = readNetworkFile(path);
    const ModelFile m = readModelFile(path);
    QCOMPARE(f.parameters, m.parameters);
    QCOMPARE(f.network.parameterCount(), m.architecture.parameterCount());
    QCOMPARE(f.network.layers.size(), size_t(3));  // linear, gelu, linear
    QVERIFY(f.network.layers[1].fn == Activation::Gelu);
  }
};

QTEST_APPLESS_MAIN(NetworkFileErrors)
#include "test_network_file_errors.moc"
