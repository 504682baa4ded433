#pragma once
// The ten activations as a combo box (data: the spec's names), for the MLP's one activation and
// the architecture editor's activation layers alike, with the conventions they follow.
#include <QString>

class QComboBox;
class QWidget;

namespace losslab {

QComboBox* activationBox(QWidget* parent);
QString activationConventions();  // for tooltips: which definition each function follows

}  // namespace losslab
