#pragma once
// The four passes of a layer list over one batch (network.hpp says how a batch of vectors, images
// or sequences is laid out): forward, backward, and the
// R-operator's forward and backward (Pearlmutter 1994), which give H v exactly. Each walks the
// list and hands every layer to its kind's passes (engine/model/network/*_layer.cpp).
#include <vector>

#include "losslab/model/network/network.hpp"

namespace losslab {

// What a layer keeps from the forward pass for the passes after it.
template <class S> struct LayerState {
  Mat<S> x;              // the layer's input
  Mat<S> a, d1, d2;      // activation: sigma(x); sigma', sigma'' (second-order passes only)
  Mat<S> xhat;           // layernorm: the normalised input
  Mat<S> invStd;         // layernorm: 1 / sqrt(var + eps), one per sample (1 x samples)
  Mat<S> rx, rxhat;      // R{x} (and layernorm's R{xhat}) from the R-forward pass
  std::vector<Index> argmax;  // maxpool2d: the input row each output took, per sample
  Mat<S> qkv, attn, mixed;     // attention: q, k, v; the weights (per sample and head a T x T block); the heads' outputs
  Mat<S> rqkv, rattn, rmixed;  // attention: their R{}
  std::vector<LayerState<S>> body;  // residual
};

// The parameter vectors a pass reads and writes (all in flat order). Null where unused.
template <class S> struct PassVectors {
  const S* theta = nullptr;
  const S* v = nullptr;   // the direction of H v
  S* grad = nullptr;      // receives the gradient (backward, and rBackward when given)
  S* hv = nullptr;        // receives R{gradient} = H v (rBackward)
  bool secondOrder = false;  // forward keeps sigma' and sigma'' for the R passes
};

// h: the list's input in, its output out.
template <class S>
void forwardPass(const std::vector<Layer>& layers, const PassVectors<S>& p,
                 std::vector<LayerState<S>>& states, Mat<S>& h);
// rh: R{input} in, R{output} out.
template <class S>
void rForwardPass(const std::vector<Layer>& layers, const PassVectors<S>& p,
                  std::vector<LayerState<S>>& states, Mat<S>& rh);
// g: d loss / d output in, d loss / d input out (not formed for the first layer when
// inputGradient is false). Writes the parameter gradient into p.grad.
template <class S>
void backwardPass(const std::vector<Layer>& layers, const PassVectors<S>& p,
                  std::vector<LayerState<S>>& states, Mat<S>& g, bool inputGradient);
// g, rg: the output's gradient and its R in, the input's out (not formed for the first layer
// when inputGradient is false). Writes H v into p.hv and the gradient into p.grad when given.
template <class S>
void rBackwardPass(const std::vector<Layer>& layers, const PassVectors<S>& p,
                   std::vector<LayerState<S>>& states, Mat<S>& g, Mat<S>& rg, bool inputGradient);

// The four passes as one instruction-set level compiled them (losslab/model/cpu_kernels.hpp):
// NetworkObjective calls the level chosen at start, as MlpObjective does.
template <class S> struct NetworkPasses {
  void (*forward)(const std::vector<Layer>&, const PassVectors<S>&, std::vector<LayerState<S>>&, Mat<S>&);
  void (*rForward)(const std::vector<Layer>&, const PassVectors<S>&, std::vector<LayerState<S>>&, Mat<S>&);
  void (*backward)(const std::vector<Layer>&, const PassVectors<S>&, std::vector<LayerState<S>>&, Mat<S>&,
                   bool);
  void (*rBackward)(const std::vector<Layer>&, const PassVectors<S>&, std::vector<LayerState<S>>&, Mat<S>&,
                    Mat<S>&, bool);
};
template <class S> NetworkPasses<S> networkPasses() {
  return {&forwardPass<S>, &rForwardPass<S>, &backwardPass<S>, &rBackwardPass<S>};
}

}  // namespace losslab
