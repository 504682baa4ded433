#pragma once
// Connects a control to the edited experiment: the user's changes become undoable edits of the
// RunDocument (a slider press opens a gesture, so a whole drag is one undo step); showing a
// config in the control never emits an edit.
#include <QString>
#include <QVariant>
#include <functional>

#include "losslab/config/experiment.hpp"

class QCheckBox;
class QComboBox;
class QSpinBox;
class QSlider;

namespace losslab {

class LogSlider;
class RunDocument;
class ValueSlider;

using NumberEdit = std::function<void(ExperimentConfig&, double)>;

void bindSlider(ValueSlider* slider, RunDocument* document, const QString& key,
                const QString& text, NumberEdit edit);
void bindSlider(LogSlider* slider, RunDocument* document, const QString& key,
                const QString& text, NumberEdit edit);
void bindCombo(QComboBox* box, RunDocument* document, const QString& key, const QString& text,
               std::function<void(ExperimentConfig&, const QVariant&)> edit);
void bindCheck(QCheckBox* box, RunDocument* document, const QString& key, const QString& text,
               std::function<void(ExperimentConfig&, bool)> edit);
void bindSpin(QSpinBox* box, RunDocument* document, const QString& key, const QString& text,
              NumberEdit edit);

// Shows a value without emitting (QSignalBlocker around the setter).
void showValue(ValueSlider* slider, double value);
void showValue(LogSlider* slider, double value);
void showValue(QComboBox* box, const QVariant& data);
void showValue(QCheckBox* box, bool on);
void showValue(QSpinBox* box, int value);

}  // namespace losslab
