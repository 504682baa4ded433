#include <algorithm>
#include <cmath>

#include "losslab/widgets/colormap.hpp"

namespace losslab {

QString colormapName(Colormap map) {
  switch (map) {
    case Colormap::Magma: return QStringLiteral("magma");
    case Colormap::Cividis: return QStringLiteral("cividis");
    case Colormap::Viridis: break;
  }
  return QStringLiteral("viridis");
}

QColor colormapColor(Colormap map, double t) {
  const ColormapTable& table = colormapTable(map);
  const double at = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * 255.0;
  const int k = std::min(static_cast<int>(at), 254);
  const double f = at - k;
  double rgb[3];
  for (int c = 0; c < 3; ++c) rgb[c] = (1 - f) * table[k][c] + f * table[k + 1][c];
  return QColor::fromRgbF(float(rgb[0]), float(rgb[1]), float(rgb[2]));
}

QCPColorGradient colorGradient(Colormap map) {
  QCPColorGradient gradient;
  QMap<double, QColor> stops;
  const ColormapTable& table = colormapTable(map);
  for (int k = 0; k < 256; ++k)
    stops.insert(k / 255.0, QColor::fromRgbF(table[k][0], table[k][1], table[k][2]));
  gradient.setColorStops(stops);
  gradient.setColorInterpolation(QCPColorGradient::ciRGB);
  gradient.setLevelCount(350);  // finer than the table: no visible banding
  gradient.setNanHandling(QCPColorGradient::nhTransparent);
  return gradient;
}

}  // namespace losslab
