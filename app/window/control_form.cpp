#include "control_form.hpp"

#include <QFormLayout>
#include <QLabel>

namespace losslab {

ControlForm::ControlForm(const QString& title, QWidget* parent)
    : QGroupBox(title, parent), form_(new QFormLayout(this)) {
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form_->setRowWrapPolicy(QFormLayout::DontWrapRows);
}

void ControlForm::addRow(const QString& key, const QString& label, QWidget* field,
                         const QString& toolTip, bool secondary) {
  auto* text = new QLabel(label, this);
  text->setToolTip(toolTip);
  field->setToolTip(toolTip);
  field->setObjectName(key);  // tests and the monkey test find controls by key
  for (QWidget* w : {static_cast<QWidget*>(text), field}) w->setProperty("controlKey", key);
  form_->addRow(text, field);
  rows_.push_back({key, text, field, secondary});
}

void ControlForm::setRelevant(const QString& key, bool relevant) {
  for (Row& r : rows_)
    if (r.key == key) r.relevant = relevant;
  updateVisibility();
}

void ControlForm::setHidden(const QSet<QString>& hidden, bool presentation) {
  hidden_ = hidden;
  presentation_ = presentation;
  updateVisibility();
}

QStringList ControlForm::keys() const {
  QStringList k;
  for (const Row& r : rows_) k << r.key;
  return k;
}

QWidget* ControlForm::field(const QString& key) const {
  for (const Row& r : rows_)
    if (r.key == key) return r.field;
  return nullptr;
}

void ControlForm::updateVisibility() {
  bool any = false;
  for (const Row& r : rows_) {
    const bool visible = r.relevant && !hidden_.contains(r.key) && !(presentation_ && r.secondary);
    form_->setRowVisible(r.field, visible);
    any = any || visible;
  }
  setVisible(any);  // a group with nothing left to show takes no room
}

}  // namespace losslab
