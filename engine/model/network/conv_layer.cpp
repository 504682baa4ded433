// PyTorch conv2d (cross-correlation, zero padding) as one matrix product per batch (im2col,
// Chellapilla et al. 2006): the patches of every sample and output position are the rows of
// `cols` (N·Ho·Wo x C·k·k), so Y' = cols W^T (N·Ho·Wo x O) and the layer is linear in the patches:
//   R{Y'} = cols V^T + R{cols} W^T,            dW = G'^T cols,   dcols = G' W,
//   R{dW} = R{G'}^T cols + G'^T R{cols},       R{dcols} = R{G'} W + G' V,
// with dx the patches' gradient added back to the pixels they came from (col2im).
#include "layer_passes.hpp"

namespace losslab::layer_passes {
namespace {

struct Geometry {
  int C, H, W, O, k, stride, pad, Ho, Wo;
  Index positions() const { return Index(Ho) * Wo; }
  Index patch() const { return Index(C) * k * k; }
};

Geometry geometry(const Layer& l) {
  const auto& i = l.inShape.dims;
  const auto& o = l.outShape.dims;
  return {i[0], i[1], i[2], o[0], l.kernel, l.stride, l.padding, o[1], o[2]};
}

template <class S> Eigen::Map<const RowMat<S>> filters(const Layer& l, const S* p, const Geometry& g) {
  return Eigen::Map<const RowMat<S>>(p + l.offset, g.O, g.patch());
}
template <class S> Eigen::Map<RowMat<S>> filtersOut(const Layer& l, S* p, const Geometry& g) {
  return Eigen::Map<RowMat<S>>(p + l.offset, g.O, g.patch());
}
template <class S> Eigen::Map<Vec<S>> biasOut(const Layer& l, S* p, const Geometry& g) {
  return Eigen::Map<Vec<S>>(p + l.offset + Index(g.O) * g.patch(), g.O);
}

// Calls f(column of the patch matrix, row of the image, row of the patch matrix's block of one
// sample) for every pixel a patch reads; pixels of the padding are skipped.
template <class F> void forEachTap(const Geometry& g, F&& f) {
  for (int c = 0; c < g.C; ++c)
    for (int i = 0; i < g.k; ++i)
      for (int j = 0; j < g.k; ++j) {
        const Index col = (Index(c) * g.k + i) * g.k + j;
        for (int oy = 0; oy < g.Ho; ++oy) {
          const int iy = oy * g.stride + i - g.pad;
          if (iy < 0 || iy >= g.H) continue;
          for (int ox = 0; ox < g.Wo; ++ox) {
            const int ix = ox * g.stride + j - g.pad;
            if (ix >= 0 && ix < g.W) f(col, (Index(c) * g.H + iy) * g.W + ix, Index(oy) * g.Wo + ox);
          }
        }
      }
}

template <class S> void im2col(const Geometry& g, const Mat<S>& x, Mat<S>& cols) {
  const Index n = x.cols(), P = g.positions();
  cols.setZero(n * P, g.patch());
  forEachTap(g, [&](Index col, Index pixel, Index at) {
    S* out = cols.col(col).data() + at;
    const S* in = x.data() + pixel;
    for (Index s = 0; s < n; ++s) out[s * P] = in[s * x.rows()];
  });
}

template <class S> void col2im(const Geometry& g, const Mat<S>& dcols, Index n, Mat<S>& dx) {
  const Index P = g.positions();
  dx.setZero(Index(g.C) * g.H * g.W, n);
  forEachTap(g, [&](Index col, Index pixel, Index at) {
    const S* in = dcols.col(col).data() + at;
    S* out = dx.data() + pixel;
    for (Index s = 0; s < n; ++s) out[s * dx.rows()] += in[s * P];
  });
}

// Y' (N·Ho·Wo x O) to the batch layout (O·Ho·Wo x N), adding the bias if given.
template <class S> void toImages(const Geometry& g, const Mat<S>& y, const S* bias, Mat<S>& h) {
  const Index P = g.positions(), n = y.rows() / P;
  h.resize(Index(g.O) * P, n);
  for (Index s = 0; s < n; ++s)
    for (int o = 0; o < g.O; ++o) {
      auto dst = h.col(s).segment(o * P, P);
      dst = y.col(o).segment(s * P, P);
      if (bias) dst.array() += bias[o];
    }
}

// The batch layout's gradient back to Y''s (N·Ho·Wo x O).
template <class S> Mat<S> fromImages(const Geometry& g, const Mat<S>& h) {
  const Index P = g.positions(), n = h.cols();
  Mat<S> y(n * P, g.O);
  for (Index s = 0; s < n; ++s)
    for (int o = 0; o < g.O; ++o) y.col(o).segment(s * P, P) = h.col(s).segment(o * P, P);
  return y;
}

template <class S> const S* bias(const Layer& l, const S* p, const Geometry& g) {
  return l.bias ? p + l.offset + Index(g.O) * g.patch() : nullptr;
}

template <class S> void parameterGradient(const Layer& l, const Geometry& g, const Mat<S>& gy, const Mat<S>& cols, S* out) {
  filtersOut(l, out, g).noalias() = gy.transpose() * cols;
  if (l.bias) biasOut(l, out, g) = gy.colwise().sum().transpose();
}

}  // namespace

template <class S> void convForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h) {
  const Geometry g = geometry(l);
  s.x.swap(h);
  im2col(g, s.x, s.cols);
  const Mat<S> y = s.cols * filters(l, p.theta, g).transpose();
  toImages(g, y, bias(l, p.theta, g), h);
}

template <class S> void convRForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& rh) {
  const Geometry g = geometry(l);
  s.rx.swap(rh);
  Mat<S> y = s.cols * filters(l, p.v, g).transpose();
  // The first layer's R{x} is zero: its patches need not be formed.
  if (s.rx.size() && !s.rx.isZero(0)) {
    im2col(g, s.rx, s.rcols);
    y.noalias() += s.rcols * filters(l, p.theta, g).transpose();
  } else {
    s.rcols.resize(0, 0);
  }
  toImages(g, y, bias(l, p.v, g), rh);
}

template <class S>
void convBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, bool inputGradient) {
  const Geometry geo = geometry(l);
  const Mat<S> gy = fromImages(geo, g);
  parameterGradient(l, geo, gy, s.cols, p.grad);
  if (!inputGradient) return;
  const Mat<S> dcols = gy * filters(l, p.theta, geo);
  col2im(geo, dcols, s.x.cols(), g);
}

template <class S>
void convRBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, Mat<S>& rg,
                   bool inputGradient) {
  const Geometry geo = geometry(l);
  const Mat<S> gy = fromImages(geo, g), rgy = fromImages(geo, rg);
  if (p.grad) parameterGradient(l, geo, gy, s.cols, p.grad);
  parameterGradient(l, geo, rgy, s.cols, p.hv);
  if (s.rcols.size()) filtersOut(l, p.hv, geo).noalias() += gy.transpose() * s.rcols;
  if (!inputGradient) return;
  const auto W = filters(l, p.theta, geo);
  Mat<S> rdcols = rgy * W;
  rdcols.noalias() += gy * filters(l, p.v, geo);
  col2im(geo, rdcols, s.x.cols(), rg);
  const Mat<S> dcols = gy * W;
  col2im(geo, dcols, s.x.cols(), g);
}

#define LOSSLAB_INSTANTIATE(S)                                                                              \
  template void convForward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&);              \
  template void convRForward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&);             \
  template void convBackward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&, bool);       \
  template void convRBackward<S>(const Layer&, const PassVectors<S>&, LayerState<S>&, Mat<S>&, Mat<S>&, bool);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab::layer_passes
