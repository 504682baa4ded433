#include "losslab/widgets/spectrum_view.hpp"

#include <QBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "losslab/widgets/curvature_labels.hpp"
#include "losslab/widgets/plot_style.hpp"

namespace losslab {

namespace {
constexpr CurvatureKind kinds[] = {CurvatureKind::Hessian, CurvatureKind::GaussNewton};
QColor colorOf(CurvatureKind k) {
  return k == CurvatureKind::Hessian ? plot::hessianColor : plot::gaussNewtonColor;
}
QString letter(CurvatureKind k) { return k == CurvatureKind::Hessian ? "H" : "G"; }

QCustomPlot* makePlot(QWidget* parent, const QString& title, const QString& x, const QString& y) {
  auto* p = new QCustomPlot(parent);
  p->setMinimumSize(320, 260);
  plot::styleAxes(*p);
  p->xAxis->setLabel(x);
  p->yAxis->setLabel(y);
  plot::setLogAxis(p->yAxis, true);
  plot::addTitle(*p, title);
  plot::legendBelow(*p);
  return p;
}
}  // namespace

SpectrumView::SpectrumView(QWidget* parent)
    : QWidget(parent),
      summary_(new QLabel(this)),
      plots_(new QBoxLayout(QBoxLayout::TopToBottom)),
      density_(makePlot(this, tr("Spectral density (stochastic Lanczos quadrature)"),
                        tr("eigenvalue λ"), tr("density (log scale)"))),
      histogram_(makePlot(this, tr("Exact eigenvalues (dense matrix)"), tr("eigenvalue λ"),
                          tr("eigenvalues per bin (log)"))) {
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summary_->setContentsMargins(8, 4, 8, 4);
  summary_->setFont(plot::sized(font(), 12));
  density_->setToolTip(tr("Density of the eigenvalues by stochastic Lanczos quadrature, "
                          "broadened by Gaussians, on a log scale: the bulk near zero and the "
                          "outliers apart from it. Vertical lines: the top-k eigenvalues by "
                          "Lanczos."));
  histogram_->setToolTip(tr("Every eigenvalue of the dense matrix, counted per bin on a log "
                            "scale: the exact answer the estimates beside it approximate. "
                            "Only for small models."));
  for (CurvatureKind k : kinds) {
    const int i = index(k);
    QCPGraph* g = density_->addGraph();
    g->setName(tr("%1 density").arg(letter(k)));
    g->setPen(plot::pen(colorOf(k), 2.5));
    if (k == CurvatureKind::Hessian) g->setBrush(QColor(31, 119, 180, 40));
    densityGraphs_[i] = g;
    lineLegend_[i] = density_->addGraph();
    // Thin, so that they mark eigenvalues without hiding the density under them.
    lineLegend_[i]->setPen(k == CurvatureKind::Hessian
                               ? plot::pen(QColor(200, 30, 30, 190), 1.5)
                               : plot::pen(colorOf(k).darker(140), 1.5, Qt::DashLine));
    bars_[i] = new QCPBars(histogram_->xAxis, histogram_->yAxis);
    bars_[i]->setName(tr("eigenvalues of %1").arg(letter(k)));
    bars_[i]->setWidthType(QCPBars::wtPlotCoords);
    bars_[i]->setBaseValue(0.3);  // a log axis has no 0: a lone eigenvalue still gets a bar
    bars_[i]->setPen(plot::pen(colorOf(k), k == CurvatureKind::Hessian ? 1.0 : 2.0));
    bars_[i]->setBrush(k == CurvatureKind::Hessian ? QColor(31, 119, 180, 150) : QColor(Qt::transparent));
  }
  histogram_->yAxis->setNumberFormat("g");  // counts read as 1, 10, 100
  histogram_->yAxis->setNumberPrecision(6);

  plots_->addWidget(density_, 3);
  plots_->addWidget(histogram_, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(summary_);
  layout->addLayout(plots_, 1);
  setResult(nullptr);
}

void SpectrumView::resizeEvent(QResizeEvent* event) {
  plots_->setDirection(width() > 1.6 * height() ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
  QWidget::resizeEvent(event);
}

void SpectrumView::setStatus(const QString& message) {
  status_ = message;
  summary_->setText(result_ && status_.isEmpty() ? summaryText(*result_)
                    : result_ ? status_ + QStringLiteral("<br>") + summaryText(*result_)
                              : status_);
}

void SpectrumView::setResult(SpectrumResultPtr result) {
  result_ = std::move(result);
  status_.clear();
  summary_->setText(result_ ? summaryText(*result_)
                            : tr("<b>No spectrum yet.</b> Press <b>Compute spectrum</b> under "
                                 "“Spectrum of the current step” below: the Hessian of the training "
                                 "loss at the current step, its top eigenvalues and its spectral density."));
  drawDensity();
  drawHistogram();
}

void SpectrumView::clearLines() {
  for (auto& lines : lines_) {
    for (QCPItemStraightLine* line : lines) density_->removeItem(line);
    lines.clear();
  }
  for (QCPItemText* label : lineLabels_) density_->removeItem(label);
  lineLabels_.clear();
}

void SpectrumView::drawDensity() {
  clearLines();
  double lo = INFINITY, hi = -INFINITY, peak = 0.0;
  for (CurvatureKind k : kinds) {
    const int i = index(k);
    const OperatorSpectrum* s = result_ ? result_->find(k) : nullptr;
    QVector<double> xs, ys;
    if (s && s->density.grid.size() > 0) {
      const SpectralDensity& d = s->density;
      for (Index j = 0; j < d.grid.size(); ++j) peak = std::max(peak, d.values[j]);
      for (Index j = 0; j < d.grid.size(); ++j) {
        xs.push_back(d.grid[j]);
        ys.push_back(std::max(d.values[j], 1e-300));  // exp() underflows to 0; log needs > 0
      }
      lo = std::min(lo, d.grid[0]), hi = std::max(hi, d.grid[d.grid.size() - 1]);
    }
    densityGraphs_[i]->setData(xs, ys, true);
    xs.isEmpty() ? densityGraphs_[i]->removeFromLegend() : densityGraphs_[i]->addToLegend();
    const bool marked = s && s->top.size() > 0;
    marked ? lineLegend_[i]->addToLegend() : lineLegend_[i]->removeFromLegend();
    if (!marked) continue;
    lineLegend_[i]->setName(tr("top %1 of %2").arg(s->top.size()).arg(letter(k)));
    for (Index j = 0; j < s->top.size(); ++j) {
      auto* line = new QCPItemStraightLine(density_);
      line->setPen(lineLegend_[i]->pen());
      line->point1->setCoords(s->top[j], 1.0);  // two positive y values: maps on a log axis
      line->point2->setCoords(s->top[j], 2.0);
      lines_[i].push_back(line);
      lo = std::min(lo, s->top[j]), hi = std::max(hi, s->top[j]);
    }
    // λ1 named beside its line, H's near the top of the plot and G's just below it.
    auto* label = new QCPItemText(density_);
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(s->top[0], k == CurvatureKind::Hessian ? 0.03 : 0.16);
    label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    label->setPadding(QMargins(4, 1, 6, 1));
    label->setBrush(QColor(255, 255, 255, 210));
    label->setFont(plot::sized(font(), 12, true));
    label->setColor(lineLegend_[i]->pen().color());
    label->setText(tr("λmax(%1) = %2").arg(letter(k), formatNumber(s->top[0])));
    lineLabels_.push_back(label);
  }
  if (lo <= hi) {
    const double pad = 0.03 * std::max(hi - lo, 1e-12);
    density_->xAxis->setRange(lo - pad, hi + pad);
    density_->yAxis->setRange(peak * 1e-7, peak * 3.0);  // seven decades: outliers stay in view
  } else {
    density_->xAxis->setRange(-1.0, 1.0);
    density_->yAxis->setRange(1e-3, 10.0);
  }
  density_->replot(QCustomPlot::rpQueuedReplot);
}

void SpectrumView::drawHistogram() {
  double lo = INFINITY, hi = -INFINITY;
  Index most = 0;
  for (const OperatorSpectrum& s : result_ ? result_->spectra : std::vector<OperatorSpectrum>{})
    if (s.exact.size() > 0) {
      lo = std::min(lo, s.exact.minCoeff()), hi = std::max(hi, s.exact.maxCoeff());
      most = std::max(most, s.exact.size());
    }
  histogram_->setVisible(lo <= hi);
  if (!(lo <= hi)) {
    for (QCPBars* b : bars_) b->data()->clear();
    return;
  }
  // About two bins per sqrt(P): the bulk resolves, a lone outlier still gets its own bar.
  const int bins = std::clamp(static_cast<int>(2.0 * std::sqrt(double(most))), 20, 80);
  const double width = std::max(hi - lo, 1e-12) / bins;
  double tallest = 1.0;
  for (CurvatureKind k : kinds) {
    const OperatorSpectrum* s = result_->find(k);
    QVector<double> counts(bins, 0.0), keys, values;
    if (s)
      for (double v : s->exact)
        counts[std::clamp(static_cast<int>((v - lo) / width), 0, bins - 1)] += 1.0;
    for (int b = 0; b < bins; ++b)
      if (counts[b] > 0) keys.push_back(lo + (b + 0.5) * width), values.push_back(counts[b]);
    for (double c : values) tallest = std::max(tallest, c);
    QCPBars* bars = bars_[index(k)];
    bars->setWidth(width);
    bars->setData(keys, values, true);
    keys.isEmpty() ? bars->removeFromLegend() : bars->addToLegend();
  }
  histogram_->xAxis->setRange(lo - width, hi + width);
  histogram_->yAxis->setRange(0.3, tallest * 2.5);
  histogram_->replot(QCustomPlot::rpQueuedReplot);
}

QString SpectrumView::summaryText(const SpectrumResult& r) {
  const QLocale locale;
  QStringList tops;
  for (const OperatorSpectrum& s : r.spectra)
    if (s.top.size() > 0) tops << tr("λmax(%1) = %2").arg(letter(s.kind), formatNumber(s.top[0]));
  const QString samples = locale.toString(static_cast<qlonglong>(r.samples));
  const QString data = r.subset ? tr("a fixed random subset of %1 training samples").arg(samples)
                                : tr("all %1 training samples").arg(samples);
  const bool h = r.find(CurvatureKind::Hessian), g = r.find(CurvatureKind::GaussNewton);
  const QString op = h && g ? tr("Hessian H and Gauss–Newton G") : g ? tr("Gauss–Newton G")
                                                                     : tr("Hessian H");
  QStringList how;
  if (!r.spectra.empty()) {
    const OperatorSpectrum& s = r.spectra.front();
    how << tr("top %1 by Lanczos, tolerance %2%3").arg(s.top.size())
               .arg(formatNumber(r.tolerance), s.converged ? QString() : tr(" (<b>not reached</b>)"))
        << tr("SLQ density, Gaussian σ = %1").arg(formatNumber(s.density.sigma));
    if (s.exact.size() > 0) how << tr("every eigenvalue exactly (dense)");
    if (s.exact.size() == 0 && r.denseLimit > 0)
      how << tr("no dense spectrum: over its limit of %1 parameters")
                 .arg(locale.toString(static_cast<qlonglong>(r.denseLimit)));
  }
  how << tr("%1 s").arg(QString::number(r.seconds, 'f', 1));
  return tr("<b>Step %1: %2</b><br>%3 of the %4 loss over %5, %6 parameters · %7")
      .arg(locale.toString(static_cast<qlonglong>(r.step)), tops.join(QStringLiteral(", ")), op,
           QString::fromStdString(describe(r.loss)), data,
           locale.toString(static_cast<qlonglong>(r.parameters)), how.join(QStringLiteral(" · ")));
}

}  // namespace losslab
