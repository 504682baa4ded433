#pragma once
// The optimizer and its schedule: kind, learning rate (logarithmic, 1e-5 to 10), batch size,
// momentum and Nesterov, Adam's betas and epsilon, weight decay, SAM's radius, ⊥Grad, gradient
// clipping and the learning-rate schedule. All act on the running network at its next step.
#include "controls/control_form.hpp"
#include "losslab/config/experiment.hpp"

class QCheckBox;
class QComboBox;

namespace losslab {

class LogSlider;
class RunDocument;
class ValueSlider;

class OptimizerControls : public ControlForm {
  Q_OBJECT

 public:
  OptimizerControls(RunDocument* document, QWidget* parent = nullptr);
  void showConfig(const ExperimentConfig& config);

 private:
  QComboBox* kind_;
  LogSlider* lr_;
  ValueSlider* batch_;
  ValueSlider* momentum_;
  QCheckBox* nesterov_;
  ValueSlider* beta1_;
  ValueSlider* beta2_;
  ValueSlider* eps_;
  ValueSlider* weightDecay_;
  ValueSlider* samRho_;
  QCheckBox* perpGrad_;
  ValueSlider* clip_;
  QComboBox* schedule_;
  ValueSlider* warmup_;
  ValueSlider* stepEvery_;
  ValueSlider* gamma_;
};

}  // namespace losslab
