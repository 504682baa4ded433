// y = sigma(x) elementwise. R{y} = sigma'(x) R{x}; dx = sigma'(x) g;
// R{dx} = sigma'(x) R{g} + sigma''(x) R{x} g (the ten functions: losslab/model/activation_ops.hpp).
#include "layer_passes.hpp"
#include "losslab/model/activation_ops.hpp"

namespace losslab::layer_passes {

template <class S> void activationForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h) {
  s.x.swap(h);
  const S slope = S(l.slope);
  applyActivation(l.fn, s.x, s.a, slope);
  if (p.secondOrder) {
    activationDerivative(l.fn, s.x, s.a, s.d1, slope);
    activationSecondDerivative(l.fn, s.x, s.a, s.d2);
  }
  h = s.a;
}

template <class S> void activationRForward(const Layer&, LayerState<S>& s, Mat<S>& rh) {
  s.rx.swap(rh);
  rh = s.d1.cwiseProduct(s.rx);
}

template <class S> void activationBackward(const Layer& l, LayerState<S>& s, Mat<S>& g, bool secondOrder) {
  Mat<S> gx;
  if (secondOrder)
    gx = g.cwiseProduct(s.d1);
  else
    timesDerivative(l.fn, s.x, s.a, g, gx, S(l.slope));
  g.swap(gx);
}

template <class S> void activationRBackward(LayerState<S>& s, Mat<S>& g, Mat<S>& rg) {
  rg = (s.d1.array() * rg.array() + s.d2.array() * s.rx.array() * g.array()).matrix();
  g = g.cwiseProduct(s.d1);
}

#define LOSSLAB_INSTANTIATE(S)                                                                        \
  template void activationForward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&); \
  template void activationRForward<S>(const Layer&, LayerState<S>&, Mat<S>&);                        \
  template void activationBackward<S>(const Layer&, LayerState<S>&, Mat<S>&, bool);                  \
  template void activationRBackward<S>(LayerState<S>&, Mat<S>&, Mat<S>&);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab::layer_passes
