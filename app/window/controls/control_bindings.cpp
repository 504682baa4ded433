#include "controls/control_bindings.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

#include "document/run_document.hpp"
#include "losslab/widgets/log_slider.hpp"
#include "losslab/widgets/value_slider.hpp"

namespace losslab {

namespace {
void bindGesture(QSlider* slider, RunDocument* document) {
  QObject::connect(slider, &QSlider::sliderPressed, document, &RunDocument::beginGesture);
  QObject::connect(slider, &QSlider::sliderReleased, document, &RunDocument::endGesture);
}
}  // namespace

void bindSlider(ValueSlider* slider, RunDocument* document, const QString& key,
                const QString& text, NumberEdit edit) {
  bindGesture(slider->slider(), document);
  QObject::connect(slider, &ValueSlider::valueChanged, document, [=](double v) {
    document->edit(text, key, [&](ExperimentConfig& c) { edit(c, v); });
  });
}

void bindSlider(LogSlider* slider, RunDocument* document, const QString& key,
                const QString& text, NumberEdit edit) {
  bindGesture(slider->slider(), document);
  QObject::connect(slider, &LogSlider::valueChanged, document, [=](double v) {
    document->edit(text, key, [&](ExperimentConfig& c) { edit(c, v); });
  });
}

void bindCombo(QComboBox* box, RunDocument* document, const QString& key, const QString& text,
               std::function<void(ExperimentConfig&, const QVariant&)> edit) {
  QObject::connect(box, &QComboBox::activated, document, [=](int index) {
    const QVariant data = box->itemData(index);
    document->edit(text, key, [&](ExperimentConfig& c) { edit(c, data); });
  });
}

void bindCheck(QCheckBox* box, RunDocument* document, const QString& key, const QString& text,
               std::function<void(ExperimentConfig&, bool)> edit) {
  QObject::connect(box, &QCheckBox::toggled, document, [=](bool on) {
    document->edit(text, key, [&](ExperimentConfig& c) { edit(c, on); });
  });
}

void bindSpin(QSpinBox* box, RunDocument* document, const QString& key, const QString& text,
              NumberEdit edit) {
  QObject::connect(box, &QSpinBox::valueChanged, document, [=](int v) {
    document->edit(text, key, [&](ExperimentConfig& c) { edit(c, double(v)); });
  });
}

void showValue(ValueSlider* slider, double value) {
  const QSignalBlocker quiet(slider);
  slider->setValue(value);
}

void showValue(LogSlider* slider, double value) {
  const QSignalBlocker quiet(slider);
  slider->setValue(value);
}

void showValue(QComboBox* box, const QVariant& data) {
  const QSignalBlocker quiet(box);
  box->setCurrentIndex(std::max(0, box->findData(data)));
}

void showValue(QCheckBox* box, bool on) {
  const QSignalBlocker quiet(box);
  box->setChecked(on);
}

void showValue(QSpinBox* box, int value) {
  const QSignalBlocker quiet(box);
  box->setValue(value);
}

}  // namespace losslab
