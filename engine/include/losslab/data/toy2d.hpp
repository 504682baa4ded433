#pragma once
// The two-input data sets of TensorFlow Playground, scaled to about [-1, 1]^2. Each adds
// noise·N(0, 1) to every input coordinate (classification) or to the target (regression), and
// each returns exactly n samples, classes as even as n allows (the split shuffles the order).
#include "losslab/core/random.hpp"
#include "losslab/data/dataset.hpp"

namespace losslab {

// `arms` classes of n/arms points each along t·(cos t, sin t)/10, t in linspace(0, 1, m)·3π,
// arm k turned by 2πk/arms. Two arms are the usual PyTorch generator exactly: the second is −a.
Dataset makeSpiral(int n, int arms, double noise, Rng& rng);
// Class 0 inside radius 0.5, class 1 on the ring 0.7..1 (uniform angle and radius).
Dataset makeCircles(int n, double noise, Rng& rng);
// Uniform in [-1, 1]^2 pushed 0.06 away from the axes; class 1 where x1·x2 > 0.
Dataset makeXor(int n, double noise, Rng& rng);
// Two blobs of standard deviation 0.2 around (0.5, 0.5) (class 1) and (-0.5, -0.5) (class 0).
Dataset makeGaussians(int n, double noise, Rng& rng);
// scikit-learn's make_moons (outer moon class 0), shifted by (-0.5, -0.25) to centre it on the
// origin.
Dataset makeMoons(int n, double noise, Rng& rng);

// Regression on x uniform in [-1, 1]^2: the plane y = (x1 + x2)/2.
Dataset makeRegPlane(int n, double noise, Rng& rng);
// Regression on x uniform in [-1, 1]^2: six Gaussian bumps of alternating sign (width 0.15) on a
// 3x2 grid, the layout of Playground's "multi gaussian".
Dataset makeRegGauss(int n, double noise, Rng& rng);

}  // namespace losslab
