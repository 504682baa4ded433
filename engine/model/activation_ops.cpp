#include "losslab/model/activation_ops.hpp"

#include <cmath>

#include "losslab/model/packet_tanh.hpp"

namespace losslab {
namespace {

// GELU in the erf form (PyTorch's default): x * Phi(x).
template <class S> S normalCdf(S x) { return S(0.5) * (S(1) + std::erf(x * S(M_SQRT1_2))); }
template <class S> S normalPdf(S x) {
  return S(0.3989422804014327) * std::exp(S(-0.5) * x * x);  // 1/sqrt(2 pi)
}

void batchTanh(const Mat<double>& z, Mat<double>& a) { a = z.unaryExpr(packet_tanh::Tanh()); }
void batchTanh(const Mat<float>& z, Mat<float>& a) { a = z.array().tanh(); }  // vectorised by Eigen

}  // namespace

template <class S> void applyActivation(Activation act, const Mat<S>& z, Mat<S>& a) {
  a.resize(z.rows(), z.cols());
  switch (act) {
    case Activation::Linear: a = z; break;
    case Activation::Relu: a = z.array().max(S(0)); break;
    case Activation::Tanh: batchTanh(z, a); break;
    case Activation::Sigmoid: a = (S(1) + (-z.array()).exp()).inverse(); break;
    case Activation::Gelu: a = z.unaryExpr([](S x) { return x * normalCdf(x); }); break;
  }
}

namespace {

// out = g * sigma'(z), the one place the first derivatives are written. g is a matrix in the
// gradient's backward pass and the constant 1 (folded away by the compiler: x * 1 is x) when
// sigma'(z) itself is stored for the second-order passes.
template <class S, class G>
void scaledDerivative(Activation act, const Mat<S>& z, const Mat<S>& a, const G& g, Mat<S>& out) {
  const auto ga = g.array();
  switch (act) {
    case Activation::Linear: out = g; break;
    // PyTorch's convention: relu'(0) = 0.
    case Activation::Relu: out = (z.array() > S(0)).select(ga, S(0)); break;
    case Activation::Tanh: out = ga * (S(1) - a.array().square()); break;
    case Activation::Sigmoid: out = ga * (a.array() * (S(1) - a.array())); break;
    case Activation::Gelu:
      out = ga * z.unaryExpr([](S x) { return normalCdf(x) + x * normalPdf(x); }).array();
      break;
  }
}

}  // namespace

template <class S>
void activationDerivative(Activation act, const Mat<S>& z, const Mat<S>& a, Mat<S>& d1) {
  scaledDerivative(act, z, a, Mat<S>::Ones(z.rows(), z.cols()), d1);
}

template <class S>
void timesDerivative(Activation act, const Mat<S>& z, const Mat<S>& a, const Mat<S>& g, Mat<S>& out) {
  scaledDerivative(act, z, a, g, out);
}

template <class S>
void activationSecondDerivative(Activation act, const Mat<S>& z, const Mat<S>& a, Mat<S>& d2) {
  d2.resize(z.rows(), z.cols());
  switch (act) {
    case Activation::Linear:
    case Activation::Relu: d2.setZero(); break;
    case Activation::Tanh: d2 = S(-2) * a.array() * (S(1) - a.array().square()); break;
    case Activation::Sigmoid:
      d2 = a.array() * (S(1) - a.array()) * (S(1) - S(2) * a.array());
      break;
    case Activation::Gelu:
      d2 = z.unaryExpr([](S x) { return normalPdf(x) * (S(2) - x * x); });
      break;
  }
}

#define LOSSLAB_INSTANTIATE(S)                                                         \
  template void applyActivation<S>(Activation, const Mat<S>&, Mat<S>&);                \
  template void activationDerivative<S>(Activation, const Mat<S>&, const Mat<S>&,      \
                                        Mat<S>&);                                      \
  template void activationSecondDerivative<S>(Activation, const Mat<S>&, const Mat<S>&, \
                                              Mat<S>&);                                \
  template void timesDerivative<S>(Activation, const Mat<S>&, const Mat<S>&, const Mat<S>&, \
                                   Mat<S>&);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab
