// PyTorch conv2d (cross-correlation, zero padding) as matrix products (im2col, Chellapilla et
// al. 2006): the patches of a block of samples and every output position are the rows of `cols`
// (b·Ho·Wo x C·k·k), so Y' = cols W^T (b·Ho·Wo x O) and the layer is linear in the patches:
//   R{Y'} = cols V^T + R{cols} W^T,            dW = sum G'^T cols,   dcols = G' W,
//   R{dW} = sum R{G'}^T cols + G'^T R{cols},   R{dcols} = R{G'} W + G' V,
// with dx the patches' gradient added back to the pixels they came from (col2im). The patches
// repeat every pixel k·k times, so they are formed a block of samples at a time, small enough to
// stay in cache, and formed again by the passes after the forward rather than kept.
#include <algorithm>

#include "layer_passes.hpp"

namespace losslab::layer_passes {

// Named outside the anonymous namespace: the passes' lambdas capture it.
struct ConvGeometry {
  int C, H, W, O, k, stride, pad, Ho, Wo;
  Index positions() const { return Index(Ho) * Wo; }
  Index patch() const { return Index(C) * k * k; }
  static ConvGeometry of(const Layer& l) {
    const auto& i = l.inShape.dims;
    const auto& o = l.outShape.dims;
    return {i[0], i[1], i[2], o[0], l.kernel, l.stride, l.padding, o[1], o[2]};
  }
};

namespace {

template <class S> Eigen::Map<const RowMat<S>> filters(const Layer& l, const S* p, const ConvGeometry& g) {
  return Eigen::Map<const RowMat<S>>(p + l.offset, g.O, g.patch());
}
template <class S> Eigen::Map<RowMat<S>> filtersOut(const Layer& l, S* p, const ConvGeometry& g) {
  return Eigen::Map<RowMat<S>>(p + l.offset, g.O, g.patch());
}
template <class S> Eigen::Map<Vec<S>> biasOut(const Layer& l, S* p, const ConvGeometry& g) {
  return Eigen::Map<Vec<S>>(p + l.offset + Index(g.O) * g.patch(), g.O);
}

// Calls f(column of the patch matrix, sample, first output position, first pixel, count) for
// every run of output positions of one output row that a kernel tap (c, i, j) reads inside the
// image: pixels pixel, pixel + stride, ... feed positions first, first + 1, ... Padding is
// skipped. Samples inside the tap, so a run's positions and pixels are each near the last.
template <class F> void forEachTapRun(const ConvGeometry& g, Index samples, F&& f) {
  for (int c = 0; c < g.C; ++c)
    for (int i = 0; i < g.k; ++i)
      for (int j = 0; j < g.k; ++j) {
        const Index col = (Index(c) * g.k + i) * g.k + j;
        // The output columns ox whose pixel ox * stride + j - pad lies in 0..W-1.
        const int oxFirst = std::max(0, (g.pad - j + g.stride - 1) / g.stride);
        const int last = g.W - 1 + g.pad - j;  // the largest ox * stride that stays inside
        const int oxEnd = last < 0 ? 0 : std::min(g.Wo, last / g.stride + 1);
        if (oxFirst >= oxEnd) continue;
        for (Index s = 0; s < samples; ++s)
          for (int oy = 0; oy < g.Ho; ++oy) {
            const int iy = oy * g.stride + i - g.pad;
            if (iy < 0 || iy >= g.H) continue;
            const Index pixel = (Index(c) * g.H + iy) * g.W + oxFirst * g.stride + j - g.pad;
            f(col, s, Index(oy) * g.Wo + oxFirst, pixel, oxEnd - oxFirst);
          }
      }
}

// A tap (c, i, j) of a convolution of stride 1 whose output is as wide as its input (padding
// k / 2, the usual case): the output positions it feeds and the pixels they read are each one
// contiguous span of the planes, at a fixed offset, except at the ends of rows, where the span
// runs into the next row (|j - pad| entries per row, which must read as zeros).
struct PlaneTap {
  Index col, begin, length, pixel;  // patch column; span in the output plane; its first pixel
  int oyFirst, oyEnd, oxFirst, oxEnd;
};

// Calls f(tap) for every tap that reads inside the image, if the convolution is of that kind;
// returns false (and calls nothing) otherwise.
template <class F> bool forEachPlaneTap(const ConvGeometry& g, F&& f) {
  if (g.stride != 1 || g.Wo != g.W) return false;
  for (int c = 0; c < g.C; ++c)
    for (int i = 0; i < g.k; ++i)
      for (int j = 0; j < g.k; ++j) {
        const int di = i - g.pad, dj = j - g.pad;
        PlaneTap t{(Index(c) * g.k + i) * g.k + j, 0, 0, 0, std::max(0, -di), std::min(g.Ho, g.H - di),
                   std::max(0, -dj), std::min(g.Wo, g.W - dj)};
        if (t.oyFirst >= t.oyEnd || t.oxFirst >= t.oxEnd) {  // reads only padding
          f(PlaneTap{t.col, 0, 0, 0, 0, 0, 0, 0});
          continue;
        }
        t.begin = Index(t.oyFirst) * g.Wo + t.oxFirst;
        t.length = Index(t.oyEnd - 1) * g.Wo + t.oxEnd - t.begin;
        t.pixel = (Index(c) * g.H + t.oyFirst + di) * g.W + t.oxFirst + dj;
        f(t);
      }
  return true;
}

// Zeroes the entries of a tap's span that wrapped into the next row: one or two per row for
// 3 x 3 and 5 x 5 kernels, written in place (a call to memset for each would cost more).
template <class S> void zeroWrapped(const ConvGeometry& g, const PlaneTap& t, S* plane) {
  const Index wrapped = g.Wo - t.oxEnd + t.oxFirst;
  for (int oy = t.oyFirst; oy + 1 < t.oyEnd; ++oy) {
    S* at = plane + Index(oy) * g.Wo + t.oxEnd;
    if (wrapped == 1) {
      at[0] = 0;
    } else if (wrapped == 2) {
      at[0] = at[1] = 0;
    } else {
      std::fill(at, at + wrapped, S(0));
    }
  }
}

// Patches of samples first .. first + count - 1 of x into cols.
template <class S> void im2col(const ConvGeometry& g, const Mat<S>& x, Index first, Index count, Mat<S>& cols) {
  const Index P = g.positions();
  cols.resize(count * P, g.patch());
  // Every entry written once: the span copied, the padding around it zeroed.
  const bool planes = forEachPlaneTap(g, [&](const PlaneTap& t) {
    for (Index s = 0; s < count; ++s) {
      S* plane = cols.col(t.col).data() + s * P;
      const S* in = x.col(first + s).data() + t.pixel;
      std::fill(plane, plane + t.begin, S(0));
      std::copy(in, in + t.length, plane + t.begin);
      std::fill(plane + t.begin + t.length, plane + P, S(0));
      zeroWrapped(g, t, plane);
    }
  });
  if (planes) return;
  cols.setZero();
  forEachTapRun(g, count, [&](Index col, Index s, Index at, Index pixel, int run) {
    S* out = cols.col(col).data() + s * P + at;
    const S* in = x.col(first + s).data() + pixel;
    for (int q = 0; q < run; ++q) out[q] = in[q * g.stride];
  });
}

// The patches' gradient of samples first .. first + count - 1 added to their pixels in dx
// (dcols is scratch: its wrapped entries are zeroed on the way).
template <class S> void col2im(const ConvGeometry& g, Mat<S>& dcols, Index first, Index count, Mat<S>& dx) {
  const Index P = g.positions();
  const bool planes = forEachPlaneTap(g, [&](const PlaneTap& t) {
    for (Index s = 0; s < count; ++s) {
      if (t.length == 0) break;
      S* plane = dcols.col(t.col).data() + s * P;
      zeroWrapped(g, t, plane);
      Eigen::Map<Vec<S>>(dx.col(first + s).data() + t.pixel, t.length) += Eigen::Map<const Vec<S>>(plane + t.begin, t.length);
    }
  });
  if (planes) return;
  forEachTapRun(g, count, [&](Index col, Index s, Index at, Index pixel, int run) {
    const S* in = dcols.col(col).data() + s * P + at;
    S* out = dx.col(first + s).data() + pixel;
    for (int q = 0; q < run; ++q) out[q * g.stride] += in[q];
  });
}

// Y' of a block (b·Ho·Wo x O) into the batch layout (O·Ho·Wo per sample) from sample `first`,
// adding the bias if given.
template <class S> void toImages(const ConvGeometry& g, const Mat<S>& y, const S* bias, Index first, Mat<S>& h) {
  const Index P = g.positions(), n = y.rows() / P;
  for (Index s = 0; s < n; ++s)
    for (int o = 0; o < g.O; ++o) {
      auto dst = h.col(first + s).segment(o * P, P);
      dst = y.col(o).segment(s * P, P);
      if (bias) dst.array() += bias[o];
    }
}

// The batch layout's values of a block back to Y''s layout.
template <class S> void fromImages(const ConvGeometry& g, const Mat<S>& h, Index first, Index count, Mat<S>& y) {
  const Index P = g.positions();
  y.resize(count * P, g.O);
  for (Index s = 0; s < count; ++s)
    for (int o = 0; o < g.O; ++o) y.col(o).segment(s * P, P) = h.col(first + s).segment(o * P, P);
}

template <class S> const S* bias(const Layer& l, const S* p, const ConvGeometry& g) {
  return l.bias ? p + l.offset + Index(g.O) * g.patch() : nullptr;
}

// Samples per block: about 256 KiB of patches (a few blocks' worth of every operand in L2).
template <class S> Index blockSize(const ConvGeometry& g) {
  return std::max<Index>(1, (Index(256) << 10) / Index(sizeof(S)) / (g.positions() * g.patch()));
}

// Calls f(first, count) for the blocks of n samples.
template <class S, class F> void forEachBlock(const ConvGeometry& g, Index n, F&& f) {
  const Index b = blockSize<S>(g);
  for (Index first = 0; first < n; first += b) f(first, std::min(b, n - first));
}

// dW (+)= gy^T cols and db (+)= column sums of gy, into out.
template <class S>
void addParameterGradient(const Layer& l, const ConvGeometry& g, const Mat<S>& gy, const Mat<S>& cols, S* out) {
  filtersOut(l, out, g).noalias() += gy.transpose() * cols;
  if (l.bias) biasOut(l, out, g) += gy.colwise().sum().transpose();
}

template <class S> void zeroParameterGradient(const Layer& l, const ConvGeometry& g, S* out) {
  filtersOut(l, out, g).setZero();
  if (l.bias) biasOut(l, out, g).setZero();
}

}  // namespace

template <class S> void convForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& h) {
  const ConvGeometry g = ConvGeometry::of(l);
  s.x.swap(h);
  h.resize(Index(g.O) * g.positions(), s.x.cols());
  const auto W = filters(l, p.theta, g);
  Mat<S> cols, y;
  forEachBlock<S>(g, s.x.cols(), [&](Index first, Index count) {
    im2col(g, s.x, first, count, cols);
    y.noalias() = cols * W.transpose();
    toImages(g, y, bias(l, p.theta, g), first, h);
  });
}

template <class S> void convRForward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& rh) {
  const ConvGeometry g = ConvGeometry::of(l);
  s.rx.swap(rh);
  // The first layer's R{x} is zero: its patches need not be formed.
  const bool rxZero = s.rx.size() == 0 || s.rx.isZero(0);
  rh.resize(Index(g.O) * g.positions(), s.x.cols());
  const auto W = filters(l, p.theta, g), V = filters(l, p.v, g);
  Mat<S> cols, y;
  forEachBlock<S>(g, s.x.cols(), [&](Index first, Index count) {
    im2col(g, s.x, first, count, cols);
    y.noalias() = cols * V.transpose();
    if (!rxZero) {
      im2col(g, s.rx, first, count, cols);
      y.noalias() += cols * W.transpose();
    }
    toImages(g, y, bias(l, p.v, g), first, rh);
  });
}

template <class S>
void convBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, bool inputGradient) {
  const ConvGeometry geo = ConvGeometry::of(l);
  const Index n = s.x.cols();
  const auto W = filters(l, p.theta, geo);
  zeroParameterGradient(l, geo, p.grad);
  Mat<S> dx, cols, gy, dcols;
  if (inputGradient) dx.setZero(Index(geo.C) * geo.H * geo.W, n);
  forEachBlock<S>(geo, n, [&](Index first, Index count) {
    im2col(geo, s.x, first, count, cols);
    fromImages(geo, g, first, count, gy);
    addParameterGradient(l, geo, gy, cols, p.grad);
    if (!inputGradient) return;
    dcols.noalias() = gy * W;
    col2im(geo, dcols, first, count, dx);
  });
  if (inputGradient) g.swap(dx);
}

template <class S>
void convRBackward(const Layer& l, const PassVectors<S>& p, LayerState<S>& s, Mat<S>& g, Mat<S>& rg,
                   bool inputGradient) {
  const ConvGeometry geo = ConvGeometry::of(l);
  const Index n = s.x.cols();
  const bool rxZero = s.rx.size() == 0 || s.rx.isZero(0);
  const auto W = filters(l, p.theta, geo), V = filters(l, p.v, geo);
  if (p.grad) zeroParameterGradient(l, geo, p.grad);
  zeroParameterGradient(l, geo, p.hv);
  Mat<S> dx, rdx, cols, gy, rgy, dcols;
  if (inputGradient) {
    dx.setZero(Index(geo.C) * geo.H * geo.W, n);
    rdx.setZero(dx.rows(), n);
  }
  forEachBlock<S>(geo, n, [&](Index first, Index count) {
    fromImages(geo, g, first, count, gy);
    fromImages(geo, rg, first, count, rgy);
    im2col(geo, s.x, first, count, cols);
    if (p.grad) addParameterGradient(l, geo, gy, cols, p.grad);
    addParameterGradient(l, geo, rgy, cols, p.hv);
    if (!rxZero) {
      im2col(geo, s.rx, first, count, cols);
      filtersOut(l, p.hv, geo).noalias() += gy.transpose() * cols;
    }
    if (!inputGradient) return;
    dcols.noalias() = gy * W;
    col2im(geo, dcols, first, count, dx);
    dcols.noalias() = rgy * W;
    dcols.noalias() += gy * V;
    col2im(geo, dcols, first, count, rdx);
  });
  if (!inputGradient) return;
  g.swap(dx);
  rg.swap(rdx);
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
