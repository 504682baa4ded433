#pragma once
// Answers the modal dialogs a window opens while it lives (window tests): a QMessageBox is read
// and accepted; any other dialog is handed to `answer`, which fills it in and accepts or rejects.
#include <QApplication>
#include <QMessageBox>
#include <QObject>
#include <QTimer>
#include <functional>

namespace losslab::testing {

class DialogAnswer : public QObject {
 public:
  explicit DialogAnswer(std::function<void(QWidget*)> answer = {}) : answer_(std::move(answer)) {
    connect(&timer_, &QTimer::timeout, this, [this] {
      QWidget* modal = QApplication::activeModalWidget();
      if (!modal) return;
      if (auto* box = qobject_cast<QMessageBox*>(modal)) {
        text = box->text();
        box->accept();
      } else if (answer_) {
        answer_(modal);
      }
    });
    timer_.start(20);
  }
  QString text;  // of the last message box

 private:
  std::function<void(QWidget*)> answer_;
  QTimer timer_;
};

}  // namespace losslab::testing
