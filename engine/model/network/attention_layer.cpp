// Multi-head self-attention, exactly PyTorch nn.MultiheadAttention(D, heads, batch_first=True):
// [q; k; v] = in_W x + in_b, per head S = q^T k / sqrt(D/heads) (+ a causal mask), A = softmax
// over keys (row i: query i), o = v A^T, the heads stacked, y = out_W o + out_b. The projections
// run on the whole batch as one product; the T x T part per sample and head. With
// c = rowsum(dA * A) (the softmax's Jacobian applied as A * (dA - c)):
//   R{S} = (R{q}^T k + q^T R{k}) / sqrt(dh),  R{A} = A * (R{S} - rowsum(A * R{S})),
//   R{o} = R{v} A^T + v R{A}^T;
//   dv = do A, dA = do^T v, dS = A * (dA - c), dq = k dS^T / sqrt(dh), dk = q dS / sqrt(dh),
// and their R{} by the product rule (R{dS} = R{A} * (dA - c) + A * (R{dA} - R{c})).
#include <cmath>
#include <limits>

#include "layer_passes.hpp"

namespace losslab::layer_passes {
namespace {

struct Heads {
  Index D, T, heads, dh;
  double scale;  // 1 / sqrt(dh)
};

Heads headsOf(const Layer& l) {
  const Index D = l.in, h = l.heads;
  return {D, l.inShape.dims[0], h, D / h, 1.0 / std::sqrt(double(D / h))};
}

// The four tensors of a parameter vector (in_b and out_b null without bias).
template <class S> struct Projections {
  const S *inW, *inB, *outW, *outB;
  Projections(const Layer& l, const S* p) {
    const Index D = l.in;
    inW = p + l.offset;
    inB = l.bias ? inW + 3 * D * D : nullptr;
    outW = inW + 3 * D * D + (l.bias ? 3 * D : 0);
    outB = l.bias ? outW + D * D : nullptr;
  }
  Eigen::Map<const RowMat<S>> in(Index D) const { return {inW, 3 * D, D}; }
  Eigen::Map<const RowMat<S>> out(Index D) const { return {outW, D, D}; }
};

template <class S> struct ProjectionsOut {
  S *inW, *inB, *outW, *outB;
  ProjectionsOut(const Layer& l, S* p) {
    const Index D = l.in;
    inW = p + l.offset;
    inB = l.bias ? inW + 3 * D * D : nullptr;
    outW = inW + 3 * D * D + (l.bias ? 3 * D : 0);
    outB = l.bias ? outW + D * D : nullptr;
  }
};

// out = W x (+ b): a projection of every position of the batch.
template <class S, class M> void project(const M& W, const S* b, const Mat<S>& x, Mat<S>& out) {
  out.noalias() = W * x;
  if (b) out.colwise() += Eigen::Map<const Vec<S>>(b, W.rows());
}

// The parameter gradient of a projection y = W x + b with output gradient g (added when `add`).
template <class S>
void projectionGradient(const Mat<S>& g, const Mat<S>& x, S* W, S* b, bool add) {
  Eigen::Map<RowMat<S>> dW(W, g.rows(), x.rows());
  if (add) {
    dW.noalias() += g * x.transpose();
  } else {
    dW.noalias() = g * x.transpose();
    if (b) Eigen::Map<Vec<S>>(b, g.rows()) = g.rowwise().sum();
  }
}

// Block (sample n, head h) of the attention weights' store (T rows, T columns per block).
template <class M> auto weights(M& attn, const Heads& k, Index n, Index h) {
  return attn.middleCols((n * k.heads + h) * k.T, k.T);
}
// Rows of head h of q (part 0), k (1) or v (2), the columns of sample n.
template <class M> auto part(M& qkv, const Heads& k, int which, Index n, Index h) {
  return qkv.block(which * k.D + h * k.dh, n * k.T, k.dh, k.T);
}

template <class S> void softmaxRows(const Layer& l, Mat<S>& a) {
  const Index T = a.rows();
  for (Index i = 0; i < T; ++i) {
    const Index seen = l.causal ? i + 1 : T;  // a causal query sees keys 0..i
    S top = a(i, 0);
    for (Index j = 1; j < seen; ++j) top = std::max(top, a(i, j));
    S sum = 0;
    for (Index j = 0; j < seen; ++j) sum += a(i, j) = std::exp(a(i, j) - top);
    for (Index j = 0; j < seen; ++j) a(i, j) /= sum;
    for (Index j = seen; j < T; ++j) a(i, j) = 0;
  }
}

// The softmax's Jacobian at A applied to u, row by row: A * (u - rowsum(A * u)).
template <class S> Mat<S> softmaxJacobian(const Mat<S>& a, const Mat<S>& u) {
  const Vec<S> c = (a.array() * u.array()).rowwise().sum();
  return (a.array() * (u.colwise() - c).array()).matrix();
}

}  // namespace

template <class S> void attentionForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h) {
  const Heads k = headsOf(l);
  const Projections<S> w(l, p.theta);
  s.x.swap(h);
  project(w.in(k.D), w.inB, s.x, s.qkv);
  const Index n = s.x.cols() / k.T;
  s.attn.resize(k.T, n * k.heads * k.T);
  s.mixed.resize(k.D, s.x.cols());
  for (Index i = 0; i < n; ++i)
    for (Index hd = 0; hd < k.heads; ++hd) {
      Mat<S> a = S(k.scale) * (part(s.qkv, k, 0, i, hd).transpose() * part(s.qkv, k, 1, i, hd));
      softmaxRows(l, a);
      weights(s.attn, k, i, hd) = a;
      part(s.mixed, k, 0, i, hd).noalias() = part(s.qkv, k, 2, i, hd) * a.transpose();
    }
  project(w.out(k.D), w.outB, s.mixed, h);
}

template <class S> void attentionRForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& rh) {
  const Heads k = headsOf(l);
  const Projections<S> w(l, p.theta), v(l, p.v);
  s.rx.swap(rh);
  project(v.in(k.D), v.inB, s.x, s.rqkv);
  if (!s.rx.isZero(0)) s.rqkv.noalias() += w.in(k.D) * s.rx;
  const Index n = s.x.cols() / k.T;
  s.rattn.resize(k.T, n * k.heads * k.T);
  s.rmixed.resize(k.D, s.x.cols());
  for (Index i = 0; i < n; ++i)
    for (Index hd = 0; hd < k.heads; ++hd) {
      const auto q = part(s.qkv, k, 0, i, hd), key = part(s.qkv, k, 1, i, hd), val = part(s.qkv, k, 2, i, hd);
      const auto rq = part(s.rqkv, k, 0, i, hd), rk = part(s.rqkv, k, 1, i, hd), rv = part(s.rqkv, k, 2, i, hd);
      const Mat<S> a = weights(s.attn, k, i, hd);
      Mat<S> rs = rq.transpose() * key;
      rs.noalias() += q.transpose() * rk;
      rs *= S(k.scale);
      const Mat<S> ra = softmaxJacobian(a, rs);
      weights(s.rattn, k, i, hd) = ra;
      auto ro = part(s.rmixed, k, 0, i, hd);
      ro.noalias() = rv * a.transpose();
      ro.noalias() += val * ra.transpose();
    }
  project(v.out(k.D), v.outB, s.mixed, rh);
  rh.noalias() += w.out(k.D) * s.rmixed;
}

template <class S>
void attentionBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, bool inputGradient) {
  const Heads k = headsOf(l);
  const Projections<S> w(l, p.theta);
  const ProjectionsOut<S> d(l, p.grad);
  projectionGradient<S>(g, s.mixed, d.outW, d.outB, false);
  const Mat<S> dmixed = w.out(k.D).transpose() * g;
  Mat<S> dqkv(3 * k.D, s.x.cols());
  const Index n = s.x.cols() / k.T;
  for (Index i = 0; i < n; ++i)
    for (Index hd = 0; hd < k.heads; ++hd) {
      const auto q = part(s.qkv, k, 0, i, hd), key = part(s.qkv, k, 1, i, hd), val = part(s.qkv, k, 2, i, hd);
      const auto dout = part(dmixed, k, 0, i, hd);
      const Mat<S> a = weights(s.attn, k, i, hd);
      part(dqkv, k, 2, i, hd).noalias() = dout * a;
      const Mat<S> ds = S(k.scale) * softmaxJacobian<S>(a, dout.transpose() * val);
      part(dqkv, k, 0, i, hd).noalias() = key * ds.transpose();
      part(dqkv, k, 1, i, hd).noalias() = q * ds;
    }
  projectionGradient<S>(dqkv, s.x, d.inW, d.inB, false);
  if (inputGradient) g.noalias() = w.in(k.D).transpose() * dqkv;
}

template <class S>
void attentionRBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, Mat<S>& rg,
                        bool inputGradient) {
  const Heads k = headsOf(l);
  const Projections<S> w(l, p.theta), v(l, p.v);
  const ProjectionsOut<S> hv(l, p.hv);
  const bool rxZero = s.rx.isZero(0);
  // out_W: R{d out_W} = R{g} o^T + g R{o}^T.
  projectionGradient<S>(rg, s.mixed, hv.outW, hv.outB, false);
  projectionGradient<S>(g, s.rmixed, hv.outW, nullptr, true);
  const Mat<S> dmixed = w.out(k.D).transpose() * g;
  Mat<S> rdmixed = v.out(k.D).transpose() * g;
  rdmixed.noalias() += w.out(k.D).transpose() * rg;

  Mat<S> dqkv(3 * k.D, s.x.cols()), rdqkv(3 * k.D, s.x.cols());
  const Index n = s.x.cols() / k.T;
  for (Index i = 0; i < n; ++i)
    for (Index hd = 0; hd < k.heads; ++hd) {
      const auto q = part(s.qkv, k, 0, i, hd), key = part(s.qkv, k, 1, i, hd), val = part(s.qkv, k, 2, i, hd);
      const auto rq = part(s.rqkv, k, 0, i, hd), rk = part(s.rqkv, k, 1, i, hd), rv = part(s.rqkv, k, 2, i, hd);
      const auto dout = part(dmixed, k, 0, i, hd);
      const auto rdout = part(rdmixed, k, 0, i, hd);
      const Mat<S> a = weights(s.attn, k, i, hd), ra = weights(s.rattn, k, i, hd);
      // dv and R{dv}
      part(dqkv, k, 2, i, hd).noalias() = dout * a;
      auto rdv = part(rdqkv, k, 2, i, hd);
      rdv.noalias() = rdout * a;
      rdv.noalias() += dout * ra;
      // dA, R{dA}, then dS and R{dS}
      const Mat<S> da = dout.transpose() * val;
      Mat<S> rda = rdout.transpose() * val;
      rda.noalias() += dout.transpose() * rv;
      const Vec<S> c = (da.array() * a.array()).rowwise().sum();
      const Vec<S> rc = (rda.array() * a.array() + da.array() * ra.array()).rowwise().sum();
      const S sc = S(k.scale);
      const Mat<S> ds = sc * (a.array() * (da.colwise() - c).array()).matrix();
      const Mat<S> rds =
          sc * (ra.array() * (da.colwise() - c).array() + a.array() * (rda.colwise() - rc).array()).matrix();
      // dq = k dS^T, dk = q dS and their R{}
      part(dqkv, k, 0, i, hd).noalias() = key * ds.transpose();
      part(dqkv, k, 1, i, hd).noalias() = q * ds;
      auto rdq = part(rdqkv, k, 0, i, hd);
      rdq.noalias() = rk * ds.transpose();
      rdq.noalias() += key * rds.transpose();
      auto rdk = part(rdqkv, k, 1, i, hd);
      rdk.noalias() = rq * ds;
      rdk.noalias() += q * rds;
    }
  // in_W: R{d in_W} = R{dqkv} x^T + dqkv R{x}^T.
  projectionGradient<S>(rdqkv, s.x, hv.inW, hv.inB, false);
  if (!rxZero) projectionGradient<S>(dqkv, s.rx, hv.inW, nullptr, true);
  if (p.grad) {
    const ProjectionsOut<S> d(l, p.grad);
    projectionGradient<S>(g, s.mixed, d.outW, d.outB, false);
    projectionGradient<S>(dqkv, s.x, d.inW, d.inB, false);
  }
  if (!inputGradient) return;
  rg.noalias() = w.in(k.D).transpose() * rdqkv;
  rg.noalias() += v.in(k.D).transpose() * dqkv;
  g.noalias() = w.in(k.D).transpose() * dqkv;
}

#define LOSSLAB_INSTANTIATE(S)                                                                                \
  template void attentionForward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&);           \
  template void attentionRForward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&);          \
  template void attentionBackward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&, bool);    \
  template void attentionRBackward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&, Mat<S>&, \
                                      bool);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab::layer_passes
