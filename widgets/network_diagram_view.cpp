#include "losslab/widgets/network_diagram_view.hpp"

#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "losslab/encoding/csv_fields.hpp"
#include "losslab/widgets/class_colors.hpp"
#include "losslab/widgets/plot_style.hpp"

namespace losslab {

NetworkDiagramView::NetworkDiagramView(QWidget* parent)
    : QWidget(parent),
      throttle_([this] { render(); update(); throttle_.drawn(); }, [this] { return renderMs_; }) {
  throttle_.setMaxRate(10);
  setMinimumSize(300, 180);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setToolTip(tr("The network: neurons by layer, each weight a line, blue positive and orange "
                "negative, thicker the larger it is relative to its layer's largest weight"));
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

std::string NetworkDiagramView::drawnWeightsCsv() const {
  std::string csv = "layer,input_neuron,output_neuron,weight,relative_size\n";
  if (!snapshot_ || snapshot_->parameters.size() != snapshot_->architecture.parameterCount()) return csv;
  const Architecture& a = snapshot_->architecture;
  for (int l = 0; l + 1 < int(a.layers.size()); ++l) {
    const int in = a.layers[l], out = a.layers[l + 1];
    const auto W = snapshot_->parameters.segment(a.weightOffset(l), Eigen::Index(in) * out);
    const double largest = W.cwiseAbs().maxCoeff();
    for (int o = 0; o < shownCount(out); ++o)
      for (int i = 0; i < shownCount(in); ++i) {
        const double w = W(Eigen::Index(o) * in + i);
        for (const std::string& field : {std::to_string(l + 1), std::to_string(i), std::to_string(o), csvNumber(w)})
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
  if (!snapshot_ || snapshot_->architecture.layers.size() < 2 ||
      snapshot_->parameters.size() != snapshot_->architecture.parameterCount()) {
    p.setPen(QColor(110, 110, 110));
    p.drawText(rect, Qt::AlignCenter, snapshot_ ? tr("(this model has no layers to draw)") : tr("no network yet"));
    return;
  }
  const Architecture& a = snapshot_->architecture;
  const Eigen::VectorXd& theta = snapshot_->parameters;
  const int columns = int(a.layers.size());
  QFont small = plot::sized(font(), 10);
  if (textPt > 0) small.setPointSizeF(textPt);
  // Room for the layer sizes below scales with their text.
  const int labelRoom = int(std::lround(QFontMetricsF(small, p.device()).height() * 1.6)) + 8;
  const int top = 14, bottom = size.height() - labelRoom, left = 40, right = size.width() - 40;
  auto x = [&](int layer) { return left + (right - left) * double(layer) / std::max(1, columns - 1); };
  auto y = [&](int layer, int i) {
    const int n = shownCount(a.layers[layer]);
    return n == 1 ? (top + bottom) / 2.0 : top + (bottom - top) * double(i) / double(n - 1);
  };
  for (int l = 0; l + 1 < columns; ++l) {  // W_l is out x in, row-major from weightOffset(l)
    const int in = a.layers[l], out = a.layers[l + 1];
    const auto W = theta.segment(a.weightOffset(l), Eigen::Index(in) * out);
    const double largest = W.cwiseAbs().maxCoeff();
    for (int o = 0; o < shownCount(out); ++o)
      for (int i = 0; i < shownCount(in); ++i) {
        const double w = W(Eigen::Index(o) * in + i);
        QPen pen = weightPen(w, largest);
        pen.setWidthF(pen.widthF() * lineScale);
        p.setPen(pen);
        p.drawLine(QPointF(x(l), y(l, i)), QPointF(x(l + 1), y(l + 1, o)));
      }
  }
  const double radius = std::clamp((bottom - top) / (2.6 * maxShown), 3.0, 9.0);
  p.setFont(small);
  for (int l = 0; l < columns; ++l) {
    const int n = shownCount(a.layers[l]);
    const bool output = l == columns - 1;
    for (int i = 0; i < n; ++i) {
      p.setPen(QPen(QColor(60, 60, 60), 1.2 * lineScale));
      p.setBrush(output && snapshot_->data && snapshot_->data->train.task == Task::Classification
                     ? plot::classColor(i) : QColor(245, 245, 245));
      p.drawEllipse(QPointF(x(l), y(l, i)), radius, radius);
    }
    p.setPen(QColor(70, 70, 70));
    const QString label = a.layers[l] > n ? tr("%1 (+%2)").arg(a.layers[l]).arg(a.layers[l] - n)
                                          : QString::number(a.layers[l]);
    p.drawText(QRectF(x(l) - 60, bottom + 8, 120, labelRoom), Qt::AlignHCenter | Qt::AlignTop, label);
  }
}

}  // namespace losslab
