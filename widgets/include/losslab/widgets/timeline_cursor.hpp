#pragma once
// The shared training timeline: hovering any time-series view (loss, sharpness, collapse)
// marks the same step on all of them, each with its own curves' values at that step.
#include <QObject>
#include <QPointer>
#include <vector>

#include "losslab/widgets/time_axis.hpp"

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;

namespace losslab {

class TimelineCursor : public QObject {
  Q_OBJECT

 public:
  explicit TimelineCursor(QObject* parent = nullptr);

  // `plot` (x axes = step) sets the cursor when hovered and draws it at the shared step, in every
  // axis rect it has (stacked panels share the step axis); the values box sits in the first.
  void attach(QCustomPlot* plot);
  void setStep(double step);
  void clear();
  bool isActive() const { return active_; }
  double step() const { return step_; }  // the position on the time axis (a step, or a time)
  // What the box calls the position: "step k" or "t = 12.3" (the views' time axis).
  void setTimeAxis(TimeAxis axis);
  // The text a plot shows at the cursor: "step k" (or "t = x") and each named visible curve's
  // value there (curves of every panel).
  static QString valuesAt(const QCustomPlot& plot, double step, TimeAxis axis = TimeAxis::Steps);

 Q_SIGNALS:
  void moved(double step);
  void cleared();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  struct Marker {
    QPointer<QCustomPlot> plot;
    std::vector<QCPItemStraightLine*> lines;  // one per axis rect
    QCPItemText* text;
  };
  void show(Marker& m);

  std::vector<Marker> markers_;
  double step_ = 0.0;
  bool active_ = false;
  TimeAxis axis_ = TimeAxis::Steps;
};

}  // namespace losslab
