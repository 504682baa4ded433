#include "losslab/widgets/network_diagram_view.hpp"

#include <QElapsedTimer>
#include <QPainter>
#include <algorithm>
#include <cmath>

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
  draw(p);
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

void NetworkDiagramView::draw(QPainter& p) const {
  p.fillRect(rect(), Qt::white);
  p.setRenderHint(QPainter::Antialiasing);
  if (!snapshot_ || snapshot_->architecture.layers.size() < 2 ||
      snapshot_->parameters.size() != snapshot_->architecture.parameterCount()) {
    p.setPen(QColor(110, 110, 110));
    p.drawText(rect(), Qt::AlignCenter, snapshot_ ? tr("(this model has no layers to draw)") : tr("no network yet"));
    return;
  }
  const Architecture& a = snapshot_->architecture;
  const Eigen::VectorXd& theta = snapshot_->parameters;
  const int columns = int(a.layers.size());
  const QFont small = plot::sized(font(), 10);
  const int top = 14, bottom = height() - 30, left = 40, right = width() - 40;
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
        p.setPen(weightPen(w, largest));
        p.drawLine(QPointF(x(l), y(l, i)), QPointF(x(l + 1), y(l + 1, o)));
      }
  }
  const double radius = std::clamp((bottom - top) / (2.6 * maxShown), 3.0, 9.0);
  p.setFont(small);
  for (int l = 0; l < columns; ++l) {
    const int n = shownCount(a.layers[l]);
    const bool output = l == columns - 1;
    for (int i = 0; i < n; ++i) {
      p.setPen(QPen(QColor(60, 60, 60), 1.2));
      p.setBrush(output && snapshot_->data && snapshot_->data->train.task == Task::Classification
                     ? plot::classColor(i) : QColor(245, 245, 245));
      p.drawEllipse(QPointF(x(l), y(l, i)), radius, radius);
    }
    p.setPen(QColor(70, 70, 70));
    const QString label = a.layers[l] > n ? tr("%1 (+%2)").arg(a.layers[l]).arg(a.layers[l] - n)
                                          : QString::number(a.layers[l]);
    p.drawText(QRectF(x(l) - 60, bottom + 8, 120, 20), Qt::AlignHCenter | Qt::AlignTop, label);
  }
}

}  // namespace losslab
