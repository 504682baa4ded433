#pragma once
// GFS sharpness (Kreisler, Nacson, Soudry & Carmon 2023, "Gradient descent monotonically
// decreases the sharpness of gradient flow solutions in scalar networks and beyond"): λmax of
// the Hessian at the minimum that gradient flow reaches from the current parameters. Gradient
// descent at a large rate is shown to decrease it step by step even where the sharpness of
// the iterate itself oscillates at the edge of stability.
#include <Eigen/Core>

#include "losslab/flow/gradient_flow.hpp"
#include "losslab/model/objective.hpp"

namespace losslab {

// The mean loss of `net` on `data` and its gradient, as the flow integrates them (float64).
LossGradient networkLossGradient(const Network& net, const Loss& loss, const Samples<double>& data);

// Near the minimum the flow is stiff: an explicit integrator's error control then holds the
// residual at its tolerance instead of letting it decay (Hairer & Wanner, Solving ODEs II, IV.2),
// and an MLP's flow slows to the rate of its smallest non-zero curvature. Once the gradient stops
// falling, the flow goes on by exponential Rosenbrock–Euler steps (krylov_flow_step.hpp), whose
// length only the bending of the path limits, with step doubling for their error. (A Gauss–Newton
// jump θ − J⁺r to the minima, exact for the linearised model, was tried and missed: along the slow
// directions the path is long and bends; in a 40-sample MLP λmax at its end was 3.88 against the
// flow's 4.09.) What they leave is gradient descent at rate 1/λmax, within O(η² Σ_k ||∇L_k||²) of
// the flow at gradients that small.
struct GfsOptions {
  FlowOptions flow;
  double gradientTolerance = 1e-9;  // arrived when ||∇L|| is at most this
  double maxTime = 1e7;             // ... or gives up at this flow time (not converged)
  long maxExponentialSteps = 5000;  // exponential steps after the stall (0: none)
  long maxPolishSteps = 100000;     // ... or after this many descent steps at the end
  double eigenTolerance = 1e-10;    // relative, of λmax at the solution (Lanczos above 200 parameters)
};

struct GfsSharpness {
  double sharpness = 0.0;    // λmax(H) at the flow's end point
  double time = 0.0;         // the flow time it took
  double loss = 0.0, gradNorm = 0.0;
  long gradients = 0;        // gradient evaluations of the integration
  long exponentialSteps = 0; // exponential Rosenbrock–Euler steps after the flow stalled
  long polishSteps = 0;      // descent steps at rate 1/λmax that finished it
  bool converged = false;    // ||∇L|| reached the tolerance within maxTime
  Eigen::VectorXd solution;  // the end point
};

// Throws InputError for bad options, Cancelled on a stop.
GfsSharpness gfsSharpness(const Network& net, const Loss& loss, const Eigen::VectorXd& theta,
                          const Samples<double>& data, const GfsOptions& options = {},
                          const TaskControl& control = {});

}  // namespace losslab
