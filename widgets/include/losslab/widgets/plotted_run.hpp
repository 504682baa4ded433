#pragma once
// One run among several drawn in the same time-series view: the base run and the runs forked
// from it (collapse twins, compared runs), told apart by colour and named in the legend.
#include <QColor>
#include <QString>

#include "losslab/run/snapshot.hpp"

namespace losslab {

struct PlottedRun {
  QString name;   // "lr 0.05", "float64", "StableMax twin", ...
  QColor color;
  SnapshotPtr snapshot;  // null until the run's first snapshot arrives
};

}  // namespace losslab
