#pragma once
// The distribution of logit gaps z_y − max_{k≠y} z_k at one tracked step, training set as bars
// and test set as an outline, with the gap past which float16, float32 and float64 softmax
// collapses drawn on it as dashed lines (Prieto et al. 2025): the samples beyond a line are the
// ones that precision rounds to one-hot. Drawn from a CollapseRecord, never computed here.
#include <memory>

#include "losslab/diagnostics/collapse_record.hpp"
#include "losslab/widgets/qcustomplot_compat.hpp"

namespace losslab {

class LogitGapView : public QCustomPlot {
  Q_OBJECT

 public:
  explicit LogitGapView(QWidget* parent = nullptr);

  // The record's histograms (null: an empty picture with a hint), whose run and colour the
  // title and the bars carry.
  void setRecord(std::shared_ptr<const CollapseRecord> record, const QString& run, const QColor& color);
  const std::shared_ptr<const CollapseRecord>& record() const { return record_; }

  QCPBars* trainBars() const { return train_; }
  QCPGraph* testOutline() const { return test_; }
  QCPItemStraightLine* thresholdLine(FloatFormat f) const { return lines_[static_cast<int>(f)]; }
  QCPItemText* thresholdLabel(FloatFormat f) const { return labels_[static_cast<int>(f)]; }
  QCPTextElement* title() const { return title_; }

  QString toolTipAt(const QPoint& pos) const;

 protected:
  bool event(QEvent* event) override;

 private:
  std::shared_ptr<const CollapseRecord> record_;
  QCPBars* train_ = nullptr;
  QCPGraph* test_ = nullptr;
  QCPItemStraightLine* lines_[3] = {};
  QCPItemText* labels_[3] = {};
  QCPTextElement* title_ = nullptr;
  QCPItemText* placeholder_ = nullptr;
};

}  // namespace losslab
