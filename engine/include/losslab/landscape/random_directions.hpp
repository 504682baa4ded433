#pragma once
// Seeded Gaussian directions for random-plane landscapes (Li et al. 2018): two independent
// N(0, I) vectors, optionally the second made orthogonal to the first, then normalised.
#include <Eigen/Core>
#include <cstdint>

#include "losslab/landscape/direction_normalization.hpp"

namespace losslab {

struct RandomDirectionOptions {
  std::uint64_t seed = 0;
  NormalizationOptions normalization;  // filter, biases zeroed by default
  // Gram-Schmidt the second raw direction against the first before normalising. Normalising
  // afterwards keeps the scale right; the normalised pair is then only nearly orthogonal
  // (exactly so under Model or None), which is why the option exists at all: in high dimension
  // two Gaussian directions are already nearly orthogonal.
  bool orthogonalize = false;
};

struct DirectionPair {
  Eigen::VectorXd raw1, raw2;  // the Gaussian draws (raw2 after orthogonalisation, if asked)
  Eigen::VectorXd dir1, dir2;  // normalised: the directions a landscape uses
};

// P standard normal numbers from the engine's Rng: dir1 is the first P draws of Rng(seed),
// dir2 the next P, so a seed names the pair on every platform.
DirectionPair randomDirections(const Eigen::VectorXd& theta, const Network& net,
                               const RandomDirectionOptions& options = {});

}  // namespace losslab
