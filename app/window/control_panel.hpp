#pragma once
// The left panel of the main window: the few knobs of a first experiment (data set, hidden
// width, learning rate), each labelled with its value and a tooltip saying what it does.
#include <QTimer>
#include <QWidget>

#include "losslab/config/experiment.hpp"
#include "losslab/session/snapshot.hpp"

class QComboBox;
class QLabel;
class QSlider;

namespace losslab {

class LogSlider;

class ControlPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ControlPanel(QWidget* parent = nullptr);

  // Shows `config` in the controls without emitting any change signal.
  void showConfig(const ExperimentConfig& config);
  // Describes the network and optimizer actually running.
  void showSnapshot(const Snapshot& snapshot);

  QComboBox* dataKindBox() const { return dataKind_; }
  QSlider* widthSlider() const { return width_; }
  LogSlider* learningRateSlider() const { return learningRate_; }
  QLabel* networkLabel() const { return network_; }

  // The width slider reports only after it rests this long: every width restarts the run.
  static constexpr int widthSettleMs = 250;

 Q_SIGNALS:
  void dataKindChanged(const QString& kind);
  void hiddenWidthChanged(int width);
  void learningRateChanged(double lr);

 private:
  // A focused slider keeps its arrow keys, which the window otherwise binds to Step.
  bool eventFilter(QObject* watched, QEvent* event) override;
  QWidget* buildDataGroup();
  QWidget* buildModelGroup();
  QWidget* buildOptimizerGroup();
  void showWidth(int width);

  QComboBox* dataKind_ = nullptr;
  QSlider* width_ = nullptr;
  QLabel* widthLabel_ = nullptr;
  QLabel* network_ = nullptr;
  LogSlider* learningRate_ = nullptr;
  QLabel* optimizer_ = nullptr;
  QTimer widthSettle_;
};

}  // namespace losslab
