// y = W x + b on each sample (PyTorch nn.Linear; W row-major out x in, then b).
// R-forward: R{y} = W R{x} + V_W x + V_b. Backward: dW = g x^T, db = sum g, dx = W^T g.
// R-backward: R{dW} = R{g} x^T + g R{x}^T, R{db} = sum R{g}, R{dx} = W^T R{g} + V_W^T g.
#include "layer_passes.hpp"

namespace losslab::layer_passes {
namespace {

template <class S> Eigen::Map<const RowMat<S>> weight(const Layer& l, const S* p) {
  return Eigen::Map<const RowMat<S>>(p + l.offset, l.out, l.in);
}
template <class S> Eigen::Map<const Vec<S>> bias(const Layer& l, const S* p) {
  return Eigen::Map<const Vec<S>>(p + l.offset + Index(l.out) * l.in, l.out);
}
template <class S> Eigen::Map<RowMat<S>> weightOut(const Layer& l, S* p) {
  return Eigen::Map<RowMat<S>>(p + l.offset, l.out, l.in);
}
template <class S> Eigen::Map<Vec<S>> biasOut(const Layer& l, S* p) {
  return Eigen::Map<Vec<S>>(p + l.offset + Index(l.out) * l.in, l.out);
}

// out = W x + b (the bias as the product's starting value, as in the MLP kernel).
template <class S>
void affine(const Layer& l, const S* params, const Mat<S>& x, Mat<S>& out) {
  if (l.bias) {
    out.resize(l.out, x.cols());
    out.colwise() = bias(l, params);
    out.noalias() += weight(l, params) * x;
  } else {
    out.noalias() = weight(l, params) * x;
  }
}

// The parameter gradient of g at input x (dW = g x^T, db = sum over samples of g) into out.
template <class S> void parameterGradient(const Layer& l, const Mat<S>& g, const Mat<S>& x, S* out) {
  weightOut(l, out).noalias() = g * x.transpose();
  if (l.bias) biasOut(l, out) = g.rowwise().sum();
}

}  // namespace

template <class S> void linearForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h) {
  s.x.swap(h);
  affine(l, p.theta, s.x, h);
}

template <class S> void linearRForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& rh) {
  s.rx.swap(rh);
  affine(l, p.v, s.x, rh);
  rh.noalias() += weight(l, p.theta) * s.rx;
}

template <class S>
void linearBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, bool inputGradient) {
  parameterGradient(l, g, s.x, p.grad);
  if (inputGradient) g = weight(l, p.theta).transpose() * g;
}

template <class S>
void linearRBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, Mat<S>& rg) {
  if (p.grad) parameterGradient(l, g, s.x, p.grad);
  parameterGradient(l, rg, s.x, p.hv);
  weightOut(l, p.hv).noalias() += g * s.rx.transpose();
  const auto W = weight(l, p.theta);
  Mat<S> rgx = W.transpose() * rg;
  rgx.noalias() += weight(l, p.v).transpose() * g;
  rg.swap(rgx);
  g = W.transpose() * g;
}

#define LOSSLAB_INSTANTIATE(S)                                                                       \
  template void linearForward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&);     \
  template void linearRForward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&);    \
  template void linearBackward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&, bool); \
  template void linearRBackward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&, Mat<S>&);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab::layer_passes
