#include "losslab/widgets/sweep_heatmap_view.hpp"

#include <QMouseEvent>
#include <cmath>
#include <limits>

#include "losslab/widgets/plot_style.hpp"
#include "losslab/widgets/sweep_axis_ticks.hpp"

namespace losslab {

namespace {
constexpr int kMaxLabelledCells = 144;
const QColor kNoRunYet{214, 214, 214};

// A colour map cell per grid point; a single value along an axis becomes two equal cells over
// [-0.25, 0.25] (QCPColorMap needs two to know a cell's width), drawn as the one cell [-0.5, 0.5].
int cellsOf(int n) { return std::max(n, 2); }
QCPRange rangeOf(int n) { return n > 1 ? QCPRange(0, n - 1) : QCPRange(-0.25, 0.25); }
}  // namespace

SweepHeatmapView::SweepHeatmapView(QWidget* parent) : QCustomPlot(parent) {
  setMinimumSize(480, 360);
  plot::styleAxes(*this);
  axisRect()->setBackground(kNoRunYet);
  xAxis->grid()->setVisible(false);
  yAxis->grid()->setVisible(false);
  map_ = new QCPColorMap(xAxis, yAxis);
  map_->setInterpolate(false);
  map_->setTightBoundary(false);
  scale_ = new QCPColorScale(this);
  scale_->setType(QCPAxis::atRight);
  scale_->setBarWidth(18);
  scale_->axis()->setTickLabelFont(plot::sized(font(), 11));
  scale_->axis()->setLabelFont(plot::sized(font(), 13));
  plotLayout()->addElement(0, 1, scale_);
  title_ = plot::addTitle(*this, QString());
  map_->setColorScale(scale_);
  map_->setGradient(colorGradient(colormap_));
  auto* margins = new QCPMarginGroup(this);  // the bar spans exactly the diagram's height
  axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  scale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  selection_ = new QCPItemRect(this);
  selection_->setPen(QPen(QColor(214, 39, 40), 3));
  selection_->setBrush(Qt::NoBrush);
  selection_->setVisible(false);
  // Cell sizes are known once the layout is done, just before every drawing.
  connect(this, &QCustomPlot::afterLayout, this, &SweepHeatmapView::placeCellLabels);
  setToolTip(tr("A phase diagram: one cell per point of the sweep, coloured by the mean over its "
                "finished seeds (grey: no finished run yet). Click a cell to open its run."));
  redraw();
}

void SweepHeatmapView::setGrid(const PhaseGrid& grid) {
  grid_ = grid;
  redraw();
}

void SweepHeatmapView::setTitle(const QString& title) {
  title_->setText(title);
  replot();
}

void SweepHeatmapView::setColorRange(std::optional<QCPRange> range) {
  fixedRange_ = range;
  redraw();
}

void SweepHeatmapView::setColormap(Colormap map) {
  colormap_ = map;
  map_->setGradient(colorGradient(map));
  redraw();
}

void SweepHeatmapView::setSelected(int i, int j) {
  selectedI_ = i, selectedJ_ = j;
  redraw();
}

void SweepHeatmapView::redraw() {
  const int ni = int(grid_.value.rows()), nj = int(grid_.value.cols());
  for (QCPItemText* t : labels_) removeItem(t);
  labels_.clear();
  if (ni == 0 || nj == 0) {
    map_->data()->clear();
    replot();
    return;
  }
  map_->data()->setSize(cellsOf(ni), cellsOf(nj));
  map_->data()->setRange(rangeOf(ni), rangeOf(nj));
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (int a = 0; a < cellsOf(ni); ++a)
    for (int b = 0; b < cellsOf(nj); ++b) {
      const double v = grid_.value(std::min(a, ni - 1), std::min(b, nj - 1));
      map_->data()->setCell(a, b, v);
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
  QCPRange range = fixedRange_ ? *fixedRange_ : lo < hi ? QCPRange(lo, hi) : lo == hi ? QCPRange(lo - 0.5, hi + 0.5) : QCPRange(0, 1);
  map_->setDataRange(range);
  scale_->axis()->setLabel(QString::fromStdString(grid_.metric));
  setSweepAxisTicks(xAxis, grid_.x, true);
  setSweepAxisTicks(yAxis, grid_.y, true);
  xAxis->setLabel(QString::fromStdString(grid_.x.label));
  yAxis->setLabel(QString::fromStdString(grid_.y.label));

  if (ni * nj <= kMaxLabelledCells) {
    for (int i = 0; i < ni; ++i)
      for (int j = 0; j < nj; ++j) {
        const double v = grid_.value(i, j);
        if (!std::isfinite(v)) continue;
        auto* label = new QCPItemText(this);
        label->position->setCoords(i, j);
        label->setText(QString::number(v, 'g', 3));
        label->setFont(plot::sized(font(), 10));
        // Dark text on the light end of the map, white on the dark end.
        const QColor under = colormapColor(colormap_, (v - range.lower) / std::max(range.size(), 1e-300));
        const double luminance = 0.2126 * under.redF() + 0.7152 * under.greenF() + 0.0722 * under.blueF();
        label->setColor(luminance > 0.45 ? Qt::black : Qt::white);
        label->setClipToAxisRect(true);
        labels_.push_back(label);
      }
  }
  selection_->setVisible(selectedI_ >= 0 && selectedI_ < ni && selectedJ_ >= 0 && selectedJ_ < nj);
  selection_->topLeft->setCoords(selectedI_ - 0.5, selectedJ_ + 0.5);
  selection_->bottomRight->setCoords(selectedI_ + 0.5, selectedJ_ - 0.5);
  replot();
}

// Values are written only while a cell is large enough to hold them legibly.
void SweepHeatmapView::placeCellLabels() {
  const double cellWidth = std::abs(xAxis->coordToPixel(1) - xAxis->coordToPixel(0));
  const double cellHeight = std::abs(yAxis->coordToPixel(1) - yAxis->coordToPixel(0));
  for (QCPItemText* t : labels_) t->setVisible(cellWidth >= 38 && cellHeight >= 18);
}

bool SweepHeatmapView::cellAt(const QPointF& pos, int& i, int& j) const {
  if (!axisRect()->rect().contains(pos.toPoint())) return false;
  i = int(std::lround(xAxis->pixelToCoord(pos.x())));
  j = int(std::lround(yAxis->pixelToCoord(pos.y())));
  return i >= 0 && i < grid_.value.rows() && j >= 0 && j < grid_.value.cols();
}

void SweepHeatmapView::mousePressEvent(QMouseEvent* event) {
  QCustomPlot::mousePressEvent(event);
  int i = 0, j = 0;
  if (event->button() == Qt::LeftButton && cellAt(event->position(), i, j)) Q_EMIT cellClicked(i, j);
}

}  // namespace losslab
