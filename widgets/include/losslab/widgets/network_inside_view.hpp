#pragma once
// Inside the network for one sample (issue #17): each attention layer's heads as T x T maps of
// attention weights (row: the query position, column: the position it attends to; 0 dark, 1
// bright, the weight written in each cell of short sequences), and a CNN's input image, its
// first convolution's filters (blue positive, orange negative, as the network diagram's weights)
// and the feature maps of its first and last convolutions (each map on its own colour range).
// Painted with QPainter, so the window and figure export draw the same picture.
#include <QStringList>
#include <QWidget>
#include <memory>
#include <string>

#include "losslab/diagnostics/network_inside.hpp"

namespace losslab {

struct InsidePicture {
  NetworkInside inside;
  QString caption;         // "17 + 40 = ? → 57 (predicted 57, 98%)"
  QStringList tokens;      // token input: one label per position ("17", "40", "=")
  Eigen::MatrixXd image;   // image input: its first channel, height x width (empty otherwise)
};

class NetworkInsideView : public QWidget {
  Q_OBJECT

 public:
  explicit NetworkInsideView(QWidget* parent = nullptr);

  void setPicture(std::shared_ptr<const InsidePicture> picture);  // null clears
  const InsidePicture* picture() const { return picture_.get(); }

  QSize sizeHint() const override { return {440, 360}; }
  void paintFigure(QPainter& p, const QSize& size, double textPt) const;
  // Every drawn value: attention weights (layer, head, query, key) and feature maps / filters.
  std::string valuesCsv() const;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  void draw(QPainter& p, const QSize& size, double textPt) const;
  std::shared_ptr<const InsidePicture> picture_;
};

}  // namespace losslab
