#pragma once
// Each layer kind's four passes (engine-internal; network_passes.cpp dispatches to them). The
// in/out matrices follow network_passes.hpp: h, rh, g and rg are replaced by the layer's result.
#include "losslab/model/network/network_passes.hpp"

namespace losslab::layer_passes {

template <class S> void linearForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h);
template <class S> void linearRForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& rh);
template <class S>
void linearBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, bool inputGradient);
template <class S>
void linearRBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, Mat<S>& rg);

template <class S> void activationForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h);
template <class S> void activationRForward(const Layer& l, LayerState<S>& s, Mat<S>& rh);
template <class S> void activationBackward(const Layer& l, LayerState<S>& s, Mat<S>& g, bool secondOrder);
template <class S> void activationRBackward(LayerState<S>& s, Mat<S>& g, Mat<S>& rg);

template <class S> void layerNormForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h);
template <class S> void layerNormRForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& rh);
template <class S> void layerNormBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g);
template <class S>
void layerNormRBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, Mat<S>& rg);

// Convolution (conv_layer.cpp): im2col and one matrix product for the whole batch.
template <class S> void convForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h);
template <class S> void convRForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& rh);
template <class S>
void convBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, bool inputGradient);
template <class S>
void convRBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, Mat<S>& rg,
                   bool inputGradient);

// Pooling (pool_layers.cpp): linear in the input (average) or piecewise so (max), so every pass
// is the same map (or its transpose) applied to h, R{h}, g or R{g}.
template <class S> void poolForward(const Layer& l, LayerState<S>& s, Mat<S>& h);
template <class S> void poolApply(const Layer& l, const LayerState<S>& s, Mat<S>& h);      // R-forward
template <class S> void poolTranspose(const Layer& l, const LayerState<S>& s, Mat<S>& g);  // backward

// Sequences (sequence_layers.cpp): embedding, positional, select, and flatten's reshape.
template <class S> void embeddingForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h);
template <class S> void embeddingRForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& rh);
template <class S> void embeddingBackward(const Layer& l, const LayerState<S>& s, const Mat<S>& g, S* grad);
template <class S> void positionalForward(const Layer& l, const S* tensor, Mat<S>& h);
template <class S> void positionalBackward(const Layer& l, const Mat<S>& g, S* grad);
template <class S> void selectForward(const Layer& l, Mat<S>& h);
template <class S> void selectBackward(const Layer& l, Mat<S>& g);
// A batch reshaped to the layout of shape `to` (sequence <-> vector; images and vectors share
// theirs). No value moves within a sample.
template <class S> void reshapeBatch(const Shape& to, Mat<S>& h);

// Multi-head self-attention (attention_layer.cpp), PyTorch nn.MultiheadAttention.
template <class S> void attentionForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h);
template <class S> void attentionRForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& rh);
template <class S>
void attentionBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, bool inputGradient);
template <class S>
void attentionRBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, Mat<S>& rg,
                        bool inputGradient);

}  // namespace losslab::layer_passes
