#include "controls/input_form.hpp"

#include <cmath>

namespace losslab {

namespace {

LayerConfig formLayer(LayerKind kind) {
  LayerConfig c;
  c.layer.kind = kind;
  return c;
}

bool readsImages(const std::vector<LayerConfig>& layers) {
  for (const LayerConfig& l : layers) {
    const LayerKind k = l.layer.kind;
    if (k == LayerKind::Conv2d || k == LayerKind::AvgPool2d || k == LayerKind::MaxPool2d || k == LayerKind::Flatten ||
        readsImages(l.body))
      return true;
  }
  return false;
}

// The MLP the model's own settings describe (hidden widths, activation, bias kept from before).
void useMlp(ExperimentConfig& c) {
  c.model.kind = "mlp";
  c.model.layers.clear();
}

bool startsWith(const ExperimentConfig& c, LayerKind kind) {
  return c.model.kind == "network" && !c.model.layers.empty() && c.model.layers.front().layer.kind == kind;
}

}  // namespace

std::vector<int> imageShapeOf(const std::string& dataKind) {
  if (dataKind == "digits") return {1, 8, 8};
  return {};
}

std::vector<LayerConfig> oneLayerTransformer() {
  constexpr int width = 128;
  LayerConfig embedding = formLayer(LayerKind::Embedding);
  embedding.layer.dim = width;
  embedding.initScale = 1.0 / std::sqrt(double(width));  // PyTorch's N(0, 1) rows are sqrt(D) long
  LayerConfig attention = formLayer(LayerKind::Attention), attend = formLayer(LayerKind::Residual);
  attention.layer.heads = 4;
  attention.layer.causal = true;
  attention.layer.bias = false;
  attend.body = {attention};
  LayerConfig wide = formLayer(LayerKind::Linear), relu = formLayer(LayerKind::Activation), back = formLayer(LayerKind::Linear),
              mlp = formLayer(LayerKind::Residual);
  wide.layer.out = 4 * width;
  relu.layer.fn = Activation::Relu;
  back.layer.out = width;
  mlp.body = {wide, relu, back};
  LayerConfig select = formLayer(LayerKind::Select), unembed = formLayer(LayerKind::Linear);
  select.layer.position = -1;
  unembed.layer.bias = false;  // out 0: the data's outputs
  return {embedding, formLayer(LayerKind::Positional), attend, mlp, select, unembed};
}

void setTokenInput(ExperimentConfig& c, bool tokens) {
  c.data.encoding = tokens ? "tokens" : "one_hot";
  const bool embedded = startsWith(c, LayerKind::Embedding);
  if (!c.model.file.empty() || tokens == embedded) return;  // an imported network says what it takes
  if (tokens) {
    c.model.kind = "network";
    c.model.layers = oneLayerTransformer();
  } else {
    useMlp(c);
  }
}

void setImageInput(ExperimentConfig& c, bool images) {
  c.data.shape = images ? imageShapeOf(c.data.kind) : std::vector<int>{};
  // A dense layer reads a vector: the image's pixels in order, as the MLP saw them before.
  if (images && !c.data.shape.empty() && c.model.file.empty() && startsWith(c, LayerKind::Linear))
    c.model.layers.insert(c.model.layers.begin(), formLayer(LayerKind::Flatten));
  if (!images && !c.model.file.empty()) return;
  if (!images && startsWith(c, LayerKind::Flatten) && !readsImages({c.model.layers.begin() + 1, c.model.layers.end()}))
    c.model.layers.erase(c.model.layers.begin());
  else if (!images && c.model.kind == "network" && readsImages(c.model.layers))
    useMlp(c);  // convolutions need images
}

}  // namespace losslab
