#include "losslab/config/model_network.hpp"

#include "losslab/config/experiment_io.hpp"
#include "losslab/core/error.hpp"
#include "losslab/encoding/json_fields.hpp"

namespace losslab {

namespace {

void expand(const std::vector<LayerConfig>& configs, LayerInit inherited, int outputDim, int vocab,
            std::vector<Layer>& out, std::vector<LayerInit>& init) {
  for (const LayerConfig& c : configs) {
    const LayerInit own{c.init.value_or(inherited.kind), c.initScale.value_or(inherited.scale)};
    for (int r = 0; r < c.repeat; ++r) {
      Layer l = c.layer;
      l.body.clear();
      if (l.kind == LayerKind::Linear && l.out == 0) l.out = outputDim;
      if (l.kind == LayerKind::Embedding && l.vocab == 0) l.vocab = vocab;
      if (l.kind == LayerKind::Residual) expand(c.body, own, outputDim, vocab, l.body, init);
      if (hasTensors(l.kind)) init.push_back(own);
      out.push_back(std::move(l));
    }
  }
}

}  // namespace

ModelNetwork networkFor(const ModelConfig& model, const NetworkInput& input, int outputDim) {
  ModelNetwork m;
  const int inputDim = input.dim;
  const LayerInit defaults{model.init, model.initScale};
  if (model.kind != "network") {
    if (input.vocab > 0)
      throw InputError("model.kind: token sequences (data.encoding \"tokens\") need a network whose first layer is an "
                       "embedding (model.kind \"network\")");
    m.network = Network(architectureFor(model, inputDim, outputDim));
    m.init.assign(m.network.layers.size() / 2 + 1, defaults);
    return m;
  }
  validateLayers(model.layers);
  m.network.inputDim = inputDim;
  m.network.inputShape = Shape{input.shape};
  m.network.tokenInput = input.vocab > 0;
  m.network.outputScale = model.outputScale;
  expand(model.layers, defaults, outputDim, input.vocab, m.network.layers, m.init);
  try {
    m.network.resolve();
  } catch (const InputError& e) {  // "network[3].body: ..." in the expanded list: say so
    throw InputError("model.layers (with repeats expanded): " + std::string(e.what()));
  }
  if (m.network.parameterCount() > kMaxNetworkParameters)
    throw InputError("model.layers: " + std::to_string(m.network.parameterCount()) +
                     " parameters once repeats are expanded; at most " + std::to_string(kMaxNetworkParameters));
  if (m.network.outputDim() != outputDim) {
    int last = -1;
    for (size_t i = 0; i < model.layers.size(); ++i)
      if (model.layers[i].layer.kind == LayerKind::Linear) last = int(i);
    throw InputError((last >= 0 ? json_fields::join(json_fields::at("model.layers", last), "out") : "model.layers") +
                     ": the network ends with " + std::to_string(m.network.outputDim()) + " outputs, the data has " +
                     std::to_string(outputDim) + " (leave out the last linear layer's \"out\" to use the data's)");
  }
  return m;
}

}  // namespace losslab
