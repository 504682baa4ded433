// PyTorch LayerNorm over each sample's features: xhat = (x - mean) / sqrt(var + eps) with the
// biased variance, y = gamma * xhat + beta. With P(u) = u - mean(u) - xhat mean(xhat u) (the
// normalisation's Jacobian up to 1/s, s = sqrt(var + eps), and symmetric):
//   R{xhat} = P(R{x}) / s,           R{y} = gamma R{xhat} + V_gamma xhat + V_beta,
//   dx = P(h) / s with h = gamma g,  R{1/s} = -mean(xhat R{x}) / s^2,
//   R{dx} = R{1/s} P(h) + (P(R{h}) - R{xhat} mean(h xhat) - xhat mean(h R{xhat})) / s.
#include "layer_passes.hpp"

namespace losslab::layer_passes {
namespace {

template <class S> using Arr = Eigen::Array<S, Eigen::Dynamic, Eigen::Dynamic>;
template <class S> using RowArr = Eigen::Array<S, 1, Eigen::Dynamic>;

template <class S> Eigen::Map<const Vec<S>> gamma(const Layer& l, const S* p) {
  return Eigen::Map<const Vec<S>>(p + l.offset, l.in);
}
template <class S> Eigen::Map<const Vec<S>> beta(const Layer& l, const S* p) {
  return Eigen::Map<const Vec<S>>(p + l.offset + l.in, l.in);
}

// u - mean(u) - xhat * mean(xhat u), column by column.
template <class S> Arr<S> project(const Arr<S>& u, const Arr<S>& xhat) {
  const RowArr<S> mean = u.colwise().mean();
  const RowArr<S> along = (u * xhat).colwise().mean();
  return (u.rowwise() - mean) - xhat.rowwise() * along;
}

// gamma and beta's gradient of g (R{gamma}'s needs g R{xhat} added) into out.
template <class S> void parameterGradient(const Layer& l, const Arr<S>& g, const Arr<S>& xhat, S* out) {
  Eigen::Map<Vec<S>>(out + l.offset, l.in) = (g * xhat).rowwise().sum().matrix();
  Eigen::Map<Vec<S>>(out + l.offset + l.in, l.in) = g.rowwise().sum().matrix();
}

}  // namespace

template <class S> void layerNormForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h) {
  s.x.swap(h);
  const Arr<S> xc = s.x.array().rowwise() - s.x.array().colwise().mean();
  const RowArr<S> inv = ((xc.square().colwise().mean()) + S(l.eps)).rsqrt();
  s.invStd = inv.matrix();
  s.xhat = (xc.rowwise() * inv).matrix();
  h = ((s.xhat.array().colwise() * gamma(l, p.theta).array()).colwise() + beta(l, p.theta).array()).matrix();
}

template <class S> void layerNormRForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& rh) {
  s.rx.swap(rh);
  const Arr<S> xhat = s.xhat.array();
  s.rxhat = (project<S>(s.rx.array(), xhat).rowwise() * s.invStd.array().row(0)).matrix();
  rh = ((s.rxhat.array().colwise() * gamma(l, p.theta).array()) + (xhat.colwise() * gamma(l, p.v).array()))
           .matrix();
  rh.colwise() += beta(l, p.v);
}

template <class S> void layerNormBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g) {
  const Arr<S> ga = g.array(), xhat = s.xhat.array();
  parameterGradient(l, ga, xhat, p.grad);
  const Arr<S> h = ga.colwise() * gamma(l, p.theta).array();
  g = (project(h, xhat).rowwise() * s.invStd.array().row(0)).matrix();
}

template <class S>
void layerNormRBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, Mat<S>& rg) {
  const Arr<S> ga = g.array(), rga = rg.array(), xhat = s.xhat.array(), rxhat = s.rxhat.array();
  if (p.grad) parameterGradient(l, ga, xhat, p.grad);
  parameterGradient(l, rga, xhat, p.hv);
  Eigen::Map<Vec<S>>(p.hv + l.offset, l.in) += (ga * rxhat).rowwise().sum().matrix();

  const auto gam = gamma(l, p.theta).array();
  const Arr<S> h = ga.colwise() * gam;
  const Arr<S> rh = (ga.colwise() * gamma(l, p.v).array()) + (rga.colwise() * gam);
  const RowArr<S> inv = s.invStd.array().row(0);
  const RowArr<S> rinv = -inv.square() * (xhat * s.rx.array()).colwise().mean();
  const Arr<S> u = project(h, xhat);
  const Arr<S> ru = project(rh, xhat) - rxhat.rowwise() * (h * xhat).colwise().mean() -
                    xhat.rowwise() * (h * rxhat).colwise().mean();
  rg = ((u.rowwise() * rinv) + (ru.rowwise() * inv)).matrix();
  g = (u.rowwise() * inv).matrix();
}

#define LOSSLAB_INSTANTIATE(S)                                                                          \
  template void layerNormForward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&);    \
  template void layerNormRForward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&);   \
  template void layerNormBackward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&);   \
  template void layerNormRBackward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&, Mat<S>&);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab::layer_passes
