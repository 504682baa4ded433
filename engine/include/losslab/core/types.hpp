#pragma once
// Numeric types shared by every part of the engine. Kernels are templated on the scalar S
// (float or double) so that float32 runs really compute in float32.
#include <Eigen/Core>
#include <cstdint>

namespace losslab {

using Index = Eigen::Index;
template <class S> using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
// Column-major: one column per sample in every batch of inputs, activations and logits.
template <class S> using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
// Weights are stored row-major (out x in), the PyTorch nn.Linear order of the flat vector.
template <class S> using RowMat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

enum class Precision { Float32, Float64 };

}  // namespace losslab
