#pragma once
// One colour per class wherever classes are drawn (decision surface, points, network outputs):
// the Tableau 10 palette, whose first two (blue, orange) are TensorFlow Playground's pair.
#include <QColor>

namespace losslab::plot {

inline QColor classColor(int k) {
  static const QColor palette[] = {{31, 119, 180}, {255, 127, 14}, {44, 160, 44},  {214, 39, 40},
                                   {148, 103, 189}, {140, 86, 75},  {227, 119, 194}, {127, 127, 127},
                                   {188, 189, 34},  {23, 190, 207}};
  return palette[((k % 10) + 10) % 10];
}

// A signed quantity (a weight, a regression value): blue for positive, orange for negative,
// fading to white at zero; `t` in [-1, 1].
inline QColor signedColor(double t) {
  const QColor end = t >= 0 ? QColor(31, 119, 180) : QColor(255, 127, 14);
  const double a = t >= 0 ? (t > 1 ? 1.0 : t) : (t < -1 ? 1.0 : -t);
  auto mix = [a](int c) { return int(255 + (c - 255) * a); };
  return QColor(mix(end.red()), mix(end.green()), mix(end.blue()));
}

}  // namespace losslab::plot
