#include "losslab/landscape/landscape_slice.hpp"

#include "losslab/landscape/point_evaluator.hpp"

namespace losslab {

template <class S>
LandscapeCurve evaluateCurve(const Network& net, const Loss& loss, const LandscapePlane& plane,
                             const Samples<S>& data, const AxisRange& axis,
                             const TaskControl& control, std::size_t memoryLimitBytes) {
  validateAxis(axis, "slice range", "slice points");
  validatePlane(LandscapePlane{plane.origin, plane.dir1, {}}, net, "landscape direction");
  const int workers = workersWithinMemory("a slice of " + std::to_string(axis.points) + " points",
                                          2 * std::size_t(axis.points), net, data.size(),
                                          sizeof(S), memoryLimitBytes);
  PointEvaluator<S> evaluator(net, loss, data, workers);
  LandscapeCurve curve;
  curve.coordinates = axisValues(axis);
  std::vector<PlanePoint> points;
  for (double a : curve.coordinates) points.push_back({a, 0.0});
  std::vector<PointValue> values;
  evaluator.evaluate(plane, points, values, control);
  curve.loss.resize(axis.points);
  curve.accuracy.resize(axis.points);
  for (int i = 0; i < axis.points; ++i) {
    curve.loss[i] = values[i].loss;
    curve.accuracy[i] = values[i].accuracy;
  }
  return curve;
}

template <class S>
LandscapeSlice evaluateSlice(const Network& net, const Loss& loss, const LandscapePlane& plane,
                             const Samples<S>& train, const Samples<S>* test, const AxisRange& axis,
                             const TaskControl& control, std::size_t memoryLimitBytes) {
  const bool withTest = test && test->size() > 0;
  // Progress in proportion to the samples each curve evaluates.
  const double split = withTest ? double(train.size()) / double(train.size() + test->size()) : 1.0;
  auto part = [&](double from, double to) {
    return TaskControl{control.stop, [&control, from, to](double f) { control.report(from + (to - from) * f); }};
  };
  LandscapeSlice slice;
  slice.train = evaluateCurve(net, loss, plane, train, axis, part(0.0, split), memoryLimitBytes);
  if (withTest) slice.test = evaluateCurve(net, loss, plane, *test, axis, part(split, 1.0), memoryLimitBytes);
  return slice;
}

#define LOSSLAB_INSTANTIATE(S)                                                                   \
  template LandscapeCurve evaluateCurve<S>(const Network&, const Loss&, const LandscapePlane&, \
                                           const Samples<S>&, const AxisRange&,                  \
                                           const TaskControl&, std::size_t);                     \
  template LandscapeSlice evaluateSlice<S>(const Network&, const Loss&, const LandscapePlane&, \
                                           const Samples<S>&, const Samples<S>*,                 \
                                           const AxisRange&, const TaskControl&, std::size_t);
LOSSLAB_INSTANTIATE(float)
LOSSLAB_INSTANTIATE(double)

}  // namespace losslab
