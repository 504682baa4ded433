#pragma once
// Scalar metrics columns added after the spec's (shared/spec/experiment-format.md is extended,
// never renamed): each column's name and its MetricsRow field, for metrics.csv and for the
// histories sessions keep.
#include "losslab/run/snapshot.hpp"

namespace losslab {

struct AddedColumn {
  const char* name;
  double MetricsRow::*member;
};

inline constexpr AddedColumn kAddedColumns[] = {{"gfs_sharpness", &MetricsRow::gfsSharpness},
                                                {"effective_time", &MetricsRow::effectiveTime},
                                                {"flow_distance", &MetricsRow::flowDistance},
                                                {"flow_train_loss", &MetricsRow::flowTrainLoss},
                                                {"flow_sharpness", &MetricsRow::flowSharpness}};

}  // namespace losslab
