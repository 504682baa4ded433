#include "losslab/widgets/function_fit_view.hpp"

#include <algorithm>
#include <cmath>

#include "losslab/widgets/plot_style.hpp"

namespace losslab {

FunctionFitView::FunctionFitView(QWidget* parent) : QCustomPlot(parent) {
  setMinimumSize(320, 260);
  plot::styleAxes(*this);
  xAxis->setLabel(QStringLiteral("x"));
  yAxis->setLabel(tr("y"));
  const QColor data(31, 119, 180), fit(214, 39, 40);
  train_ = addGraph();
  train_->setName(tr("training data"));
  train_->setLineStyle(QCPGraph::lsNone);
  train_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(data.darker(150), 1), data, 6));
  test_ = addGraph();
  test_->setName(tr("test data"));
  test_->setLineStyle(QCPGraph::lsNone);
  test_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(data, 2), Qt::white, 7));
  fit_ = addGraph();
  fit_->setName(tr("network f(x)"));
  fit_->setPen(plot::pen(fit, 3.0));
  legend->setVisible(true);
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  setToolTip(tr("The data and the function the network computes over the same range"));
}

void FunctionFitView::setData(std::shared_ptr<const DataSplit> data) {
  data_ = std::move(data);
  for (QCPGraph* g : {train_, test_, fit_}) g->data()->clear();
  if (data_ && data_->train.inputDim() == 1 && data_->train.task == Task::Regression) {
    for (auto [graph, set] : {std::pair{train_, &data_->train}, std::pair{test_, &data_->test}}) {
      QVector<double> x, y;
      for (int i = 0; i < set->size(); ++i) {
        x << set->x(0, i);
        y << set->targets(0, i);
      }
      graph->setData(x, y);
    }
  }
  test_->data()->isEmpty() ? test_->removeFromLegend() : test_->addToLegend();
  fitAxes();
  replot(QCustomPlot::rpQueuedReplot);
}

void FunctionFitView::setPrediction(std::shared_ptr<const PredictionGrid> prediction, long step) {
  QVector<double> x, y;
  if (prediction && prediction->values.rows() > 0) {
    const double dx = (prediction->box.x1 - prediction->box.x0) / std::max(1, prediction->nx - 1);
    for (int i = 0; i < prediction->nx; ++i) {
      const double v = prediction->values(0, i);
      if (!std::isfinite(v)) continue;  // a gap, not a wrecked axis
      x << prediction->box.x0 + i * dx;
      y << v;
    }
  }
  fit_->setData(x, y, true);
  fit_->setName(tr("network f(x), step %1").arg(QLocale().toString(qlonglong(step))));
  fitAxes();
  replot(QCustomPlot::rpQueuedReplot);
}

void FunctionFitView::fitAxes() {
  // The data decide the frame; the fit may leave it (a diverging network is clipped, not zoomed).
  bool found = false;
  const QCPRange keys = train_->getKeyRange(found);
  if (found) xAxis->setRange(keys.lower - 0.05 * keys.size(), keys.upper + 0.05 * keys.size());
  const QCPRange values = train_->getValueRange(found);
  if (found) {
    const double pad = std::max(0.1 * values.size(), 1e-3);
    yAxis->setRange(values.lower - pad, values.upper + pad);
  }
}

}  // namespace losslab
