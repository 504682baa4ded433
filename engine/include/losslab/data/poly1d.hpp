#pragma once
// One-input regression: x uniform in [-1, 1],
// y = c0 + c1·x + ... + c_degree·x^degree + noise·N(0, 1).
#include <vector>

#include "losslab/core/random.hpp"
#include "losslab/data/dataset.hpp"

namespace losslab {

// Coefficients c_j ~ N(0, 1), drawn first (c0 first), then the inputs, then the noise.
// If `coefficients` is given it receives them.
Dataset makePoly1d(int n, int degree, double noise, Rng& rng,
                   std::vector<double>* coefficients = nullptr);

}  // namespace losslab
