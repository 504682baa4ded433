// The sequence layers, on the batch layout of network.hpp (D rows, one column per position,
// sample n's positions in columns n·T … n·T + T − 1):
//   embedding  h[:, nT+t] = E[token(t, n)]       dE[token] += g[:, nT+t]   (tokens have no gradient)
//   positional h[:, nT+t] = x[:, nT+t] + P[t]    dP[t] = sum over n of g[:, nT+t]
//   select     h[:, n] = x[:, nT+pos]            dx[:, nT+pos] = g[:, n], zero elsewhere
// All three are linear in their input and their tensor, so their R-forward is the same map with
// V in place of the tensor, and their R-backward the backward of R{g}.
#include "layer_passes.hpp"

namespace losslab::layer_passes {
namespace {

int lengthOf(const Layer& l) { return l.inShape.dims[0]; }

int positionOf(const Layer& l) {
  const int T = lengthOf(l);
  return l.position < 0 ? T + l.position : l.position;
}

template <class S> Eigen::Map<const RowMat<S>> table(const Layer& l, const S* p) {
  return Eigen::Map<const RowMat<S>>(p + l.offset, l.vocab, l.dim);
}

}  // namespace

template <class S> void embeddingForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h) {
  s.x.swap(h);
  embeddingRForward(l, PassVectors<S>{nullptr, p.theta}, s, h);
}

template <class S> void embeddingRForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& rh) {
  const auto E = table(l, p.v);  // R{h} = V_E[token]; the forward calls this with theta as v
  const Index T = s.x.rows(), n = s.x.cols();
  rh.resize(l.dim, T * n);
  for (Index col = 0; col < n; ++col)
    for (Index t = 0; t < T; ++t) rh.col(col * T + t) = E.row(Index(s.x(t, col))).transpose();
}

template <class S> void embeddingBackward(const Layer& l, const LayerState<S>& s, const Mat<S>& g, S* grad) {
  Eigen::Map<RowMat<S>> dE(grad + l.offset, l.vocab, l.dim);
  const Index T = s.x.rows(), n = s.x.cols();
  for (Index col = 0; col < n; ++col)
    for (Index t = 0; t < T; ++t) dE.row(Index(s.x(t, col))) += g.col(col * T + t).transpose();
}

template <class S> void positionalForward(const Layer& l, const S* tensor, Mat<S>& h) {
  const int T = lengthOf(l);
  const Eigen::Map<const Mat<S>> P(tensor + l.offset, l.in, T);  // P[t] is column t
  for (Index first = 0; first < h.cols(); first += T) h.middleCols(first, T) += P;
}

template <class S> void positionalBackward(const Layer& l, const Mat<S>& g, S* grad) {
  const int T = lengthOf(l);
  Eigen::Map<Mat<S>> dP(grad + l.offset, l.in, T);
  dP.setZero();
  for (Index first = 0; first < g.cols(); first += T) dP += g.middleCols(first, T);
}

template <class S> void selectForward(const Layer& l, Mat<S>& h) {
  const Index T = lengthOf(l), at = positionOf(l), n = h.cols() / T;
  Mat<S> out(h.rows(), n);
  for (Index col = 0; col < n; ++col) out.col(col) = h.col(col * T + at);
  h.swap(out);
}

template <class S> void selectBackward(const Layer& l, Mat<S>& g) {
  const Index T = lengthOf(l), at = positionOf(l), n = g.cols();
  Mat<S> dx = Mat<S>::Zero(g.rows(), T * n);
  for (Index col = 0; col < n; ++col) dx.col(col * T + at) = g.col(col);
  g.swap(dx);
}

template <class S> void reshapeBatch(const Shape& to, Mat<S>& h) {
  const Index rows = to.isSequence() ? to.last() : to.size();
  if (h.rows() == rows) return;  // image <-> vector: the same layout
  Mat<S> out = Eigen::Map<const Mat<S>>(h.data(), rows, h.size() / rows);
  h.swap(out);
}

#define LOSSLAB_INSTANTIATE(S)                                                                          \
  template void embeddingForward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&);    \
  template void embeddingRForward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&);   \
  template void embeddingBackward<S>(const Layer&, const LayerState<S>&, const Mat<S>&, S*);          \
  template void positionalForward<S>(const Layer&, const S*, Mat<S>&);                                \
  template void positionalBackward<S>(const Layer&, const Mat<S>&, S*);                               \
  template void selectForward<S>(const Layer&, Mat<S>&);                                              \
  template void selectBackward<S>(const Layer&, Mat<S>&);                                             \
  template void reshapeBatch<S>(const Shape&, Mat<S>&);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab::layer_passes
