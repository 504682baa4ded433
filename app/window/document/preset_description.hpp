#pragma once
// The text beside the views that tells a class what the open experiment shows: its name and
// its description (what to watch, which control to move, the paper it comes from), the
// experiment file's "description". A teacher's own preset carries the text they wrote.
#include <QWidget>

#include "losslab/config/experiment.hpp"

class QLabel;

namespace losslab {

class PresetDescription : public QWidget {
  Q_OBJECT

 public:
  explicit PresetDescription(QWidget* parent = nullptr);

  void setTitle(const QString& title);  // the preset's or the file's name
  void showConfig(const ExperimentConfig& config);
  QString title() const;
  QString text() const;  // the description shown, or the hint shown without one

 private:
  QLabel* title_;
  QLabel* text_;
  std::string shown_;  // the description on display
};

}  // namespace losslab
