#include "losslab/widgets/landscape_slice_view.hpp"

#include <cmath>

#include <algorithm>
#include "losslab/widgets/plot_style.hpp"

namespace losslab {

namespace {
const QColor kTrain{31, 119, 180}, kTest{255, 127, 14};  // as the loss curve
}  // namespace

LandscapeSliceView::LandscapeSliceView(QWidget* parent) : QCustomPlot(parent) {
  setMinimumSize(420, 220);
  plot::styleAxes(*this);
  yAxis->setLabel(tr("loss"));
  yAxis2->setLabel(tr("accuracy"));
  yAxis2->setRange(0, 1);
  setToolTip(tr("The loss along one direction through the current parameters (α = 0), on the "
                "training and the test set. Gaps: the loss is not finite there (or ≤ 0 on a "
                "log scale)."));
  auto graph = [this](QCPAxis* value, const QString& name, const QColor& color, Qt::PenStyle style) {
    QCPGraph* g = addGraph(xAxis, value);
    g->setName(name);
    g->setPen(plot::pen(color, style == Qt::SolidLine ? 2.8 : 2.0, style));
    return g;
  };
  train_ = graph(yAxis, tr("train loss"), kTrain, Qt::SolidLine);
  test_ = graph(yAxis, tr("test loss"), kTest, Qt::SolidLine);
  trainAccuracy_ = graph(yAxis2, tr("train accuracy"), kTrain, Qt::DashLine);
  testAccuracy_ = graph(yAxis2, tr("test accuracy"), kTest, Qt::DashLine);
  plot::legendBelow(*this);
  clear();
}

void LandscapeSliceView::setSlice(const LandscapeSlice& slice, const QString& coordinate,
                                  const std::vector<std::pair<double, QString>>& marks) {
  slice_ = slice;
  marks_ = marks;
  xAxis->setLabel(coordinate);
  redraw();
}

void LandscapeSliceView::clear() {
  slice_ = LandscapeSlice{};
  marks_.clear();
  redraw();
}

void LandscapeSliceView::setLogScale(bool on) {
  log_ = on;
  plot::setLogAxis(yAxis, on);
  yAxis->setLabel(on ? tr("loss (log scale)") : tr("loss"));
  redraw();
}

void LandscapeSliceView::setShowAccuracy(bool on) {
  accuracy_ = on;
  redraw();
}

void LandscapeSliceView::redraw() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double lo = INFINITY, hi = -INFINITY;
  auto show = [&](QCPGraph* g, const LandscapeCurve* c, bool accuracy, bool wanted) {
    QVector<double> x, y;
    if (c && wanted)
      for (size_t i = 0; i < c->coordinates.size(); ++i) {
        const double v = accuracy ? c->accuracy[Index(i)] : c->loss[Index(i)];
        const bool drawable = std::isfinite(v) && (accuracy || !log_ || v > 0);
        x << c->coordinates[i];
        y << (drawable ? v : nan);  // NaN: QCustomPlot leaves a gap
        if (drawable && !accuracy) lo = std::min(lo, v), hi = std::max(hi, v);
      }
    const bool any = std::any_of(y.begin(), y.end(), [](double v) { return std::isfinite(v); });
    g->setData(x, y, true);
    g->setVisible(any);
    any ? g->addToLegend() : g->removeFromLegend();
    return any;
  };
  const LandscapeCurve* test = slice_.test ? &*slice_.test : nullptr;
  show(train_, &slice_.train, false, true);
  show(test_, test, false, true);
  const bool acc = show(trainAccuracy_, &slice_.train, true, accuracy_) | show(testAccuracy_, test, true, accuracy_);
  yAxis2->setVisible(acc);

  const auto& xs = slice_.train.coordinates;
  if (!xs.empty()) xAxis->setRange(xs.front(), xs.back());
  else xAxis->setRange(-1, 1);
  if (lo <= hi) {
    const double pad = log_ ? 0 : 0.05 * std::max(hi - lo, 1e-12);
    yAxis->setRange(log_ ? lo / 1.1 : lo - pad, log_ ? hi * 1.1 : hi + pad);
    if (log_) plot::setLogAxisOver(yAxis, lo / 1.1, hi * 1.1);
  } else {
    yAxis->setRange(log_ ? 0.1 : 0, log_ ? 10 : 1);
  }
  yAxis2->setRange(0, 1.02);

  for (QCPItemStraightLine* l : markLines_) removeItem(l);
  for (QCPItemText* t : markLabels_) removeItem(t);
  markLines_.clear();
  markLabels_.clear();
  if (!xs.empty())
    for (const auto& [at, name] : marks_) {
      auto* line = new QCPItemStraightLine(this);
      line->setPen(plot::pen(QColor(90, 90, 90), 1.5, Qt::DotLine));
      line->point1->setCoords(at, log_ ? 1.0 : 0.0);
      line->point2->setCoords(at, log_ ? 2.0 : 1.0);
      markLines_ << line;
      auto* label = new QCPItemText(this);
      label->position->setTypeX(QCPItemPosition::ptPlotCoords);
      label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
      label->position->setCoords(at, 0.02);
      label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
      label->setPadding(QMargins(4, 0, 4, 0));
      label->setFont(plot::sized(font(), 11, true));
      label->setColor(QColor(70, 70, 70));
      label->setText(name);
      markLabels_ << label;
    }
  replot(rpQueuedReplot);
}

}  // namespace losslab
