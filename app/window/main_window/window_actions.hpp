#pragma once
// The main window's commands (as LabPlot's ActionsManager): each action with its text, icon,
// shortcut and a tooltip saying what it does, and where it sits — the run toolbar and the
// menus. What an action does is MainWindow's (main_window_actions.cpp connects them), so a
// shortcut, a menu entry or the shortcuts table is found here, in one file.
#include <QObject>
#include <QStringList>
#include <vector>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;
class QUndoStack;

namespace losslab {

class WindowActions : public QObject {
  Q_OBJECT

 public:
  // Every action, parented to `window` and active there (also with the menu bar hidden).
  WindowActions(QMainWindow* window, QUndoStack* undo);

  // The run toolbar: play … new seed, then `pace` (the steps-per-frame box), compare, undo and
  // redo, the log axes and presentation mode.
  QToolBar* addRunToolBar(QWidget* pace);
  // The menu bar; View lists the views (the tabs' names, Ctrl+1…) before the display toggles.
  void addMenus(const QStringList& views);
  void showPlaying(bool playing);  // Play ⇄ Pause, text and icon
  static QString shortcutsTable();  // Help → Keyboard shortcuts, as rich text

  // Run
  QAction* playPause;
  QAction* step;
  QAction* stepEpoch;
  QAction* reset;
  QAction* newSeed;
  QAction* compare;
  QMenu* removeCompared = nullptr;  // filled by MainWindow as the compared runs come and go
  // Edit
  QAction* undo;
  QAction* redo;
  QAction* restoreDefaults;
  // View
  QAction* logLoss;
  QAction* logCurvature;
  QAction* effectiveTime;  // the time-series views' axis: steps or t = Σ η (T)
  QAction* presentation;
  std::vector<QAction*> showView;  // Ctrl+1 … Ctrl+5, in the tabs' order
  // File
  QAction* openSession;
  QAction* saveSession;
  QAction* saveSessionAs;
  QAction* openExperiment;
  QAction* saveExperiment;
  QAction* savePreset;
  QAction* importModel;
  QAction* exportModel;
  QAction* exportFigure;
  QAction* exportAllViews;
  QAction* quit;
  // Tools and Help
  QAction* sweeps;
  QAction* shortcuts;
  QAction* about;

 private:
  QAction* make(const QString& text, const QString& toolTip = {});

  QMainWindow* window_;
};

}  // namespace losslab
