#include "losslab/widgets/decision_surface_view.hpp"

#include <algorithm>
#include <cmath>

#include "losslab/widgets/class_colors.hpp"
#include "losslab/widgets/plot_style.hpp"

namespace losslab {

namespace {
QColor paler(const QColor& c, double strength) {  // strength 0: white, 1: the colour itself
  auto mix = [strength](int v) { return int(std::lround(255 + (v - 255) * strength)); };
  return QColor(mix(c.red()), mix(c.green()), mix(c.blue()));
}

QCPScatterStyle pointStyle(const QColor& color, bool train) {
  // Filled discs with a dark rim for training points, thick rings for test points.
  return train ? QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(color.darker(160), 1.0), color, 7)
               : QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color.darker(120), 2.0), Qt::white, 8);
}
}  // namespace

DecisionSurfaceView::DecisionSurfaceView(QWidget* parent) : QCustomPlot(parent) {
  setMinimumSize(320, 300);
  plot::styleAxes(*this);
  xAxis->setLabel(QStringLiteral("x₁"));
  yAxis->setLabel(QStringLiteral("x₂"));
  surface_ = new QCPItemPixmap(this);
  surface_->setScaled(true, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  surface_->setLayer(QStringLiteral("background"));
  surface_->setClipToAxisRect(true);
  caption_ = new QCPItemText(this);
  caption_->position->setType(QCPItemPosition::ptAxisRectRatio);
  caption_->position->setCoords(0.01, 0.01);
  caption_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  caption_->setFont(plot::sized(font(), 11));
  caption_->setBrush(QColor(255, 255, 255, 200));
  caption_->setPadding(QMargins(4, 2, 4, 2));
  caption_->setText(tr("waiting for the network…"));
  setToolTip(tr("The network's prediction over the input plane: the colour of the likeliest "
                "class, paler where it is unsure (for regression: the predicted value, blue "
                "positive, orange negative). Filled points train the network; rings are the "
                "test set it never sees."));
}

void DecisionSurfaceView::setData(std::shared_ptr<const DataSplit> data) {
  data_ = std::move(data);
  prediction_.reset();
  rebuildPoints();
  rebuildImage();
  replot(QCustomPlot::rpQueuedReplot);
}

void DecisionSurfaceView::setPrediction(std::shared_ptr<const PredictionGrid> prediction, long step) {
  prediction_ = std::move(prediction);
  caption_->setText(tr("step %1").arg(QLocale().toString(qlonglong(step))));
  rebuildImage();
  replot(QCustomPlot::rpQueuedReplot);
}

void DecisionSurfaceView::setDiscretized(bool on) {
  if (on == discretized_) return;
  discretized_ = on;
  rebuildImage();
  replot(QCustomPlot::rpQueuedReplot);
}

int DecisionSurfaceView::trainPointCount() const {
  int n = 0;
  for (int g = 0; g < graphCount(); ++g)
    if (graph(g)->property("train").toBool()) n += graph(g)->dataCount();
  return n;
}

int DecisionSurfaceView::testPointCount() const {
  int n = 0;
  for (int g = 0; g < graphCount(); ++g)
    if (!graph(g)->property("train").toBool()) n += graph(g)->dataCount();
  return n;
}

void DecisionSurfaceView::rebuildPoints() {
  clearGraphs();
  if (!data_ || data_->train.inputDim() != 2) return;
  const bool classes = data_->train.task == Task::Classification;
  // Regression targets are drawn in the value colours, scaled by the largest |target|.
  double top = 0;
  if (!classes)
    for (const Dataset* d : {&data_->train, &data_->test})
      if (!d->empty()) top = std::max(top, d->targets.row(0).cwiseAbs().maxCoeff());
  valueScale_ = top > 0 ? top : 1.0;
  const int groups = classes ? std::max(1, data_->train.numClasses) : 9;  // 9 value bands
  for (bool train : {true, false}) {
    const Dataset& d = train ? data_->train : data_->test;
    std::vector<QVector<double>> xs(groups), ys(groups);
    for (int i = 0; i < d.size(); ++i) {
      int g = 0;
      if (classes) g = std::clamp(d.labels[i], 0, groups - 1);
      else g = std::clamp(int(std::lround((d.targets(0, i) / valueScale_ + 1.0) * 4.0)), 0, 8);
      xs[g].push_back(d.x(0, i));
      ys[g].push_back(d.x(1, i));
    }
    for (int g = 0; g < groups; ++g) {
      if (xs[g].isEmpty()) continue;
      QCPGraph* graph = addGraph();
      graph->setLineStyle(QCPGraph::lsNone);
      const QColor color = classes ? plot::classColor(g) : plot::signedColor(g / 4.0 - 1.0);
      graph->setScatterStyle(pointStyle(color, train));
      graph->setData(xs[g], ys[g]);
      graph->setProperty("train", train);
    }
  }
  const GridBox box = boundingBox(data_->train.x);
  xAxis->setRange(box.x0, box.x1);
  yAxis->setRange(box.y0, box.y1);
}

QColor DecisionSurfaceView::colorAt(int i, int j) const {
  const PredictionGrid& g = *prediction_;
  const auto v = g.values.col(Eigen::Index(j) * g.nx + i);
  // A network that diverged predicts NaN or inf: neutral grey, not a colour it has no basis for.
  if (!v.allFinite()) return QColor(210, 210, 210);
  if (!data_ || data_->train.task != Task::Classification) return plot::signedColor(v(0) / valueScale_);
  Eigen::Index best = 0;
  const double top = v.maxCoeff(&best);
  const double chance = 1.0 / double(v.size());
  // Confidence from chance (white) to certain (full colour), kept light enough for the points.
  const double confidence = discretized_ ? 1.0 : std::clamp((top - chance) / (1.0 - chance), 0.0, 1.0);
  return paler(plot::classColor(int(best)), 0.15 + 0.55 * confidence);
}

void DecisionSurfaceView::rebuildImage() {
  if (!prediction_ || prediction_->ny < 2) {
    surface_->setVisible(false);
    return;
  }
  const PredictionGrid& g = *prediction_;
  image_ = QImage(g.nx, g.ny, QImage::Format_RGB32);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) image_.setPixelColor(i, g.ny - 1 - j, colorAt(i, j));  // y up
  surface_->setPixmap(QPixmap::fromImage(image_));
  surface_->topLeft->setCoords(g.box.x0, g.box.y1);
  surface_->bottomRight->setCoords(g.box.x1, g.box.y0);
  surface_->setVisible(true);
  xAxis->setRange(g.box.x0, g.box.x1);
  yAxis->setRange(g.box.y0, g.box.y1);
}

}  // namespace losslab
