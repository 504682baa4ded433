#pragma once
// data.kind "points": samples written out in the experiment itself ("x": one row of features
// per sample; "y": a class label per sample, or a target, or a row of targets, per "task").
// A one-sample regression is what a scalar network (a deep product of scalars, Kreisler et al.
// 2023) trains on; a class's drawn points are what a teacher builds a counter-example from.
#include "losslab/data/data_config.hpp"
#include "losslab/data/dataset.hpp"

namespace losslab {

// Throws InputError naming data.x[i][j] or data.y[i] where the samples are not a data set.
void validatePoints(const DataConfig& config);
Dataset makePoints(const DataConfig& config);

}  // namespace losslab
