#pragma once
// The Hessian spectrum at one step: the SLQ spectral density on a log axis (the bulk near zero
// and the outliers apart from it) with the top-k eigenvalues as vertical lines, and for small
// models the histogram of every exact eigenvalue beside it. When the probe also ran on the
// Gauss–Newton matrix G, its density, eigenvalues and histogram are drawn over H's in green.
#include <QList>
#include <QWidget>

#include "losslab/curvature/spectrum_result.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

class QBoxLayout;
class QLabel;

namespace losslab {

class SpectrumView : public QWidget {
  Q_OBJECT

 public:
  explicit SpectrumView(QWidget* parent = nullptr);

  // Draws `result`; null clears the plots and shows the hint to compute one.
  void setResult(SpectrumResultPtr result);
  SpectrumResultPtr result() const { return result_; }
  // A line above the plots while a probe runs (or after it failed or was cancelled); the plots
  // keep the last result.
  void setStatus(const QString& message);

  QCustomPlot* densityPlot() const { return density_; }
  QCustomPlot* histogramPlot() const { return histogram_; }
  QLabel* summaryLabel() const { return summary_; }
  QCPGraph* densityGraph(CurvatureKind kind) const { return densityGraphs_[index(kind)]; }
  QCPBars* histogramBars(CurvatureKind kind) const { return bars_[index(kind)]; }
  QList<QCPItemStraightLine*> eigenvalueLines(CurvatureKind kind) const {
    return lines_[index(kind)];
  }

  // The description above the plots: step, operator, data, method and timing.
  static QString summaryText(const SpectrumResult& result);

 protected:
  // Side by side when the view is wide, one above the other when it is not.
  void resizeEvent(QResizeEvent* event) override;

 private:
  static int index(CurvatureKind kind) { return kind == CurvatureKind::Hessian ? 0 : 1; }
  void drawDensity();
  void drawHistogram();
  void clearLines();

  SpectrumResultPtr result_;
  QLabel* summary_;
  QBoxLayout* plots_;
  QCustomPlot* density_;
  QCustomPlot* histogram_;
  QCPGraph* densityGraphs_[2] = {};
  QCPGraph* lineLegend_[2] = {};  // empty graphs that put the eigenvalue lines in the legend
  QCPBars* bars_[2] = {};
  QList<QCPItemStraightLine*> lines_[2];
  QList<QCPItemText*> lineLabels_;
  QString status_;
};

}  // namespace losslab
