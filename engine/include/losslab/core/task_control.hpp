#pragma once
// What every long computation takes: a stop token (checked between units of work, so a cancel
// returns within one unit) and a progress callback (fraction done, 0..1).
#include <functional>
#include <stop_token>

#include "losslab/core/error.hpp"

namespace losslab {

struct TaskControl {
  std::stop_token stop;
  std::function<void(double fraction)> progress;

  void checkStop() const {
    if (stop.stop_requested()) throw Cancelled();
  }
  void report(double fraction) const {
    if (progress) progress(fraction);
  }
};

}  // namespace losslab
