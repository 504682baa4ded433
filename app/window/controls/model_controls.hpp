#pragma once
// The network and its loss: depth, the width of each hidden layer, activation, biases and skip
// connections (the classroom's shortcut, losslab/config/mlp_shortcut.hpp), the architecture
// editor for any layer list, initialisation and its scale, the output scale α, the loss with its
// parameters (shared/spec/model-format-2.md, "More losses") and the training precision (or, for the second-order regression model, its parameter and residual
// counts). Every change restarts the run.
#include <array>

#include "controls/control_form.hpp"
#include "losslab/config/experiment.hpp"

class QCheckBox;
class QComboBox;

class QSpinBox;

namespace losslab {

class LayerListEditor;
class LogSlider;
class RunDocument;
class ValueSlider;

class ModelControls : public ControlForm {
  Q_OBJECT

 public:
  static constexpr int maxHiddenLayers = 8;
  ModelControls(RunDocument* document, QWidget* parent = nullptr);
  void showConfig(const ExperimentConfig& config);

 private:
  ValueSlider* depth_;
  std::array<ValueSlider*, maxHiddenLayers> widths_{};
  QComboBox* activation_;
  QCheckBox* bias_;
  QCheckBox* skip_;
  LayerListEditor* layers_;
  QComboBox* init_;
  LogSlider* initScale_;
  LogSlider* outputScale_;
  QSpinBox* subspace_;  // subspace.dim: train z in θ = θ₀ + P z (0: every parameter)
  ValueSlider* params_;
  ValueSlider* residuals_;
  QComboBox* loss_;
  ValueSlider* focalGamma_;
  ValueSlider* polyEpsilon_;
  ValueSlider* labelSmoothing_;
  ValueSlider* zLoss_;
  QComboBox* precision_;
};

}  // namespace losslab
