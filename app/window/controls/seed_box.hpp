#pragma once
// The seed's spin box. Any text may be typed; the value changes only on Enter (or leaving the
// box) and only to a whole number in range, otherwise the text is refused where it was typed
// and the box says why (issue #21: "abc-1e9xyz" was read as seed 19, restarting the run and
// wiping its history).
#include <QSpinBox>

namespace losslab {

class SeedBox : public QSpinBox {
  Q_OBJECT

 public:
  explicit SeedBox(QWidget* parent = nullptr);

 protected:
  QValidator::State validate(QString& text, int& pos) const override;

 private:
  void checkTyped();
};

}  // namespace losslab
