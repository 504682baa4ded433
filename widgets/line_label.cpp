#include "losslab/widgets/line_label.hpp"

#include <QFontMetrics>
#include <algorithm>

#include "losslab/widgets/plot_style.hpp"

namespace losslab {

QCPItemText* makeLineLabel(QCustomPlot& plot, QCPAxis* valueAxis, const QColor& color) {
  auto* text = new QCPItemText(&plot);
  text->position->setAxes(plot.xAxis, valueAxis);
  text->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
  text->position->setTypeY(QCPItemPosition::ptPlotCoords);
  text->setFont(plot::sized(plot.font(), 13, true));
  text->setColor(color);
  text->setPadding(QMargins(4, 1, 10, 1));
  text->setClipToAxisRect(true);
  return text;
}

void placeLineLabel(QCPItemText& label, double value, const std::vector<const QCPGraph*>& curves) {
  QCPAxis* keyAxis = label.position->keyAxis();
  QCPAxis* valueAxis = label.position->valueAxis();
  const QFontMetrics metrics(label.font());
  const QMargins pad = label.padding();
  const double width = metrics.horizontalAdvance(label.text()) + pad.left() + pad.right();
  const double height = metrics.height() + pad.top() + pad.bottom();
  const QRect rect = keyAxis->axisRect()->rect();
  const double lineY = valueAxis->coordToPixel(value);
  // Which of the two bands beside the label's span do the curves' points fall in, and how far
  // up and down do they reach there (pixels grow downwards)?
  bool above = lineY - height < rect.top(), below = lineY + height > rect.bottom();
  double highest = lineY, lowest = lineY;
  const double fromKey = keyAxis->pixelToCoord(rect.right() - width);
  for (const QCPGraph* g : curves)
    for (auto it = g->data()->findBegin(fromKey, false); it != g->data()->constEnd(); ++it) {
      const double y = g->valueAxis()->coordToPixel(it->value);
      above = above || (y >= lineY - height && y < lineY);
      below = below || (y > lineY && y <= lineY + height);
      highest = std::min(highest, y), lowest = std::max(lowest, y);
    }
  double y = lineY;  // the label's edge that touches the line, or the curves it clears
  bool putBelow = above && !below;
  if (above && below) {  // the curves straddle the line: clear them on the roomier side
    putBelow = rect.bottom() - lowest >= highest - rect.top();
    y = putBelow ? std::min(lowest + 2, rect.bottom() - height) : std::max(highest - 2, rect.top() + height);
  }
  label.setPositionAlignment(Qt::AlignRight | (putBelow ? Qt::AlignTop : Qt::AlignBottom));
  label.position->setCoords(1.0, valueAxis->pixelToCoord(y));
}

}  // namespace losslab
