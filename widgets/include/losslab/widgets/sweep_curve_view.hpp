#pragma once
// One swept setting: a sweep metric against the setting's values, the mean over seeds as a line
// with a shaded band (mean ± 1 s.d. or min–max, as the series says and the legend names), each
// seed as a dot, and the curves theory gives (2/η against η) dashed. Draws what the engine
// computed (sweep_series.hpp); a click on a point emits its index so its run can be opened.
#include <vector>

#include "losslab/sweep/sweep_series.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

class SweepCurveView : public QCustomPlot {
  Q_OBJECT

 public:
  explicit SweepCurveView(QWidget* parent = nullptr);

  void setSeries(const SeedSeries& series, const std::vector<ReferenceCurve>& references = {});
  const SeedSeries& series() const { return series_; }
  void setTitle(const QString& title);  // above the plot, e.g. the sweep's name
  void setLogY(bool on);
  // Marks the value at `index` (-1: none), e.g. the run opened last.
  void setSelected(int index);
  int selected() const { return selected_; }

  QCPGraph* meanGraph() const { return mean_; }
  QCPGraph* seedGraph() const { return seeds_; }
  QCPGraph* bandGraph() const { return upper_; }  // filled down to the lower edge
  const std::vector<QCPGraph*>& referenceGraphs() const { return references_; }
  QCPItemText* placeholder() const { return placeholder_; }

  // The value index nearest a widget position, within 24 px along x; -1 if none.
  int indexAt(const QPointF& pos) const;

 Q_SIGNALS:
  void valueClicked(int index);

 protected:
  void mousePressEvent(QMouseEvent* event) override;

 private:
  void redraw();

  SeedSeries series_;
  std::vector<ReferenceCurve> referenceData_;
  bool logY_ = false;
  int selected_ = -1;
  QCPGraph *mean_ = nullptr, *upper_ = nullptr, *lower_ = nullptr, *seeds_ = nullptr, *marker_ = nullptr;
  std::vector<QCPGraph*> references_;
  QCPItemText* placeholder_ = nullptr;
  QCPTextElement* title_ = nullptr;
};

}  // namespace losslab
