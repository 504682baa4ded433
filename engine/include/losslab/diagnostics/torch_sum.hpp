#pragma once
// torch.sum over one contiguous row, rounded as PyTorch's CPU kernel rounds it, so that Prieto et
// al.'s softmax-collapse metric (sum_exp == 1 after torch.sum) is reproduced in every precision.
// ATen's cascade_sum (aten/src/ATen/native/cpu/SumKernel.cpp, vectorized_inner_sum) on AVX2 (the
// kernel is not dispatched to AVX-512): the accumulator is float for float16 and the type itself
// for float32 and float64; a row of n terms is read as 32-byte vectors (16 halves, 8 floats or 4
// doubles) into 8 or 4 accumulator lanes (a float16 vector's two halves are added first), four
// interleaved vector sums (row_sum's ilp factor) with multi_row_sum's level cascade, the tail
// vectors into the first, the four into one; the scalar tail, then the lanes in order, are added
// to a fresh accumulator, and the total is rounded to the input type. Rows shorter than a vector
// take the scalar path (four interleaved sums). CUDA reduces in another order, which moves the
// float32 and float64 edges a little and float16's not at all (its float accumulator is exact
// enough there).
#include <Eigen/Core>
#include <vector>

namespace losslab {

Eigen::half torchSum(const std::vector<Eigen::half>& row);
float torchSum(const std::vector<float>& row);
double torchSum(const std::vector<double>& row);

}  // namespace losslab
