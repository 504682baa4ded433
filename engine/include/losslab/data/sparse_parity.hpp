#pragma once
// Sparse parity (Barak et al. 2022): n random strings of `bits` ±1 features; the label is the
// parity of the first k: class 1 when an odd number of them are −1 (their product is −1).
#include "losslab/core/random.hpp"
#include "losslab/data/dataset.hpp"

namespace losslab {

Dataset makeSparseParity(int n, int bits, int k, Rng& rng);

}  // namespace losslab
