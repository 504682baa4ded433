#pragma once
// Training in a random d-dimensional subspace, θ = θ₀ + P z with z ∈ ℝᵈ starting at 0 (Li,
// Farkhoor, Liu & Yosinski 2018, "Measuring the intrinsic dimension of objective landscapes"):
// the smallest d at which such training reaches 90% of the full model's accuracy, d_int90, is the
// problem's intrinsic dimension. P is D × d with unit-norm columns: dense Gaussian while its D·d
// values fit kDenseProjectionValues, else the Fastfood transform (Le, Sarlós & Smola 2013), as
// the paper does for large networks: blocks H G Π H B of size n = 2^⌈log₂ d⌉ stacked to D rows,
// O(D log d) time and O(D) memory.
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "losslab/core/types.hpp"

namespace losslab {

enum class ProjectionKind { Auto, Dense, Fastfood, Identity };  // Identity: d = D, P = I (a check)

ProjectionKind projectionFromString(const std::string& name);  // InputError naming subspace.projection
std::string toString(ProjectionKind kind);

// The experiment's "subspace" key: dim 0 trains every parameter.
struct SubspaceConfig {
  long dim = 0;
  ProjectionKind projection = ProjectionKind::Auto;
  bool operator==(const SubspaceConfig&) const = default;
};

// Dense P up to this many values (128 MB), Fastfood beyond.
inline constexpr double kDenseProjectionValues = 16.0 * 1024 * 1024;

class SubspaceProjection {
 public:
  // P for D parameters and d coordinates, drawn from `seed`. InputError if d is not in 1..D, or
  // an identity is asked for with d ≠ D.
  SubspaceProjection(Index parameters, Index dim, ProjectionKind kind, std::uint64_t seed);

  Eigen::VectorXd apply(const Eigen::VectorXd& z) const;           // P z, length D
  Eigen::VectorXd applyTranspose(const Eigen::VectorXd& g) const;  // Pᵀ g, length d
  ProjectionKind kind() const { return kind_; }  // as resolved from Auto
  Index dim() const { return d_; }
  Index parameters() const { return D_; }

 private:
  // One Fastfood block's diagonals and permutation: rows H G Π H B of the stacked transform.
  struct Block {
    Eigen::VectorXd sign, gauss;
    std::vector<Index> permutation;
  };
  Eigen::VectorXd blockForward(const Block& b, const Eigen::VectorXd& x) const;    // n → n
  Eigen::VectorXd blockTranspose(const Block& b, const Eigen::VectorXd& y) const;  // n → n

  Index D_ = 0, d_ = 0, n_ = 0;
  ProjectionKind kind_ = ProjectionKind::Dense;
  Eigen::MatrixXd dense_;
  std::vector<Block> blocks_;
  Eigen::VectorXd columnScale_;  // Fastfood: 1/‖column‖, so every column has unit norm
};

}  // namespace losslab
