#pragma once
// Teacher–student regression: inputs x ~ N(0, I_dim), target = a random teacher MLP's output.
#include <vector>

#include "losslab/core/random.hpp"
#include "losslab/data/dataset.hpp"

namespace losslab {

// The teacher: dim → hidden... → 1, tanh between layers, linear output, no biases; weights
// N(0, 1/fan_in) so every pre-activation is O(1). Drawn first, then the inputs, then the target
// noise·N(0, 1). An empty `hidden` makes a linear teacher.
Dataset makeTeacherStudent(int n, int dim, const std::vector<int>& hidden, double noise,
                           Rng& rng);

}  // namespace losslab
