#include "losslab/landscape/point_evaluator.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <mutex>

#include "losslab/model/objective.hpp"

namespace losslab {

namespace {
// Points per block: enough to keep every thread busy, few enough for smooth progress.
constexpr size_t kBlock = 64;
}  // namespace

// A pool rather than thread-local objectives: a thread waiting inside one objective's sample loop
// must never pick up a second point with the same objective (we also isolate that wait).
template <class S> struct PointEvaluator<S>::Workers {
  struct Worker {
    Objective<S> objective;
    Eigen::VectorXd point;
    Vec<S> theta;
  };
  Network net;
  Loss loss;
  tbb::task_arena arena;
  std::mutex mutex;
  std::vector<std::unique_ptr<Worker>> all;
  std::vector<Worker*> idle;

  Worker* acquire() {
    std::lock_guard lock(mutex);
    if (idle.empty()) {
      all.push_back(std::make_unique<Worker>(Worker{Objective<S>(net, loss), {}, {}}));
      return all.back().get();
    }
    Worker* w = idle.back();
    idle.pop_back();
    return w;
  }
  void release(Worker* w) {
    std::lock_guard lock(mutex);
    idle.push_back(w);
  }
};

template <class S>
PointEvaluator<S>::PointEvaluator(const Network& net, const Loss& loss, const Samples<S>& data, int workers)
    : data_(data), workers_(new Workers{net, loss, tbb::task_arena(std::max(workers, 1)), {}, {}, {}}) {
  Objective<S>(net, loss).checkCompatible(data);
}

template <class S> PointEvaluator<S>::~PointEvaluator() = default;

template <class S>
void PointEvaluator<S>::evaluate(const LandscapePlane& plane, const std::vector<PlanePoint>& points,
                                 std::vector<PointValue>& out, const TaskControl& control,
                                 double progressFrom, double progressTo) {
  out.resize(points.size());
  for (size_t begin = 0; begin < points.size(); begin += kBlock) {
    const size_t end = std::min(points.size(), begin + kBlock);
    workers_->arena.execute([&] {
      tbb::parallel_for(begin, end, [&](size_t k) {
        if (control.stop.stop_requested()) return;
        auto* w = workers_->acquire();
        plane.pointAt(points[k].alpha, points[k].beta, w->point);
        w->theta = w->point.template cast<S>();
        double accuracy = 0;
        const S loss = tbb::this_task_arena::isolate(
            [&] { return w->objective.loss(w->theta, data_, &accuracy); });
        out[k] = PointValue{double(loss), accuracy};
        workers_->release(w);
      });
    });
    control.checkStop();
    control.report(progressFrom + (progressTo - progressFrom) * double(end) / double(points.size()));
  }
}

template class PointEvaluator<float>;
template class PointEvaluator<double>;

}  // namespace losslab
