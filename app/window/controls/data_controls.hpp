#pragma once
// The data set controls: which data, how noisy, how many samples, the train/test split, the
// kind's own settings (spiral arms, modulus, degree, bits), the samples' form (tokens,
// images; input_form.hpp) and the seed, with "regenerate".
// Every change restarts the run (the data is part of the experiment).
#include "controls/control_form.hpp"
#include "losslab/config/experiment.hpp"

class QComboBox;
class QPushButton;
class QSpinBox;

namespace losslab {

class RunDocument;
class ValueSlider;

class DataControls : public ControlForm {
  Q_OBJECT

 public:
  DataControls(RunDocument* document, QWidget* parent = nullptr);
  void showConfig(const ExperimentConfig& config);

 private:
  RunDocument* document_;
  QComboBox* kind_;
  ValueSlider* noise_;
  ValueSlider* size_;
  ValueSlider* trainFraction_;
  ValueSlider* arms_;
  ValueSlider* modulus_;
  QComboBox* operation_;
  QComboBox* encoding_;  // modular: one-hot or tokens
  QComboBox* images_;    // digits: vectors or images
  ValueSlider* degree_;
  ValueSlider* bits_;
  ValueSlider* relevantBits_;
  ValueSlider* dim_;
  QSpinBox* seed_;
  QPushButton* regenerate_;
};

}  // namespace losslab
