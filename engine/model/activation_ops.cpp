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

template <class S> S logistic(S x) { return S(1) / (S(1) + std::exp(-x)); }
// PyTorch's Softplus(beta=1, threshold=20): the identity above the threshold, where log(1 + e^x)
// equals x to double precision, with derivative 1 and second derivative 0 there.
template <class S> constexpr S kSoftplusThreshold = S(20);

void batchTanh(const Mat<double>& z, Mat<double>& a) { a = z.unaryExpr(packet_tanh::Tanh()); }
void batchTanh(const Mat<float>& z, Mat<float>& a) { a = z.array().tanh(); }  // vectorised by Eigen

}  // namespace

template <class S> void applyActivation(Activation act, const Mat<S>& z, Mat<S>& a, S slope) {
  a.resize(z.rows(), z.cols());
  switch (act) {
    case Activation::Linear: a = z; break;
    case Activation::Relu: a = z.array().max(S(0)); break;
    case Activation::Tanh: batchTanh(z, a); break;
    case Activation::Sigmoid: a = (S(1) + (-z.array()).exp()).inverse(); break;
    case Activation::Gelu: a = z.unaryExpr([](S x) { return x * normalCdf(x); }); break;
    case Activation::LeakyRelu: a = (z.array() > S(0)).select(z.array(), slope * z.array()); break;
    case Activation::Elu: a = z.unaryExpr([](S x) { return x > S(0) ? x : std::expm1(x); }); break;
    case Activation::Silu: a = z.unaryExpr([](S x) { return x * logistic(x); }); break;
    case Activation::Softplus:
      a = z.unaryExpr([](S x) { return x > kSoftplusThreshold<S> ? x : std::log1p(std::exp(x)); });
      break;
    case Activation::Sin: a = z.array().sin(); break;
  }
}

namespace {

// out = g * sigma'(z), the one place the first derivatives are written. g is a matrix in the
// gradient's backward pass and the constant 1 (folded away by the compiler: x * 1 is x) when
// sigma'(z) itself is stored for the second-order passes.
template <class S, class G>
void scaledDerivative(Activation act, const Mat<S>& z, const Mat<S>& a, const G& g, Mat<S>& out,
                      S slope) {
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
    // PyTorch: leaky_relu'(0) = slope, elu'(0) = 1 (e^0).
    case Activation::LeakyRelu: out = (z.array() > S(0)).select(ga, slope * ga); break;
    case Activation::Elu: out = (z.array() > S(0)).select(ga, ga * (a.array() + S(1))); break;
    case Activation::Silu:
      out = ga * z.unaryExpr([](S x) {
                    const S s = logistic(x);
                    return s * (S(1) + x * (S(1) - s));
                  }).array();
      break;
    case Activation::Softplus:
      out = ga * z.unaryExpr([](S x) { return x > kSoftplusThreshold<S> ? S(1) : logistic(x); }).array();
      break;
    case Activation::Sin: out = ga * z.array().cos(); break;
  }
}

}  // namespace

template <class S>
void activationDerivative(Activation act, const Mat<S>& z, const Mat<S>& a, Mat<S>& d1, S slope) {
  scaledDerivative(act, z, a, Mat<S>::Ones(z.rows(), z.cols()), d1, slope);
}

template <class S>
void timesDerivative(Activation act, const Mat<S>& z, const Mat<S>& a, const Mat<S>& g, Mat<S>& out,
                     S slope) {
  scaledDerivative(act, z, a, g, out, slope);
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
    case Activation::LeakyRelu: d2.setZero(); break;
    case Activation::Elu: d2 = (z.array() > S(0)).select(S(0), a.array() + S(1)); break;
    case Activation::Silu:  // d/dx of s(1 + x(1 - s)) = s(1 - s)(2 + x(1 - 2s))
      d2 = z.unaryExpr([](S x) {
        const S s = logistic(x);
        return s * (S(1) - s) * (S(2) + x * (S(1) - S(2) * s));
      });
      break;
    case Activation::Softplus:
      d2 = z.unaryExpr([](S x) {
        const S s = logistic(x);
        return x > kSoftplusThreshold<S> ? S(0) : s * (S(1) - s);
      });
      break;
    case Activation::Sin: d2 = -z.array().sin(); break;
  }
}

#define LOSSLAB_INSTANTIATE(S)                                                              \
  template void applyActivation<S>(Activation, const Mat<S>&, Mat<S>&, S);                  \
  template void activationDerivative<S>(Activation, const Mat<S>&, const Mat<S>&, Mat<S>&, S); \
  template void activationSecondDerivative<S>(Activation, const Mat<S>&, const Mat<S>&,      \
                                              Mat<S>&);                                     \
  template void timesDerivative<S>(Activation, const Mat<S>&, const Mat<S>&, const Mat<S>&,  \
                                   Mat<S>&, S);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)
#undef LOSSLAB_INSTANTIATE

}  // namespace losslab
