// PyTorch avg_pool2d and max_pool2d with kernel = stride = k, no padding, the remainder rows and
// columns dropped. Average pooling is linear; max pooling is linear where it is differentiable
// (each output copies the input it took, the first maximum of its window in row-major order on
// ties, as PyTorch's CPU kernel), so R{y}, g and R{g} go through the same map or its transpose.
#include "layer_passes.hpp"

namespace losslab::layer_passes {
namespace {

struct Windows {
  int C, H, W, k, Ho, Wo;
  Index inSize() const { return Index(C) * H * W; }
  Index outSize() const { return Index(C) * Ho * Wo; }
};

Windows windows(const Layer& l) {
  const auto& i = l.inShape.dims;
  return {i[0], i[1], i[2], l.kernel, i[1] / l.kernel, i[2] / l.kernel};
}

// Calls f(output row, input row) for every input of every window of one sample.
template <class F> void forEachWindowTap(const Windows& w, F&& f) {
  for (int c = 0; c < w.C; ++c)
    for (int oy = 0; oy < w.Ho; ++oy)
      for (int ox = 0; ox < w.Wo; ++ox) {
        const Index out = (Index(c) * w.Ho + oy) * w.Wo + ox;
        for (int i = 0; i < w.k; ++i)
          for (int j = 0; j < w.k; ++j) f(out, (Index(c) * w.H + oy * w.k + i) * w.W + ox * w.k + j);
      }
}

}  // namespace

template <class S> void poolForward(const Layer& l, LayerState<S>& s, Mat<S>& h) {
  const Windows w = windows(l);
  s.x.swap(h);
  const Index n = s.x.cols();
  if (l.kind == LayerKind::AvgPool2d) {
    poolApply(l, s, h = s.x);
    return;
  }
  s.argmax.resize(size_t(w.outSize() * n));
  h.resize(w.outSize(), n);
  for (Index col = 0; col < n; ++col) {
    const S* x = s.x.col(col).data();
    Index* arg = s.argmax.data() + col * w.outSize();
    S* y = h.col(col).data();
    for (int c = 0; c < w.C; ++c)
      for (int oy = 0; oy < w.Ho; ++oy)
        for (int ox = 0; ox < w.Wo; ++ox) {
          // The first tap of the window, then a larger value; a NaN wins, the last one if several
          // (PyTorch's `val > max || isnan(val)`). The comparison is a select, not a branch: on
          // trained feature maps which tap wins is a coin toss, and the mispredicted branches made
          // this loop 14% of a CNN's training step. NaNs are rare, so their branch is predicted.
          Index best = (Index(c) * w.H + oy * w.k) * w.W + ox * w.k, nan = -1;
          S top = x[best];
          for (int i = 0; i < w.k; ++i) {
            const Index row = (Index(c) * w.H + oy * w.k + i) * w.W + ox * w.k;
            for (int j = 0; j < w.k; ++j) {
              const S v = x[row + j];
              if (std::isnan(v)) nan = row + j;
              const bool larger = v > top;
              best = larger ? row + j : best;
              top = larger ? v : top;
            }
          }
          if (nan >= 0) top = x[best = nan];
          const Index o = (Index(c) * w.Ho + oy) * w.Wo + ox;
          arg[o] = best;
          y[o] = top;
        }
  }
}

template <class S> void poolApply(const Layer& l, const LayerState<S>& s, Mat<S>& h) {
  const Windows w = windows(l);
  const Index n = h.cols();
  Mat<S> out = Mat<S>::Zero(w.outSize(), n);
  if (l.kind == LayerKind::AvgPool2d) {
    const S scale = S(1) / S(w.k * w.k);
    for (Index col = 0; col < n; ++col) {
      const S* x = h.col(col).data();
      S* y = out.col(col).data();
      forEachWindowTap(w, [&](Index o, Index in) { y[o] += x[in]; });
    }
    out *= scale;
  } else {
    for (Index col = 0; col < n; ++col) {
      const Index* arg = s.argmax.data() + col * w.outSize();
      for (Index o = 0; o < w.outSize(); ++o) out(o, col) = h(arg[o], col);
    }
  }
  h.swap(out);
}

template <class S> void poolTranspose(const Layer& l, const LayerState<S>& s, Mat<S>& g) {
  const Windows w = windows(l);
  const Index n = g.cols();
  Mat<S> dx = Mat<S>::Zero(w.inSize(), n);
  if (l.kind == LayerKind::AvgPool2d) {
    const S scale = S(1) / S(w.k * w.k);
    for (Index col = 0; col < n; ++col) {
      const S* y = g.col(col).data();
      S* x = dx.col(col).data();
      forEachWindowTap(w, [&](Index o, Index in) { x[in] = scale * y[o]; });
    }
  } else {
    for (Index col = 0; col < n; ++col) {
      const Index* arg = s.argmax.data() + col * w.outSize();
      for (Index o = 0; o < w.outSize(); ++o) dx(arg[o], col) += g(o, col);
    }
  }
  g.swap(dx);
}

#define LOSSLAB_INSTANTIATE(S)                                                       \
  template void poolForward<S>(const Layer&, LayerState<S>&, Mat<S>&);              \
  template void poolApply<S>(const Layer&, const LayerState<S>&, Mat<S>&);          \
  template void poolTranspose<S>(const Layer&, const LayerState<S>&, Mat<S>&);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab::layer_passes
