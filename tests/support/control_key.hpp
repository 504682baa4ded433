#pragma once
// Window tests reach a control by its key ("optimizer.lr", "tracking.sharpness_every"), the name
// a preset hides it by, rather than by a chain of getters that knows how the panels are nested.
// A control carries its key as its object name and "controlKey" property (ControlForm's rows,
// setControlKey). A key that is missing, or names a control of another type, fails the test with
// the key and the keys there are.
#include <QStringList>
#include <QTest>
#include <QWidget>
#include <source_location>
#include <stdexcept>

namespace losslab::testing {

// The keys of the controls under `root`, sorted (a row's label carries the key but not the name).
inline QStringList controlKeys(const QWidget& root) {
  QStringList keys;
  for (const QWidget* w : root.findChildren<QWidget*>())
    if (const QString key = w->property("controlKey").toString(); !key.isEmpty() && key == w->objectName())
      keys << key;
  keys.sort();
  return keys;
}

// The control keyed `key` under `root` as a T: the control itself, or the one T inside it when
// the row is a composite (the seed's box beside "New seed", a slider's QSlider).
template <class T>
T* control(const QWidget& root, const QString& key,
           std::source_location at = std::source_location::current()) {
  QList<QWidget*> found;
  for (QWidget* w : root.findChildren<QWidget*>(key))
    if (w->property("controlKey").toString() == key) found << w;
  QString why;
  if (found.size() == 1) {
    if (auto* typed = qobject_cast<T*>(found.front())) return typed;
    const auto inside = found.front()->findChildren<T*>();
    if (inside.size() == 1) return inside.front();
    why = QStringLiteral("control \"%1\" is a %2 with %3 %4 inside")
              .arg(key, QString::fromLatin1(found.front()->metaObject()->className()))
              .arg(inside.size())
              .arg(QString::fromLatin1(T::staticMetaObject.className()));
  } else {
    why = QStringLiteral("%1 controls \"%2\" under %3; its keys: %4")
              .arg(found.size())
              .arg(key, QString::fromLatin1(root.metaObject()->className()), controlKeys(root).join(", "));
  }
  QTest::qFail(qPrintable(why), at.file_name(), int(at.line()));
  // The caller goes on to use the control: end the test here rather than at a null pointer.
  throw std::runtime_error(why.toStdString());
}

}  // namespace losslab::testing
