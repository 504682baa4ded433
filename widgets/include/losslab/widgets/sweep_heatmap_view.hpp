#pragma once
// Two swept settings: a phase diagram of a sweep metric, one cell per point of the grid (the
// mean over its finished seeds), coloured by a perceptual colormap with a labelled colour bar,
// the value written in each cell while cells are large enough to read it. Cells with no finished
// run yet are left grey. A click on a cell emits its (i, j) so the run there can be opened.
#include <optional>

#include "losslab/sweep/sweep_series.hpp"
#include "losslab/widgets/colormap.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

class SweepHeatmapView : public QCustomPlot {
  Q_OBJECT

 public:
  explicit SweepHeatmapView(QWidget* parent = nullptr);

  void setGrid(const PhaseGrid& grid);
  void setTitle(const QString& title);  // above the diagram, e.g. the sweep's name
  const PhaseGrid& grid() const { return grid_; }
  // A fixed colour range (accuracies: 0..1, so two diagrams compare); unset: the data's range.
  void setColorRange(std::optional<QCPRange> range);
  void setColormap(Colormap map);
  // Outlines the cell (i, j); (-1, -1): none.
  void setSelected(int i, int j);

  QCPColorMap* colorMap() const { return map_; }
  QCPColorScale* colorScale() const { return scale_; }
  int cellLabelCount() const { return int(labels_.size()); }
  // The cell under a widget position; false outside the grid.
  bool cellAt(const QPointF& pos, int& i, int& j) const;

 Q_SIGNALS:
  void cellClicked(int i, int j);

 protected:
  void mousePressEvent(QMouseEvent* event) override;

 private:
  void redraw();
  void placeCellLabels();

  PhaseGrid grid_;
  std::optional<QCPRange> fixedRange_;
  Colormap colormap_ = Colormap::Viridis;
  QCPColorMap* map_ = nullptr;
  QCPColorScale* scale_ = nullptr;
  QCPItemRect* selection_ = nullptr;
  QCPTextElement* title_ = nullptr;
  std::vector<QCPItemText*> labels_;
  int selectedI_ = -1, selectedJ_ = -1;
};

}  // namespace losslab
