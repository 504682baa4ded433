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

}  // namespace losslab::layer_passes
