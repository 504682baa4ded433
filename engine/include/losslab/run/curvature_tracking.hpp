#pragma once
// Which curvature a training run measures along the way, and how often.
#include <vector>

#include "losslab/core/types.hpp"
#include "losslab/run/collapse_tracking.hpp"  // CollapseTracking, beside it in snapshots

namespace losslab {

struct CurvatureTracking {
  long every = 0;                 // measure at steps divisible by this; 0: off
  bool trace = false;             // Hutchinson, traceProbes Rademacher probes
  bool gaussNewton = false;       // lambda_max(G)
  bool preconditioned = false;    // lambda_max(P^-1 H), Adam and AdamW only
  Index subset = 0;               // samples of a fixed seeded subset; 0: the whole training set
  // The Hessian of the step's own minibatch instead (SGD sees the batch Hessian, whose extreme
  // eigenvalues exceed the full one's); full-batch steps still use the training set (or subset).
  bool minibatch = false;
  double tolerance = 1e-6;        // relative, of each tracked eigenvalue
  // One product per measured eigenvalue (power iteration carried across steps) instead of
  // Lanczos to the tolerance: cheap enough to measure every step.
  bool power = false;
  int traceProbes = 20;
  // Every layer's block of H (model-format-2.md, "Per-layer curvature"): its lambda_max, followed
  // as the whole H's is, and its trace from the Hutchinson diagonal of traceProbes probes.
  bool perLayer = false;
  // λmax at the minimum gradient flow reaches from the iterate (GFS sharpness, Kreisler et al.
  // 2023; losslab/flow/gfs_sharpness.hpp). MSE only: with cross-entropy, which has no minimum to
  // reach, the column stays empty.
  bool gfs = false;
  // The gradient flow from the run's initial parameters, integrated beside it to each
  // measurement's effective time (Cohen et al. 2021, Appendix: their flow.py): how far gradient
  // descent has left the flow, the flow's loss and its lambda_max. Measured while the optimizer
  // is plain gradient descent (gd or sgd without momentum, weight decay, SAM, ⊥Grad or clipping),
  // whose limit the flow is; empty columns otherwise.
  bool flow = false;
};

// One measurement's per-layer values, one per layer with parameters (layerBlocks' order).
struct LayerCurvatureRow {
  std::vector<double> sharpness, trace;
};

void validate(const CurvatureTracking& tracking);

// The eigenvectors the next measurement starts Lanczos from (the last step's), so that a run
// continued from a saved session measures what the uninterrupted run would. Empty: not yet.
// Where the reference gradient flow stands: its time, the step size its error control chose
// next and its parameters (empty: not started).
struct FlowPoint {
  double time = 0.0, stepSize = 0.0;
  Eigen::VectorXd parameters;
};

struct CurvatureWarmStart {
  Eigen::VectorXd hessian, gaussNewton, preconditioned;
  Eigen::VectorXd perLayer;  // every layer's block eigenvector, each in its layer's place
  Eigen::VectorXd flowHessian;  // the top eigenvector of H at the reference flow's point
  FlowPoint flow;
};

}  // namespace losslab
