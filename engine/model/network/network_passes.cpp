// The layer list's passes: each layer to its kind's passes, a residual's body recursively
// (y = x + body(x): R{y} = R{x} + R{body}, dx = g + body's dx, R{dx} = R{g} + body's R{dx}).
// The first layer's input gradient is formed only when asked (the data's is never needed).
#include "losslab/model/network/network_passes.hpp"

#include "layer_passes.hpp"

namespace losslab {

using namespace layer_passes;

template <class S>
void forwardPass(const std::vector<Layer>& layers, const PassVectors<S>& p,
                 std::vector<LayerState<S>>& states, Mat<S>& h) {
  states.resize(layers.size());
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    LayerState<S>& s = states[i];
    switch (l.kind) {
      case LayerKind::Linear: linearForward(l, p, s, h); break;
      case LayerKind::Activation: activationForward(l, p, s, h); break;
      case LayerKind::LayerNorm: layerNormForward(l, p, s, h); break;
      case LayerKind::Residual: {
        Mat<S> skip = h;
        forwardPass(l.body, p, s.body, h);
        h += skip;
        break;
      }
      case LayerKind::Conv2d: convForward(l, p, s, h); break;
      case LayerKind::AvgPool2d:
      case LayerKind::MaxPool2d: poolForward(l, s, h); break;
      case LayerKind::Flatten: reshapeBatch(l.outShape, h); break;
      case LayerKind::Embedding: embeddingForward(l, p, s, h); break;
      case LayerKind::Positional: positionalForward(l, p.theta, h); break;
      case LayerKind::Attention: attentionForward(l, p, s, h); break;
      case LayerKind::Select: selectForward(l, h); break;
    }
  }
}

template <class S>
void rForwardPass(const std::vector<Layer>& layers, const PassVectors<S>& p,
                  std::vector<LayerState<S>>& states, Mat<S>& rh) {
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    LayerState<S>& s = states[i];
    switch (l.kind) {
      case LayerKind::Linear: linearRForward(l, p, s, rh); break;
      case LayerKind::Activation: activationRForward(l, s, rh); break;
      case LayerKind::LayerNorm: layerNormRForward(l, p, s, rh); break;
      case LayerKind::Residual: {
        Mat<S> skip = rh;
        rForwardPass(l.body, p, s.body, rh);
        rh += skip;
        break;
      }
      case LayerKind::Conv2d: convRForward(l, p, s, rh); break;
      case LayerKind::AvgPool2d:
      case LayerKind::MaxPool2d: poolApply(l, s, rh); break;
      case LayerKind::Flatten: reshapeBatch(l.outShape, rh); break;
      case LayerKind::Embedding: embeddingRForward(l, p, s, rh); break;
      case LayerKind::Positional: positionalForward(l, p.v, rh); break;
      case LayerKind::Attention: attentionRForward(l, p, s, rh); break;
      case LayerKind::Select: selectForward(l, rh); break;
    }
  }
}

template <class S>
void backwardPass(const std::vector<Layer>& layers, const PassVectors<S>& p,
                  std::vector<LayerState<S>>& states, Mat<S>& g, bool inputGradient) {
  for (size_t i = layers.size(); i-- > 0;) {
    const Layer& l = layers[i];
    LayerState<S>& s = states[i];
    const bool needInput = inputGradient || i > 0;
    switch (l.kind) {
      case LayerKind::Linear: linearBackward(l, p, s, g, needInput); break;
      case LayerKind::Activation:
        if (needInput) activationBackward(l, s, g, p.secondOrder);
        break;
      case LayerKind::LayerNorm: layerNormBackward(l, p, s, g); break;
      case LayerKind::Residual: {
        Mat<S> body = g;
        backwardPass(l.body, p, s.body, body, needInput);
        if (needInput) g += body;
        break;
      }
      case LayerKind::Conv2d: convBackward(l, p, s, g, needInput); break;
      case LayerKind::AvgPool2d:
      case LayerKind::MaxPool2d:
        if (needInput) poolTranspose(l, s, g);
        break;
      case LayerKind::Flatten:
        if (needInput) reshapeBatch(l.inShape, g);
        break;
      case LayerKind::Embedding: embeddingBackward(l, s, g, p.grad); break;
      case LayerKind::Positional: positionalBackward(l, g, p.grad); break;
      case LayerKind::Attention: attentionBackward(l, p, s, g, needInput); break;
      case LayerKind::Select:
        if (needInput) selectBackward(l, g);
        break;
    }
  }
}

template <class S>
void rBackwardPass(const std::vector<Layer>& layers, const PassVectors<S>& p,
                   std::vector<LayerState<S>>& states, Mat<S>& g, Mat<S>& rg, bool inputGradient) {
  for (size_t i = layers.size(); i-- > 0;) {
    const Layer& l = layers[i];
    LayerState<S>& s = states[i];
    const bool needInput = inputGradient || i > 0;
    switch (l.kind) {
      case LayerKind::Linear: linearRBackward(l, p, s, g, rg); break;
      case LayerKind::Activation: activationRBackward(s, g, rg); break;
      case LayerKind::LayerNorm: layerNormRBackward(l, p, s, g, rg); break;
      case LayerKind::Residual: {
        Mat<S> body = g, rbody = rg;
        rBackwardPass(l.body, p, s.body, body, rbody, needInput);
        if (!needInput) break;
        g += body;
        rg += rbody;
        break;
      }
      case LayerKind::Conv2d: convRBackward(l, p, s, g, rg, needInput); break;
      case LayerKind::AvgPool2d:
      case LayerKind::MaxPool2d:
        if (!needInput) break;
        poolTranspose(l, s, g);
        poolTranspose(l, s, rg);
        break;
      case LayerKind::Flatten:
        reshapeBatch(l.inShape, g);
        reshapeBatch(l.inShape, rg);
        break;
      case LayerKind::Embedding:
        if (p.grad) embeddingBackward(l, s, g, p.grad);
        embeddingBackward(l, s, rg, p.hv);
        break;
      case LayerKind::Positional:
        if (p.grad) positionalBackward(l, g, p.grad);
        positionalBackward(l, rg, p.hv);
        break;
      case LayerKind::Attention: attentionRBackward(l, p, s, g, rg, needInput); break;
      case LayerKind::Select:
        selectBackward(l, g);
        selectBackward(l, rg);
        break;
    }
  }
}

#define LOSSLAB_INSTANTIATE(S)                                                                   \
  template void forwardPass<S>(const std::vector<Layer>&, const PassVectors<S>&,                \
                               std::vector<LayerState<S>>&, Mat<S>&);                           \
  template void rForwardPass<S>(const std::vector<Layer>&, const PassVectors<S>&,               \
                                std::vector<LayerState<S>>&, Mat<S>&);                          \
  template void backwardPass<S>(const std::vector<Layer>&, const PassVectors<S>&,               \
                                std::vector<LayerState<S>>&, Mat<S>&, bool);                    \
  template void rBackwardPass<S>(const std::vector<Layer>&, const PassVectors<S>&,              \
                                 std::vector<LayerState<S>>&, Mat<S>&, Mat<S>&, bool);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab
