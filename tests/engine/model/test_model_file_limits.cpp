// A model file is refused with an InputError, before anything of the size it declares is
// allocated, when it holds fewer numbers than its widths ask for; and a number beyond float64's
// range is malformed JSON, as in every reader (both found by tests/fuzz/fuzz_model_file).
#include <QtTest>

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/model/model_file.hpp"

using namespace losslab;

namespace {

std::string refusal(const std::string& text) {
  try {
    parseModelFile(text, "m.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

class ModelFileLimits : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // 2^20 x 2^20 weights would be 8 TB: the missing rows are named instead.
  void declaredWidthsAreNotAllocated() {
    const std::string m = refusal(R"({"format": "losslab-model/1", "layers": [1048576, 1048576],
        "activation": "tanh", "loss": "mse", "weights": [{"W": []}], "data": {"x": [], "y": []}})");
    QVERIFY2(m.find("weights[0].W: expected 1048576 rows") != std::string::npos, m.c_str());
  }

  // Rows of data are read before the matrix is: a wide input and many empty rows are refused.
  void declaredDataIsNotAllocated() {
    std::string row = "[0";
    for (int i = 1; i < 1 << 16; ++i) row += ",0";
    row += "]";
    std::string xs = "[[]";
    for (int i = 1; i < 1 << 16; ++i) xs += ",[]";
    xs += "]";
    const std::string m = refusal(R"({"format": "losslab-model/1", "layers": [65536, 1], "activation": "tanh",
        "loss": "mse", "weights": [{"W": [)" + row + R"(]}], "data": {"x": )" + xs + R"(, "y": []}})");
    QVERIFY2(m.find("data.x and data.y: expected arrays of equal length") != std::string::npos, m.c_str());
    const std::string m2 = refusal(R"({"format": "losslab-model/1", "layers": [65536, 1], "activation": "tanh",
        "loss": "mse", "weights": [{"W": [)" + row + R"(]}], "data": {"x": )" + xs + R"(, "y": )" + xs + "}}");
    QVERIFY2(m2.find("data.x[0]: expected 65536 numbers") != std::string::npos, m2.c_str());
  }

  void numberOverflowIsMalformedJson() {
    const std::string m = refusal(R"({"format": "losslab-model/1", "layers": [2, 1e999]})");
    QVERIFY2(m.rfind("m.json: malformed JSON (number overflow", 0) == 0, m.c_str());
    QVERIFY_THROWS_EXCEPTION(InputError, parseExperiment(R"({"optimizer": {"lr": -1e400}})"));
  }

  // What the file holds still comes back in spec order (W row-major out x in, then b).
  void parametersKeepSpecOrder() {
    const ModelFile f = parseModelFile(R"({"format": "losslab-model/1", "layers": [2, 2, 1],
        "activation": "relu", "loss": "mse", "weights": [{"W": [[1, 2], [3, 4]], "b": [5, 6]}, {"W": [[7, 8]]}],
        "data": {"x": [[0, 1], [2, 3]], "y": [[9], [10]]}})");
    QCOMPARE(f.parameters.size(), Index(8));
    for (int i = 0; i < 8; ++i) QCOMPARE(f.parameters[i], double(i + 1));
    QCOMPARE(f.data.x(1, 0), 1.0);
    QCOMPARE(f.data.x(0, 1), 2.0);
    QCOMPARE(f.data.targets(0, 1), 10.0);
  }
};

QTEST_APPLESS_MAIN(ModelFileLimits)
#include "test_model_file_limits.moc"
