#include "losslab/widgets/network_inside_view.hpp"

#include <QPainter>
#include <functional>
#include <algorithm>
#include <cmath>

#include "losslab/encoding/csv_fields.hpp"
#include "losslab/widgets/colormap.hpp"
#include "losslab/widgets/network_diagram_view.hpp"
#include "losslab/widgets/plot_style.hpp"

namespace losslab {

namespace {

// A matrix as a block of cells in `box`: colour(value) per cell, square cells, centred.
template <class Colour>
QRectF drawCells(QPainter& p, const QRectF& box, const Eigen::MatrixXd& m, Colour&& colour) {
  const double cell = std::min(box.width() / double(m.cols()), box.height() / double(m.rows()));
  const QRectF area(box.center().x() - cell * m.cols() / 2, box.top(), cell * m.cols(), cell * m.rows());
  p.setPen(Qt::NoPen);
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
      p.setBrush(colour(m(r, c)));
      p.drawRect(QRectF(area.left() + c * cell, area.top() + r * cell, cell + 0.5, cell + 0.5));
    }
  return area;
}

// Viridis over the matrix's own range (a constant map is drawn at the middle colour).
QRectF drawMap(QPainter& p, const QRectF& box, const Eigen::MatrixXd& m) {
  const double lo = m.minCoeff(), hi = m.maxCoeff();
  return drawCells(p, box, m, [&](double v) {
    return colormapColor(Colormap::Viridis, hi > lo ? (v - lo) / (hi - lo) : 0.5);
  });
}

Eigen::MatrixXd rowAsImage(const Eigen::MatrixXd& maps, Eigen::Index row, int height, int width) {
  Eigen::MatrixXd img(height, width);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) img(y, x) = maps(row, Eigen::Index(y) * width + x);
  return img;
}

// Draws text wrapped at word boundaries into a column from (left, top) `width` wide; returns the
// height it took (captions and labels wrap rather than run off a narrow panel or get elided).
double drawWrapped(QPainter& p, double left, double top, double width, const QString& text) {
  const int flags = Qt::AlignLeft | Qt::TextWordWrap;
  const double height = QFontMetricsF(p.font()).boundingRect(QRectF(left, top, width, 1e6), flags, text).height();
  p.drawText(QRectF(left, top, width, height), flags, text);
  return height;
}

}  // namespace

NetworkInsideView::NetworkInsideView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(240, 180);
  setToolTip(tr("Inside the network for the chosen sample. Attention: one map per head, row = the "
                "query position, column = the position it attends to (softmax(q·kᵀ/√d), rows sum to "
                "1; later positions are hidden from a causal head). Convolutions: the filters of the "
                "first one (blue positive, orange negative) and the feature maps it and the last "
                "one compute, each map on its own colour range."));
}

void NetworkInsideView::setPicture(std::shared_ptr<const InsidePicture> picture) {
  picture_ = std::move(picture);
  update();
}

void NetworkInsideView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  draw(p, size(), 0.0);
}

void NetworkInsideView::paintFigure(QPainter& p, const QSize& size, double textPt) const { draw(p, size, textPt); }

void NetworkInsideView::draw(QPainter& p, const QSize& size, double textPt) const {
  const QRectF all(QPointF(0, 0), size);
  p.fillRect(all, Qt::white);
  p.setRenderHint(QPainter::Antialiasing, false);  // crisp cells
  // The widget's own font once it is larger (presentation mode scales it for a projector).
  const double pt = textPt > 0 ? textPt : std::max(11.0, font().pointSizeF());
  const QFont text = plot::sized(font(), int(std::lround(pt))), title = plot::sized(font(), int(std::lround(pt)), true);
  p.setPen(QColor(110, 110, 110));
  if (!picture_) {
    p.drawText(all, Qt::AlignCenter, tr("no network yet"));
    return;
  }
  const NetworkInside& in = picture_->inside;
  const double line = QFontMetricsF(text).height();
  p.setFont(title);
  p.setPen(Qt::black);
  const double left = 8, width = size.width() - 16;
  double top = 4 + drawWrapped(p, left, 4, width, picture_->caption) + 0.6 * line;
  // A band per attention layer: its label, then one map per head, wrapped into as many rows as
  // makes them largest; each map with its positions' labels on the left and above.
  if (!in.attention.empty()) {
    const double bandHeight = (size.height() - top - 4) / double(in.attention.size());
    p.setFont(text);
    const double labelW = QFontMetricsF(text).horizontalAdvance(QStringLiteral("0000")) + 6;
    for (const AttentionMaps& a : in.attention) {
      const int heads = int(a.heads.size());
      p.setPen(Qt::black);
      const double below = 0.3 * line + drawWrapped(p, left, top, width,
                                                    QString::fromStdString(a.path) +
                                                        (heads == 1 ? tr(" · 1 head") : tr(" · %1 heads").arg(heads)) +
                                                        (a.causal ? tr(" · causal (a position sees itself and earlier ones)")
                                                                  : QString()));  // the label and a gap
      const double height = bandHeight - below;
      int columns = heads;
      double side = 0;
      for (int c = 1; c <= heads; ++c) {
        const int lines = (heads + c - 1) / c;
        const double sd = std::min(width / c - labelW - 8, height / lines - 2.4 * line);
        if (sd > side) side = sd, columns = c;
      }
      side = std::max(side, 8.0);
      for (int h = 0; h < heads; ++h) {
        const Eigen::MatrixXd& m = a.heads[size_t(h)];
        const double x0 = left + (h % columns) * (side + labelW + 8), y0 = top + below + (h / columns) * (side + 2.4 * line);
        p.setPen(Qt::black);
        p.drawText(QRectF(x0 + labelW, y0, side, line), Qt::AlignHCenter | Qt::AlignVCenter, tr("head %1").arg(h + 1));
        const QRectF area = drawCells(p, QRectF(x0 + labelW, y0 + 2.2 * line, side, side), m,
                                      [](double v) { return colormapColor(Colormap::Viridis, v); });
        const double cell = area.width() / double(m.cols());
        // The weights in the cells in the labels' size, or smaller where the cells are (they
        // stay legible to 7 pt).
        const double fits = 0.8 * cell / QFontMetricsF(text).horizontalAdvance(QStringLiteral("0.00"));
        const QFont cellText = plot::sized(text, std::max(1, int(std::floor(pt * std::min(1.0, fits)))));
        for (Eigen::Index i = 0; i < m.rows(); ++i) {
          const QString label = i < picture_->tokens.size() ? picture_->tokens[int(i)] : QString::number(i);
          p.setPen(Qt::black);
          p.drawText(QRectF(area.left() - labelW, area.top() + i * cell, labelW - 4, cell), Qt::AlignRight | Qt::AlignVCenter, label);
          p.drawText(QRectF(area.left() + i * cell, area.top() - 1.15 * line, cell, line), Qt::AlignHCenter | Qt::AlignBottom, label);
          if (cellText.pointSizeF() >= 7)  // cells large enough: the weights themselves
            for (Eigen::Index j = 0; j < m.cols(); ++j) {
              p.setFont(cellText);
              p.setPen(m(i, j) > 0.6 ? Qt::black : Qt::white);
              p.drawText(QRectF(area.left() + j * cell, area.top() + i * cell, cell, cell), Qt::AlignCenter,
                         QString::number(m(i, j), 'f', 2));
              p.setFont(text);
            }
        }
      }
      top += bandHeight;
    }
    return;
  }
  if (in.convolutions.empty()) {
    p.setPen(QColor(110, 110, 110));
    p.drawText(all, Qt::AlignCenter, tr("This network has no attention or convolution to look into."));
    return;
  }
  // The input, then the first convolution's filters (first input channel), then feature maps.
  const FeatureMaps& first = in.convolutions.front();
  const FeatureMaps& last = in.convolutions.back();
  const int rows = 1 + (in.convolutions.size() > 1 ? 2 : 1);
  const double rowHeight = (size.height() - top - 4) / rows;
  // A labelled band of `count` square maps, wrapped into as many rows as makes them largest.
  auto rowOfMaps = [&](const QString& label, int count, const std::function<void(int, const QRectF&)>& drawOne) {
    p.setFont(text);
    p.setPen(Qt::black);
    p.drawText(QRectF(left, top, width, line * 1.1), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(text).elidedText(label, Qt::ElideRight, width));
    const double height = rowHeight - 1.5 * line;
    int columns = count;
    double side = 0;
    for (int c = 1; c <= count; ++c) {
      const int lines = (count + c - 1) / c;
      const double s = std::min(width / c - 4, height / lines - 4);
      if (s > side) side = s, columns = c;
    }
    for (int k = 0; k < count; ++k)
      drawOne(k, QRectF(left + (k % columns) * (side + 4), top + 1.3 * line + (k / columns) * (side + 4), side, side));
    top += rowHeight;
  };
  const int shown = std::min(first.channels, 16);
  rowOfMaps(tr("the input, then %1's %2 filters (%3×%3; of the first input channel)")
                .arg(QString::fromStdString(first.path)).arg(shown).arg(first.kernel),
            shown + 1, [&](int k, const QRectF& box) {
              if (k == 0) {
                if (picture_->image.size()) drawMap(p, box, picture_->image);
                return;
              }
              const Eigen::MatrixXd f = rowAsImage(first.filters.leftCols(Eigen::Index(first.kernel) * first.kernel),
                                                   k - 1, first.kernel, first.kernel);
              const double largest = std::max(f.cwiseAbs().maxCoeff(), 1e-300);
              drawCells(p, box, f, [&](double w) { return NetworkDiagramView::weightPen(w, largest).color(); });
            });
  auto maps = [&](const FeatureMaps& f) {
    const int count = std::min(f.channels, 16);
    rowOfMaps(tr("%1: %2 feature maps of %3 × %4").arg(QString::fromStdString(f.path)).arg(count).arg(f.height).arg(f.width),
              count, [&](int k, const QRectF& box) { drawMap(p, box, rowAsImage(f.maps, k, f.height, f.width)); });
  };
  maps(first);
  if (in.convolutions.size() > 1) maps(last);
}

std::string NetworkInsideView::valuesCsv() const {
  std::string csv = "layer,what,index,row,column,value\n";
  if (!picture_) return csv;
  auto add = [&](const std::string& layer, const char* what, long index, long row, long column, double value) {
    for (const std::string& field : {layer, std::string(what), std::to_string(index), std::to_string(row),
                                     std::to_string(column)})
      csv.append(field).push_back(',');
    csv.append(csvNumber(value)).push_back('\n');
  };
  for (const AttentionMaps& a : picture_->inside.attention)
    for (size_t h = 0; h < a.heads.size(); ++h)
      for (Eigen::Index i = 0; i < a.heads[h].rows(); ++i)
        for (Eigen::Index j = 0; j < a.heads[h].cols(); ++j) add(a.path, "attention", long(h), i, j, a.heads[h](i, j));
  for (const FeatureMaps& f : picture_->inside.convolutions) {
    for (int c = 0; c < f.channels; ++c)
      for (Eigen::Index k = 0; k < f.maps.cols(); ++k) add(f.path, "feature_map", c, k / f.width, k % f.width, f.maps(c, k));
    for (int c = 0; c < f.channels; ++c)
      for (Eigen::Index k = 0; k < f.filters.cols(); ++k) add(f.path, "filter", c, k / f.kernel, k % f.kernel, f.filters(c, k));
  }
  return csv;
}

}  // namespace losslab
