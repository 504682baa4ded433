#pragma once
// The look shared by the curvature plots: fonts large enough for the back of a lecture hall, thick
// curves, and one colour per quantity wherever it appears (sharpness view, spectrum view, legend).
#include <QColor>
#include <QFont>
#include <QPen>
#include <cmath>

#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab::plot {

inline QFont sized(QFont font, int points, bool bold = false) {
  font.setPointSize(points);
  font.setBold(bold);
  return font;
}

inline QPen pen(const QColor& color, double width = 2.5, Qt::PenStyle style = Qt::SolidLine) {
  QPen p(color, width, style);
  p.setCapStyle(Qt::FlatCap);
  return p;
}

// Tick labels 11 pt, axis labels 13 pt, legend 12 pt (as the loss curve).
inline void styleAxes(QCustomPlot& plot) {
  for (QCPAxis* axis : {plot.xAxis, plot.yAxis, plot.xAxis2, plot.yAxis2}) {
    axis->setTickLabelFont(sized(plot.font(), 11));
    axis->setLabelFont(sized(plot.font(), 13));
  }
  plot.legend->setFont(sized(plot.font(), 12));
  plot.legend->setBrush(QColor(255, 255, 255, 220));
}

// A logarithmic or linear value axis, with powers of ten written as powers.
inline void setLogAxis(QCPAxis* axis, bool log) {
  axis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (log) {
    axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    axis->setNumberFormat("eb");
    axis->setNumberPrecision(0);
  } else {
    axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    axis->setNumberFormat("g");
    axis->setNumberPrecision(6);
  }
}

// A log axis over [lo, hi] that reads at any span: powers of ten over four decades or more;
// below that ticks at 1, 2 and 5 times a power of ten ("0.05 0.1 0.2 0.5 1"), and inside a
// range too narrow for three of those (0.64 to 0.82) evenly spaced plain numbers.
inline void setLogAxisOver(QCPAxis* axis, double lo, double hi) {
  setLogAxis(axis, true);
  if (!(lo > 0) || hi / lo >= 1e4) return;
  auto ticks = QSharedPointer<QCPAxisTickerText>::create();
  int count = 0;
  for (int k = int(std::floor(std::log10(lo))); k <= int(std::ceil(std::log10(hi))); ++k)
    for (double m : {1.0, 2.0, 5.0}) {
      const double v = m * std::pow(10.0, k);
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks->addTick(v, QString::number(v, 'g', 3)), ++count;
    }
  if (count >= 3) {
    ticks->setSubTickCount(0);
    axis->setTicker(ticks);
  } else {
    axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    axis->setNumberFormat("g");
    axis->setNumberPrecision(3);
  }
}

// Moves the legend out of the axis rect into a row under it (one line, no frame, centred
// between two spacers), so it never covers a curve or a threshold line. The spacers also keep
// the layout's column as wide as the plot when the legend is empty.
inline void legendBelow(QCustomPlot& plot) {
  auto* row = new QCPLayoutGrid;
  const int at = plot.plotLayout()->rowCount();
  plot.plotLayout()->addElement(at, 0, row);
  plot.plotLayout()->setRowStretchFactor(at, 0.001);
  row->setMargins(QMargins(8, 0, 8, 6));
  plot.axisRect()->insetLayout()->take(plot.legend);
  row->addElement(0, 0, new QCPLayoutElement(&plot));
  row->addElement(0, 1, plot.legend);
  row->addElement(0, 2, new QCPLayoutElement(&plot));
  plot.legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  plot.legend->setBorderPen(Qt::NoPen);
  plot.legend->setVisible(true);
}

// A bold title row above the axis rect.
inline QCPTextElement* addTitle(QCustomPlot& plot, const QString& text) {
  plot.plotLayout()->insertRow(0);
  auto* title = new QCPTextElement(&plot, text, sized(plot.font(), 13, true));
  plot.plotLayout()->addElement(0, 0, title);
  return title;
}

// One colour per quantity (the Tableau 10 palette, as the loss curve).
inline const QColor hessianColor{31, 119, 180};        // lambda_max(H), the H spectrum
inline const QColor gaussNewtonColor{44, 160, 44};     // lambda_max(G), the G spectrum
inline const QColor preconditionedColor{148, 103, 189};// lambda_max(P^-1 H)
inline const QColor traceColor{255, 127, 14};          // tr H
inline const QColor thresholdColor{200, 30, 30};       // stability thresholds
inline const QColor gfsColor{140, 86, 75};             // lambda_max at the gradient-flow solution
inline const QColor flowColor{110, 110, 110};          // the reference gradient flow beside the run

}  // namespace losslab::plot
