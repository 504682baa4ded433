#pragma once
// Run → Compare with a changed setting: which setting the compared run changes and its value,
// offered with a value worth comparing (5× the rate, the other precision, …) and checked before
// the dialog closes, so that a value that does not read is said at once.
#include <QDialog>

#include "document/setting_change.hpp"

class QComboBox;
class QLabel;

namespace losslab {

class CompareDialog : public QDialog {
  Q_OBJECT

 public:
  CompareDialog(const ExperimentConfig& base, QWidget* parent = nullptr);

  SettingChange change() const;
  QComboBox* settingBox() const { return setting_; }
  QComboBox* valueBox() const { return value_; }  // editable for numbers, a list for choices
  QLabel* message() const { return message_; }

  void accept() override;  // only a change that reads

 private:
  void showSetting();
  void showPreview();

  ExperimentConfig base_;
  QComboBox* setting_;
  QComboBox* value_;
  QLabel* message_;
};

}  // namespace losslab
