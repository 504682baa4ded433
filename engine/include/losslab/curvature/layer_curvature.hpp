#pragma once
// Curvature per layer (shared/spec/model-format-2.md, "Per-layer curvature"; PyHessian's and
// hessian-eigenthings' most asked-for feature): the largest eigenvalue and the trace of each
// layer's diagonal block of the Hessian. A block is H restricted to one layer's parameters, so
// its products are the full H v of a vector zero outside the layer, cut back to the layer.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "losslab/core/task_control.hpp"
#include "losslab/curvature/curvature_operator.hpp"
#include "losslab/curvature/dense_curvature.hpp"

namespace losslab {

// One layer with parameters (parameterLayerSpans' order: depth first, input to output), named by
// its index path in the layer list ("network[1].body[0]").
struct LayerBlock {
  std::string name;
  Index offset = 0, size = 0;
};
std::vector<LayerBlock> layerBlocks(const Network& net);

// Lanczos needs a Krylov space of at least two vectors besides the one it returns: smaller
// blocks are always formed densely.
inline constexpr Index kSmallestIterativeBlock = 3;

struct LayerCurvatureOptions {
  Index denseMax = kDenseCurvatureMaxParameters;  // blocks up to this size: dense, exact
  double tolerance = 1e-8;    // relative, of a larger block's top eigenvalue (Lanczos)
  int traceProbes = 1000;     // a larger block's Hutchinson trace: most probes (stops at 1%)
  std::uint64_t seed = 0;
};

struct LayerCurvature {
  LayerBlock block;
  double topEigenvalue = 0.0;
  double trace = 0.0;
  double traceStandardError = 0.0;  // 0 where exact
  bool exact = false;               // both from the dense block
  bool converged = true;            // Lanczos reached the tolerance (always, where exact)
};

// Every layer's block, in parallel over layers (one operator each). Progress counts products.
std::vector<LayerCurvature> layerCurvature(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                                           const Samples<double>& data, const LayerCurvatureOptions& options,
                                           CurvatureKind kind = CurvatureKind::Hessian,
                                           const TaskControl& control = {});

// The operator of one block, v (block-sized) -> (M [0 v 0])[block], applied through `full`
// (which must outlive it).
CurvatureOperator blockOperator(CurvatureOperator& full, const LayerBlock& block);

// Hutchinson's estimate of the diagonal (Bekas, Kokiopoulou & Saad 2007): diag M = E[z ⊙ M z]
// for Rademacher z, with the standard error of each entry. Summed over a layer it estimates the
// block's trace, so one set of probes serves every layer.
struct DiagonalEstimate {
  Eigen::VectorXd mean, standardError;
  int probes = 0;
};
DiagonalEstimate hutchinsonDiagonal(CurvatureOperator& op, int probes, std::uint64_t seed,
                                    const TaskControl& control = {});

}  // namespace losslab
