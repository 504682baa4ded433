#include "losslab/widgets/network_diagram_view.hpp"

#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "losslab/encoding/csv_fields.hpp"
#include "losslab/widgets/class_colors.hpp"
#include "losslab/widgets/network_diagram_layout.hpp"
#include "losslab/widgets/plot_style.hpp"

namespace losslab {

NetworkDiagramView::NetworkDiagramView(QWidget* parent)
    : QWidget(parent),
      throttle_([this] { render(); update(); throttle_.drawn(); }, [this] { return renderMs_; }) {
  throttle_.setMaxRate(10);
  setMinimumSize(300, 180);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setToolTip(tr("The network: neurons by layer, each weight a line, blue positive and orange "
                "negative, thicker the larger it is relative to its layer's largest weight. A green "
                "arc is a skip connection (the block's output is x + body(x)); LN (a purple bar where the "
                "columns are close) marks a LayerNorm"));
}

void NetworkDiagramView::setSnapshot(SnapshotPtr snapshot) {
  snapshot_ = std::move(snapshot);
  throttle_.request();
}

void NetworkDiagramView::render() {
  QElapsedTimer clock;
  clock.start();
  const qreal ratio = devicePixelRatioF();
  picture_ = QImage(size() * ratio, QImage::Format_RGB32);
  picture_.setDevicePixelRatio(ratio);
  QPainter p(&picture_);
  draw(p, size(), 0.0, 1.0);
  renderMs_ = double(clock.nsecsElapsed()) / 1e6;
}

QPen NetworkDiagramView::weightPen(double w, double largest) {
  const double t = largest > 0 ? std::clamp(std::abs(w) / largest, 0.0, 1.0) : 0.0;
  QColor c = plot::signedColor(w >= 0 ? 1.0 : -1.0);
  c.setAlphaF(0.12 + 0.88 * t);
  return QPen(c, 0.5 + 4.0 * t, Qt::SolidLine, Qt::FlatCap);  // round caps cost 2.5x the time
}

void NetworkDiagramView::paintEvent(QPaintEvent*) {
  if (picture_.deviceIndependentSize() != QSizeF(size())) render();  // resized or first shown
  QPainter(this).drawImage(QPointF(0, 0), picture_);
}

void NetworkDiagramView::paintFigure(QPainter& p, const QSize& size, double textPt, double lineScale) const {
  draw(p, size, textPt, lineScale);
}

namespace {

// The layout of a snapshot's network, if its parameters are those of the network (a quadratic
// model has no layers; a snapshot mid-replacement may not match).
bool drawable(const SnapshotPtr& s) {
  return s && !s->network.layers.empty() && s->parameters.size() == s->network.parameterCount();
}

}  // namespace

std::string NetworkDiagramView::drawnWeightsCsv() const {
  std::string csv = "layer,input_neuron,output_neuron,weight,relative_size\n";
  if (!drawable(snapshot_)) return csv;
  const DiagramLayout d = diagramLayout(snapshot_->network);
  for (size_t c = 1; c < d.columns.size(); ++c) {
    const DiagramColumn& col = d.columns[c];
    const auto W = snapshot_->parameters.segment(col.weightOffset, Eigen::Index(col.in) * col.width);
    const double largest = W.cwiseAbs().maxCoeff();
    for (int o = 0; o < shownCount(col.width); ++o)
      for (int i = 0; i < shownCount(col.in); ++i) {
        const double w = W(Eigen::Index(o) * col.in + i);
        for (const std::string& field : {std::to_string(c), std::to_string(i), std::to_string(o), csvNumber(w)})
          csv.append(field).push_back(',');
        csv.append(csvNumber(largest > 0 ? std::abs(w) / largest : 0.0)).push_back('\n');
      }
  }
  return csv;
}

void NetworkDiagramView::draw(QPainter& p, const QSize& size, double textPt, double lineScale) const {
  const QRect rect(QPoint(0, 0), size);
  p.fillRect(rect, Qt::white);
  p.setRenderHint(QPainter::Antialiasing);
  if (!drawable(snapshot_)) {
    p.setPen(QColor(110, 110, 110));
    p.drawText(rect, Qt::AlignCenter, snapshot_ ? tr("(this model has no layers to draw)") : tr("no network yet"));
    return;
  }
  const DiagramLayout d = diagramLayout(snapshot_->network);
  if (d.columns.empty()) {  // images or token sequences: no columns of neurons to draw
    p.setPen(QColor(110, 110, 110));
    p.drawText(rect.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
               tr("This network works on %1: its layers are listed under Network → Layers.\n"
                  "The diagram draws networks of dense layers, neuron by neuron.")
                   .arg(snapshot_->network.tokenInput ? tr("token sequences") : tr("images")));
    return;
  }
  const Eigen::VectorXd& theta = snapshot_->parameters;
  const int columns = int(d.columns.size());
  QFont small = plot::sized(font(), 10);
  if (textPt > 0) small.setPointSizeF(textPt);
  const QFontMetricsF metrics(small, p.device());
  // Room for the layer sizes below scales with their text; skip arcs get a lane each above.
  const int labelRoom = int(std::lround(metrics.height() * 1.6)) + 8;
  const double lane = std::max(10.0, metrics.height() * 0.8);
  const int top = 14 + int(std::lround(lane * d.maxDepth())), bottom = size.height() - labelRoom;
  const int left = 40, right = size.width() - 40;
  const double spacing = double(right - left) / std::max(1, columns - 1);
  auto x = [&](int c) { return left + spacing * c; };
  auto y = [&](int c, int i) {
    const int n = shownCount(d.columns[c].width);
    return n == 1 ? (top + bottom) / 2.0 : top + (bottom - top) * double(i) / double(n - 1);
  };
  for (int c = 1; c < columns; ++c) {  // W is out x in, row-major from the layer's offset
    const DiagramColumn& col = d.columns[c];
    const auto W = theta.segment(col.weightOffset, Eigen::Index(col.in) * col.width);
    const double largest = W.cwiseAbs().maxCoeff();
    for (int o = 0; o < shownCount(col.width); ++o)
      for (int i = 0; i < shownCount(col.in); ++i) {
        const double w = W(Eigen::Index(o) * col.in + i);
        QPen pen = weightPen(w, largest);
        pen.setWidthF(pen.widthF() * lineScale);
        p.setPen(pen);
        p.drawLine(QPointF(x(c - 1), y(c - 1, i)), QPointF(x(c), y(c, o)));
      }
  }
  // Skip connections: an arc over the block, outer blocks higher, ending in a "+" (x + body(x)).
  const QColor skipColor(40, 130, 70);
  for (const DiagramSkip& s : d.skips) {
    const double height = top - 6 - lane * (d.maxDepth() - 1 - s.depth) - lane * 0.5;
    const double x0 = x(s.from), x1 = x(s.to) + (s.to == s.from ? spacing * 0.3 : 0.0);
    QPainterPath arc(QPointF(x0, top - 4));
    arc.cubicTo(QPointF(x0, height), QPointF(x1, height), QPointF(x1, top - 4));
    p.setPen(QPen(skipColor, 1.6 * lineScale));
    p.setBrush(Qt::NoBrush);
    p.drawPath(arc);
    p.setBrush(Qt::white);
    const double r = 4.0 * std::max(1.0, lineScale);
    p.drawEllipse(QPointF(x1, top - 4), r, r);
    p.drawLine(QPointF(x1 - r * 0.6, top - 4), QPointF(x1 + r * 0.6, top - 4));
    p.drawLine(QPointF(x1, top - 4 - r * 0.6), QPointF(x1, top - 4 + r * 0.6));
  }
  const double radius = std::clamp(std::min((bottom - top) / (2.6 * maxShown), spacing / 3.0), 2.0, 9.0);
  p.setFont(small);
  // LayerNorm: a tag on the column whose values it normalises; where columns are too close for
  // the text, a purple bar beside the column.
  const QString tag = tr("LN");
  const double tagWidth = metrics.horizontalAdvance(tag) + 6, tagHeight = metrics.height() + 2;
  const bool roomForText = tagWidth + radius + 4 < spacing;
  for (const DiagramNorm& n : d.norms) {
    p.setPen(QPen(QColor(120, 80, 160), 1.0 * lineScale));
    p.setBrush(roomForText ? QColor(245, 238, 252) : QColor(120, 80, 160));
    if (roomForText) {
      const QRectF box(x(n.after) + radius + 2, (top + bottom) / 2.0 - tagHeight / 2, tagWidth, tagHeight);
      p.drawRoundedRect(box, 3, 3);
      p.drawText(box, Qt::AlignCenter, tag);
    } else {
      const double w = std::clamp(spacing / 8, 1.5, 4.0);
      p.drawRect(QRectF(x(n.after) + radius + 1, top, w, bottom - top));
    }
  }
  // Width labels; where columns are close, the "+N" is dropped, and closer still every other one.
  int labelEvery = 1;
  while (labelEvery < columns && spacing * labelEvery < metrics.horizontalAdvance(QStringLiteral("0000")) + 4)
    ++labelEvery;
  for (int c = 0; c < columns; ++c) {
    const int width = d.columns[c].width, n = shownCount(width);
    const bool output = c == columns - 1;
    for (int i = 0; i < n; ++i) {
      p.setPen(QPen(QColor(60, 60, 60), 1.2 * lineScale));
      p.setBrush(output && snapshot_->data && snapshot_->data->train.task == Task::Classification
                     ? plot::classColor(i) : QColor(245, 245, 245));
      p.drawEllipse(QPointF(x(c), y(c, i)), radius, radius);
    }
    if (c % labelEvery != 0 && !output) continue;
    p.setPen(QColor(70, 70, 70));
    QString label = width > n ? tr("%1 (+%2)").arg(width).arg(width - n) : QString::number(width);
    if (metrics.horizontalAdvance(label) + 6 > spacing * labelEvery) label = QString::number(width);
    p.drawText(QRectF(x(c) - 60, bottom + 8, 120, labelRoom), Qt::AlignHCenter | Qt::AlignTop, label);
  }
}

}  // namespace losslab
