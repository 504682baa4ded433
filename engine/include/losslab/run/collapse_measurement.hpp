#pragma once
// Softmax-collapse tracking during training: one CollapseRecord of the parameters a step started
// from, measured on the training and test sets, and the metrics.csv columns it fills.
#include <memory>

#include "losslab/diagnostics/collapse_record.hpp"
#include "losslab/model/objective.hpp"
#include "losslab/run/collapse_tracking.hpp"
#include "losslab/run/snapshot.hpp"

namespace losslab {

// theta: the parameters the step started from; update: theta_{t+1} - theta_t (= -Delta theta);
// gradient: grad L(theta_t) on the step's batch. An empty `test` leaves record.test unset.
template <class S>
std::shared_ptr<const CollapseRecord> measureCollapse(Objective<S>& objective, const Vec<S>& theta,
                                                      const Vec<S>& update, const Vec<S>& gradient,
                                                      const Samples<S>& train, const Samples<S>& test,
                                                      const CollapseTracking& tracking, long step);

// The spec's collapse columns of `row` (training set; zero loss and gradient in the run's
// precision) and row.collapse, which the added columns read.
void fillCollapseColumns(std::shared_ptr<const CollapseRecord> record, MetricsRow& row);

}  // namespace losslab
