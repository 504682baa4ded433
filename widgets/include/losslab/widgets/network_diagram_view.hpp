#pragma once
// The network as a diagram: one column of neurons per layer, every weight a line between two
// neurons, blue when positive and orange when negative, thicker and darker the larger it is
// (relative to the largest weight of its layer); skip connections as arcs over their blocks and
// LayerNorms as tags (network_diagram_layout.hpp). Wide layers show their first neurons and say
// how many more there are. Redrawn from the snapshots' parameters at most 10 times a second
// (wide antialiased lines are slow to stroke; the weights move smoothly), into a picture that
// paint events only copy.
#include <QImage>
#include <QWidget>
#include <string>

#include "losslab/run/snapshot.hpp"
#include "losslab/widgets/redraw_throttle.hpp"

namespace losslab {

class NetworkDiagramView : public QWidget {
  Q_OBJECT

 public:
  explicit NetworkDiagramView(QWidget* parent = nullptr);

  void setSnapshot(SnapshotPtr snapshot);  // null clears

  // Neurons drawn per layer at most; the rest are summarised as "+N".
  static constexpr int maxShown = 10;
  static int shownCount(int width) { return width <= maxShown ? width : maxShown - 1; }
  // Pen of a weight w in a layer whose largest |weight| is `largest`.
  static QPen weightPen(double w, double largest);

  QSize sizeHint() const override { return {420, 260}; }

  // The diagram as a figure: drawn at `size` with labels of `textPt` points (<= 0: the screen's)
  // and every pen times `lineScale`; the CSV holds each drawn weight (figure export).
  void paintFigure(QPainter& p, const QSize& size, double textPt, double lineScale) const;
  std::string drawnWeightsCsv() const;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  void render();  // the picture of snapshot_ at the widget's size
  void draw(QPainter& p, const QSize& size, double textPt, double lineScale) const;
  SnapshotPtr snapshot_;
  QImage picture_;
  double renderMs_ = 0.0;
  RedrawThrottle throttle_;
};

}  // namespace losslab
