// The image and sequence layers (conv2d, pooling, flatten; embedding, positional, attention,
// select) against finite differences in float64 — padding and stride, a causal mask, attention
// without biases, residual blocks around both — float32 against float64, max pooling's ties as
// PyTorch breaks them, every shape error named by the layer's path, and files written and read
// back unchanged.
#include <QtTest>

#include <limits>
#include <random>

#include "derivative_checks.hpp"
#include "fixtures.hpp"
#include "fuzzy_compare.hpp"
#include "input_error.hpp"
#include "reference_vectors.hpp"
#include "losslab/diagnostics/network_inside.hpp"
#include "losslab/model/network/network_file.hpp"
#include "losslab/model/network/network_objective.hpp"

using namespace losslab;
using test::randomVector;
using test::relativeError;

namespace {

Layer make(LayerKind kind) {
  Layer l;
  l.kind = kind;
  return l;
}
Layer linear(int out, bool bias = true) {
  Layer l = make(LayerKind::Linear);
  l.out = out;
  l.bias = bias;
  return l;
}
Layer activation(Activation fn) {
  Layer l = make(LayerKind::Activation);
  l.fn = fn;
  return l;
}
Layer conv(int out, int kernel, int stride = 1, int padding = 0, bool bias = true) {
  Layer l = make(LayerKind::Conv2d);
  l.outChannels = out;
  l.kernel = kernel;
  l.stride = stride;
  l.padding = padding;
  l.bias = bias;
  return l;
}
Layer pool(LayerKind kind, int kernel) {
  Layer l = make(kind);
  l.kernel = kernel;
  return l;
}
Layer residual(std::vector<Layer> body) {
  Layer l = make(LayerKind::Residual);
  l.body = std::move(body);
  return l;
}
Layer embedding(int vocab, int dim) {
  Layer l = make(LayerKind::Embedding);
  l.vocab = vocab;
  l.dim = dim;
  return l;
}
Layer attention(int heads, bool causal, bool bias = true) {
  Layer l = make(LayerKind::Attention);
  l.heads = heads;
  l.causal = causal;
  l.bias = bias;
  return l;
}
Layer select(int position) {
  Layer l = make(LayerKind::Select);
  l.position = position;
  return l;
}

// [2, 7, 7] images: a strided, padded convolution, max pooling over an odd size (a row and a
// column dropped), a same-shape convolution in a residual block, average pooling, flatten.
Network smallCnn() {
  Network net;
  net.inputShape = Shape{{2, 7, 7}};
  net.inputDim = 98;
  net.layers = {conv(3, 3, 1, 1), activation(Activation::Tanh), pool(LayerKind::MaxPool2d, 2),
                residual({conv(3, 3, 1, 1, false), activation(Activation::Gelu)}),
                conv(4, 2, 2, 1), activation(Activation::Silu), pool(LayerKind::AvgPool2d, 2),
                make(LayerKind::Flatten), linear(3)};
  net.resolve();
  return net;
}

// One 2 x 4 image, max-pooled into its two 2 x 2 windows and flattened.
Network twoWindowMaxPool() {
  Network net;
  net.inputShape = Shape{{1, 2, 4}};
  net.inputDim = 8;
  net.layers = {pool(LayerKind::MaxPool2d, 2), make(LayerKind::Flatten)};
  net.resolve();
  return net;
}

// Token sequences of length 4 over 6 tokens: embedding, learned positions, attention (causal or
// not, with or without biases) and an MLP, each in a residual block, layernorm, the last or the
// first position.
Network smallTransformer(bool causal, bool bias, int position) {
  Network net;
  net.inputDim = 4;
  net.tokenInput = true;
  net.layers = {embedding(6, 6), make(LayerKind::Positional), residual({attention(2, causal, bias)}),
                make(LayerKind::LayerNorm), residual({linear(8), activation(Activation::Relu), linear(6)}),
                select(position), linear(5, false)};
  net.resolve();
  return net;
}

Samples<double> imageSamples(std::mt19937& rng, int n, int classes) {
  std::normal_distribution<double> normal;
  Dataset d;
  d.task = Task::Classification;
  d.numClasses = classes;
  d.x = Eigen::MatrixXd::NullaryExpr(98, n, [&] { return normal(rng); });
  for (int i = 0; i < n; ++i) d.labels.push_back(int(rng() % classes));
  return toSamples<double>(d);
}

Samples<double> tokenSamples(std::mt19937& rng, int n, int vocab, int classes) {
  Dataset d;
  d.task = Task::Classification;
  d.numClasses = classes;
  d.x = Eigen::MatrixXd::NullaryExpr(4, n, [&] { return double(rng() % vocab); });
  for (int i = 0; i < n; ++i) d.labels.push_back(int(rng() % classes));
  return toSamples<double>(d);
}

// Gradient and H v against finite differences (float64), then float32 against float64.
void checkDerivatives(const Network& net, const Samples<double>& data, std::mt19937& rng) {
  const Eigen::VectorXd theta = randomVector(net.parameterCount(), rng, 0.5);
  const Eigen::VectorXd v = randomVector(theta.size(), rng, 1.0);
  test::checkNetworkDerivatives(net, LossKind::CrossEntropy, data, theta, v);
}

std::string resolveError(Network net) {
  return test::inputErrorMessage([&] { net.resolve(); });
}

}  // namespace

class ImageAndSequenceLayers : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void shapesChainThroughACnn() {
    const Network net = smallCnn();
    QCOMPARE(net.layers[0].outShape, (Shape{{3, 7, 7}}));
    QCOMPARE(net.layers[2].outShape, (Shape{{3, 3, 3}}));  // 7 / 2: the last row and column dropped
    QCOMPARE(net.layers[4].outShape, (Shape{{4, 2, 2}}));  // (3 + 2 - 2) / 2 + 1
    QCOMPARE(net.layers[6].outShape, (Shape{{4, 1, 1}}));
    QCOMPARE(net.outputDim(), 3);
    QCOMPARE(net.parameterCount(), Index(3 * 2 * 9 + 3 + 3 * 3 * 9 + 4 * 3 * 4 + 4 + 4 * 3 + 3));
    const auto tensors = net.tensors();
    QCOMPARE(QString::fromStdString(tensors[2].path), QString("network[3].body[0].W"));
    QCOMPARE(tensors[0].cols, Index(18));  // a filter is one output channel's kernel
  }

  void cnnDerivatives() {
    std::mt19937 rng(11);
    checkDerivatives(smallCnn(), imageSamples(rng, 13, 3), rng);
  }

  void transformerDerivatives_data() {
    QTest::addColumn<bool>("causal");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<int>("position");
    QTest::newRow("causal, last position") << true << true << -1;
    QTest::newRow("not causal, no biases, first position") << false << false << 0;
    QTest::newRow("causal, no biases, position 2") << true << false << 2;
  }
  void transformerDerivatives() {
    QFETCH(bool, causal);
    QFETCH(bool, bias);
    QFETCH(int, position);
    std::mt19937 rng(23);
    checkDerivatives(smallTransformer(causal, bias, position), tokenSamples(rng, 11, 6, 5), rng);
  }

  // A causal query attends to itself and earlier positions only: the first position's output
  // does not change when later tokens do.
  void aCausalMaskHidesLaterPositions() {
    Network net = smallTransformer(true, true, 0);
    std::mt19937 rng(3);
    const Eigen::VectorXd theta = randomVector(net.parameterCount(), rng, 0.5);
    NetworkObjective<double> f(net, LossKind::CrossEntropy);
    Eigen::MatrixXd x(4, 2), z;
    x << 1, 1, 2, 5, 3, 0, 4, 3;
    f.logits(theta, x, z);
    QVERIFY((z.col(0) - z.col(1)).cwiseAbs().maxCoeff() < 1e-14);
    net = smallTransformer(false, true, 0);
    NetworkObjective<double> open(net, LossKind::CrossEntropy);
    open.logits(theta, x, z);
    QVERIFY((z.col(0) - z.col(1)).cwiseAbs().maxCoeff() > 1e-6);
  }

  // Ties go to the first maximum of the window in row-major order (PyTorch's CPU kernel): the
  // input gradient of max pooling lands there.
  void maxPoolTiesGoToTheFirstMaximum() {
    const Network net = twoWindowMaxPool();
    Eigen::MatrixXd h(8, 1);
    h << 1, 3, 0, 2,   //
        3, 2, 2, 2;    // windows {1, 3, 3, 2} (max 3 first at (0, 1)) and {0, 2, 2, 2} (first at (0, 3))
    std::vector<LayerState<double>> states;
    forwardPass(net.layers, PassVectors<double>{nullptr}, states, h);
    QCOMPARE(h(0, 0), 3.0);
    QCOMPARE(h(1, 0), 2.0);
    Eigen::MatrixXd g(2, 1);
    g << 10, 20;
    backwardPass(net.layers, PassVectors<double>{nullptr}, states, g, true);
    Eigen::MatrixXd want(8, 1);
    want << 0, 10, 0, 20, 0, 0, 0, 0;
    QCOMPARE(g, want);
  }

  // A NaN wins its window and a later value does not displace it; of two NaNs the later one wins
  // (PyTorch's CPU kernel: `val > max || isnan(val)`).
  void maxPoolPropagatesNaNAsPyTorch() {
    const Network net = twoWindowMaxPool();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Eigen::MatrixXd h(8, 2);
    h.col(0) << 1, nan, 0, 2,  //
        5, nan, 9, 2;          // windows {1, NaN, 5, NaN} (the second NaN) and {0, 2, 9, 2} (9)
    h.col(1) << nan, 7, 0, 2,  //
        1, 1, 3, nan;          // windows {NaN, 7, 1, 1} (NaN, before the larger 7) and {0, 2, 3, NaN}
    std::vector<LayerState<double>> states;
    forwardPass(net.layers, PassVectors<double>{nullptr}, states, h);
    QVERIFY(std::isnan(h(0, 0)) && std::isnan(h(0, 1)) && std::isnan(h(1, 1)));
    QCOMPARE(h(1, 0), 9.0);
    Eigen::MatrixXd g(2, 2);
    g << 10, 30,  //
        20, 40;
    backwardPass(net.layers, PassVectors<double>{nullptr}, states, g, true);
    Eigen::MatrixXd want = Eigen::MatrixXd::Zero(8, 2);
    want(5, 0) = 10;
    want(6, 0) = 20;
    want(0, 1) = 30;
    want(7, 1) = 40;
    QCOMPARE(g, want);
  }

  void badShapesNameTheLayer_data() {
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("expected");
    QTest::newRow("kernel larger than the padded image")
        << "kernel" << "network[4]: the kernel 9 x 9 is larger than the padded image 5 x 5";
    QTest::newRow("linear on an image") << "linear" << "network[0]: a linear layer takes a vector or a sequence, not an image [2, 7, 7] (flatten first)";
    QTest::newRow("heads that do not divide the width")
        << "heads" << "network[2].body[0]: 4 heads do not divide the width 6";
    QTest::newRow("select of a vector") << "select" << "network[7]: select takes a sequence [T, D], not a vector [5]";
    QTest::newRow("select outside the sequence") << "position" << "network[5]: position 4 is outside a sequence of 4";
    QTest::newRow("embedding not first") << "embedding" << "network[1]: an embedding must be the first layer";
    QTest::newRow("tokens without an embedding") << "tokens" << "network[0]: token input needs an embedding";
    QTest::newRow("ends with an image") << "image" << "network: ends with an image [4, 1, 1]";
    QTest::newRow("pooling a sequence") << "pool" << "network[2]: maxpool2d takes an image [C, H, W], not a sequence [4, 6]";
    QTest::newRow("padding more than half the kernel") << "padding" << "network[4]: padding 2 is more than half the kernel 2";
    QTest::newRow("a field past every limit") << "huge" << "network[0]: out_channels is 2000000, at most 1048576";
    QTest::newRow("residual changes the shape") << "residual" << "network[3].body: changes the shape from [3, 3, 3] to [2, 3, 3]";
  }
  void badShapesNameTheLayer() {
    QFETCH(QString, edit);
    QFETCH(QString, expected);
    Network cnn = smallCnn(), seq = smallTransformer(true, true, -1);
    std::string message;
    if (edit == "kernel") cnn.layers[4].kernel = 9, message = resolveError(cnn);
    if (edit == "linear") cnn.layers.insert(cnn.layers.begin(), linear(3)), message = resolveError(cnn);
    if (edit == "heads") seq.layers[2].body[0].heads = 4, message = resolveError(seq);
    if (edit == "select") seq.layers.push_back(select(-1)), message = resolveError(seq);
    if (edit == "position") seq.layers[5].position = 4, message = resolveError(seq);
    if (edit == "embedding") seq.layers.insert(seq.layers.begin() + 1, embedding(6, 6)), message = resolveError(seq);
    if (edit == "tokens") seq.layers.erase(seq.layers.begin()), message = resolveError(seq);
    if (edit == "image") cnn.layers.resize(7), message = resolveError(cnn);
    if (edit == "pool") seq.layers[2] = pool(LayerKind::MaxPool2d, 2), message = resolveError(seq);
    if (edit == "residual") cnn.layers[3].body[0].outChannels = 2, message = resolveError(cnn);
    if (edit == "padding") cnn.layers[4].padding = 2, message = resolveError(cnn);
    if (edit == "huge") cnn.layers[0].outChannels = 2000000, message = resolveError(cnn);
    QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
  }

  // A token that is not an id of the vocabulary is named by its sample and position.
  void tokensOutOfRangeAreNamed() {
    NetworkObjective<double> f(smallTransformer(true, true, -1), LossKind::CrossEntropy);
    std::mt19937 rng(1);
    Samples<double> data = tokenSamples(rng, 5, 6, 5);
    data.x(2, 3) = 6;
    const std::string message = test::inputErrorMessage([&] { f.checkCompatible(data); });
    QVERIFY2(message.find("data.x[3][2]: token 6 is not a token id of network[0]'s vocabulary 0..5") !=
                 std::string::npos,
             message.c_str());
    data.x(2, 3) = 1.5;
    QVERIFY(test::inputErrorMessage([&] { f.checkCompatible(data); }).find("token 1.5") != std::string::npos);
  }

  // Looking inside one sample computes what the whole batch computes for it: the same logits,
  // attention rows that sum to one, a feature map per output channel.
  void lookingInsideOneSample_data() { filesRoundTrip_data(); }
  void lookingInsideOneSample() {
    QFETCH(QString, name);
    const NetworkFile f = readNetworkFile(test::fixture("reference/model2/" + name.toStdString() + ".json"));
    NetworkObjective<double> objective(f.network, f.loss);
    Eigen::MatrixXd logits;
    objective.logits(f.parameters, f.data.x, logits);
    for (Index n : {Index(0), f.data.x.cols() - 1}) {
      const NetworkInside inside = lookInside(f.network, f.parameters, f.data.x.col(n));
      QVERIFY((inside.logits - logits.col(n)).cwiseAbs().maxCoeff() < 1e-13);
      for (const AttentionMaps& a : inside.attention)
        for (const Eigen::MatrixXd& head : a.heads)
          QVERIFY((head.rowwise().sum().array() - 1).abs().maxCoeff() < 1e-13);
      if (name == "cnn_tiny_images") {
        QCOMPARE(inside.convolutions.size(), size_t(2));
        QCOMPARE(inside.convolutions[1].maps.rows(), Index(4));
        QCOMPARE(inside.convolutions[1].maps.cols(), Index(4));  // 2 x 2
      } else {
        QCOMPARE(inside.attention.size(), size_t(1));
        QCOMPARE(inside.attention[0].heads.size(), size_t(2));
      }
    }
    const std::string message = test::inputErrorMessage([&] { lookInside(f.network, f.parameters, Eigen::VectorXd(2)); });
    QVERIFY2(message.find("sample: 2 numbers") != std::string::npos, message.c_str());
  }

  // Written and read back: the same layers, shapes, parameters and data.
  void filesRoundTrip_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("cnn") << "cnn_tiny_images";
    QTest::newRow("transformer") << "transformer_tiny_tokens";
  }
  void filesRoundTrip() {
    QFETCH(QString, name);
    const NetworkFile f = readNetworkFile(test::fixture("reference/model2/" + name.toStdString() + ".json"));
    const NetworkFile back = parseNetworkFile(toJson(f).dump());
    QVERIFY(back.network == f.network);
    QCOMPARE(back.parameters, f.parameters);
    QCOMPARE(back.data.x, f.data.x);
  }
};

QTEST_APPLESS_MAIN(ImageAndSequenceLayers)
#include "test_image_and_sequence_layers.moc"
