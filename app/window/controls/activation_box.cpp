#include "controls/activation_box.hpp"

#include <QComboBox>
#include <QObject>

namespace losslab {

QComboBox* activationBox(QWidget* parent) {
  auto* box = new QComboBox(parent);
  for (auto [title, name] : {std::pair{"tanh", "tanh"}, {"ReLU", "relu"}, {"GELU", "gelu"}, {"sigmoid", "sigmoid"},
                             {"linear", "linear"}, {"leaky ReLU", "leaky_relu"}, {"ELU", "elu"}, {"SiLU", "silu"},
                             {"softplus", "softplus"}, {"sin", "sin"}})
    box->addItem(QString::fromUtf8(title), QString::fromLatin1(name));
  return box;
}

QString activationConventions() {
  return QObject::tr("As PyTorch defines them: GELU in its exact erf form, leaky ReLU with slope 0.01, ELU with "
                     "alpha 1, SiLU x sigmoid(x), softplus log(1 + e^x)");
}

}  // namespace losslab
