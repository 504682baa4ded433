#pragma once
// Elementwise activations and their first two derivatives, on whole batches (columns = samples).
// The second derivative feeds the R-operator (Pearlmutter 1994) of the Hessian-vector product.
// `slope` is leaky ReLU's negative slope; the other functions ignore it.
#include "losslab/core/types.hpp"
#include "losslab/model/architecture.hpp"

namespace losslab {

template <class S>
void applyActivation(Activation act, const Mat<S>& z, Mat<S>& a, S slope = S(kDefaultLeakySlope));
// sigma'(z); `a` = sigma(z) lets tanh and sigmoid reuse the forward value.
template <class S>
void activationDerivative(Activation act, const Mat<S>& z, const Mat<S>& a, Mat<S>& d1,
                          S slope = S(kDefaultLeakySlope));
// out = g * sigma'(z) elementwise, without storing sigma'(z): the gradient's backward pass, where
// the derivative is read once (the ReLU mask and its product were two passes over the batch).
template <class S>
void timesDerivative(Activation act, const Mat<S>& z, const Mat<S>& a, const Mat<S>& g, Mat<S>& out,
                     S slope = S(kDefaultLeakySlope));
// sigma''(z)
template <class S>
void activationSecondDerivative(Activation act, const Mat<S>& z, const Mat<S>& a, Mat<S>& d2);

}  // namespace losslab
