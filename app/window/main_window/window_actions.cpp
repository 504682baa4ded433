#include "main_window/window_actions.hpp"

#include <QAction>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>
#include <QUndoStack>

namespace losslab {

WindowActions::WindowActions(QMainWindow* window, QUndoStack* undoStack) : QObject(window), window_(window) {
  QStyle* style = window->style();
  playPause = make(tr("Play"), tr("Train continuously, or pause (Space)"));
  playPause->setIcon(style->standardIcon(QStyle::SP_MediaPlay));
  playPause->setShortcut(Qt::Key_Space);
  step = make(tr("Step"), tr("Take exactly one optimizer step, then pause (S or Right arrow)"));
  step->setIcon(style->standardIcon(QStyle::SP_MediaSkipForward));
  step->setShortcuts({QKeySequence(Qt::Key_S), QKeySequence(Qt::Key_Right)});
  stepEpoch = make(tr("Epoch"), tr("Train one epoch (one pass over the training set: one step for "
                                   "full-batch GD), then pause (Shift+S or Shift+Right)"));
  stepEpoch->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_S), QKeySequence(Qt::SHIFT | Qt::Key_Right)});
  reset = make(tr("Reset"), tr("Back to step 0 with the same seed: the same initial weights and the "
                               "same run again (R)"));
  reset->setIcon(style->standardIcon(QStyle::SP_BrowserReload));
  reset->setShortcut(Qt::Key_R);
  newSeed = make(tr("New seed"), tr("Start again from step 0 with the next seed: new data and new "
                                    "initial weights (N; undo with Ctrl+Z)"));
  newSeed->setShortcut(Qt::Key_N);
  compare = make(tr("Compare with a changed setting…"),
                 tr("Compare with a changed setting: a second run of this experiment from step 0 with "
                    "the same seed and one setting changed trains alongside this run, drawn over it in "
                    "its own colour (Ctrl+D)"));
  compare->setIconText(tr("Compare…"));  // the toolbar's short name; the Run menu says it all
  compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));

  undo = undoStack->createUndoAction(window, tr("Undo"));
  undo->setShortcut(QKeySequence::Undo);
  undo->setIcon(style->standardIcon(QStyle::SP_ArrowBack));
  redo = undoStack->createRedoAction(window, tr("Redo"));
  redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
  redo->setIcon(style->standardIcon(QStyle::SP_ArrowForward));
  window->addActions({undo, redo});
  restoreDefaults = make(tr("Restore &defaults"), tr("Back to the default preset, layout and settings"));

  logLoss = make(tr("Log loss"), tr("Logarithmic loss axis: shows progress once the loss is small (L)"));
  logLoss->setCheckable(true);
  logLoss->setShortcut(Qt::Key_L);
  logCurvature = make(tr("Log curvature"), tr("Logarithmic axis for the sharpness and trace: curvature "
                                              "that grows by orders of magnitude stays readable (Shift+L)"));
  logCurvature->setCheckable(true);
  logCurvature->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_L));
  effectiveTime = make(tr("Effective time axis"),
                       tr("Time-series views against effective time t = Σ η (steps × η at a constant rate) instead of "
                          "steps: runs with different learning rates line up where they follow the same gradient "
                          "flow (T)"));
  effectiveTime->setCheckable(true);
  effectiveTime->setShortcut(Qt::Key_T);
  presentation = make(tr("Presentation mode"), tr("Full screen, larger text and lines for a projector, "
                                                  "secondary controls hidden (F11)"));
  presentation->setCheckable(true);
  presentation->setShortcut(Qt::Key_F11);
  const int keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5};
  for (int key : keys) {
    showView.push_back(make(QString()));
    showView.back()->setShortcut(QKeySequence(Qt::CTRL | key));
  }

  openSession = make(tr("&Open session…"), tr("Continue a saved run where it stood, with its history, "
                                              "checkpoints and pictures (Ctrl+O)"));
  openSession->setShortcut(QKeySequence::Open);
  saveSession = make(tr("&Save session"), tr("The run with its history, checkpoints and pictures in a "
                                             ".losslab file (Ctrl+S)"));
  saveSession->setShortcut(QKeySequence::Save);
  saveSessionAs = make(tr("Save session &as…"));
  saveSessionAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  openExperiment = make(tr("&Open experiment…"), tr("Settings only, from step 0 (Ctrl+Shift+O)"));
  openExperiment->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  saveExperiment = make(tr("Save &experiment as…"));
  savePreset = make(tr("Save as &preset…"));
  importModel = make(tr("&Import model…"));
  exportModel = make(tr("Export &model…"));
  exportFigure = make(tr("&Export figure…"), tr("The current view as PDF, SVG or PNG with its data (Ctrl+E)"));
  exportFigure->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  exportAllViews = make(tr("Export &all views…"));
  quit = make(tr("&Quit"));
  quit->setShortcut(QKeySequence::Quit);

  sweeps = make(tr("&Sweeps and phase diagrams…"));
  shortcuts = make(tr("&Keyboard shortcuts"));
  shortcuts->setShortcut(QKeySequence::HelpContents);
  about = make(tr("&About LossLab"));
}

QAction* WindowActions::make(const QString& text, const QString& toolTip) {
  auto* action = new QAction(text, window_);
  if (!toolTip.isEmpty()) action->setToolTip(toolTip);
  window_->addAction(action);  // its shortcut works in presentation mode too, without the menus
  return action;
}

QToolBar* WindowActions::addRunToolBar(QWidget* pace) {
  QToolBar* bar = window_->addToolBar(tr("Run"));
  bar->setObjectName(QStringLiteral("runToolBar"));
  bar->setMovable(false);
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->setIconSize(QSize(24, 24));
  bar->addActions({playPause, step, stepEpoch, reset, newSeed});
  bar->addWidget(pace);
  bar->addAction(compare);
  bar->addSeparator();
  bar->addActions({undo, redo});
  bar->addSeparator();
  bar->addActions({logLoss, logCurvature, presentation});
  return bar;
}

void WindowActions::addMenus(const QStringList& views) {
  QMenuBar* bar = window_->menuBar();
  QMenu* file = bar->addMenu(tr("&File"));
  file->addActions({openSession, saveSession, saveSessionAs});
  file->addSeparator();
  file->addActions({openExperiment, saveExperiment, savePreset});
  file->addSeparator();
  file->addActions({importModel, exportModel});
  file->addSeparator();
  file->addActions({exportFigure, exportAllViews});
  file->addSeparator();
  file->addAction(quit);

  QMenu* edit = bar->addMenu(tr("&Edit"));
  edit->addActions({undo, redo});
  edit->addSeparator();
  edit->addAction(restoreDefaults);

  QMenu* run = bar->addMenu(tr("&Run"));
  run->addActions({playPause, step, stepEpoch, reset, newSeed});
  run->addSeparator();
  run->addAction(compare);
  removeCompared = run->addMenu(tr("Remove compared run"));

  QMenu* view = bar->addMenu(tr("&View"));
  for (std::size_t i = 0; i < showView.size() && i < std::size_t(views.size()); ++i) {
    showView[i]->setText(views[int(i)]);
    view->addAction(showView[i]);
  }
  view->addSeparator();
  view->addActions({logLoss, logCurvature, effectiveTime, presentation});

  bar->addMenu(tr("&Tools"))->addAction(sweeps);
  QMenu* help = bar->addMenu(tr("&Help"));
  help->addActions({shortcuts, about});
}

void WindowActions::showPlaying(bool playing) {
  playPause->setText(playing ? tr("Pause") : tr("Play"));
  playPause->setIcon(window_->style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

QString WindowActions::shortcutsTable() {
  return tr("<table cellpadding=3>"
            "<tr><td><b>Ctrl+O</b> / <b>Ctrl+S</b> / <b>Ctrl+Shift+S</b></td><td>open / save / save as a session</td></tr>"
            "<tr><td><b>Ctrl+Shift+O</b></td><td>open an experiment</td></tr>"
            "<tr><td><b>Space</b></td><td>play / pause</td></tr>"
            "<tr><td><b>S</b> or <b>→</b></td><td>one step</td></tr>"
            "<tr><td><b>Shift+S</b> or <b>Shift+→</b></td><td>one epoch</td></tr>"
            "<tr><td><b>R</b></td><td>reset to step 0, same seed</td></tr>"
            "<tr><td><b>N</b></td><td>new seed</td></tr>"
            "<tr><td><b>Ctrl+D</b></td><td>compare with a changed setting</td></tr>"
            "<tr><td><b>Ctrl+Z</b> / <b>Ctrl+Shift+Z</b></td><td>undo / redo a change</td></tr>"
            "<tr><td><b>L</b> / <b>Shift+L</b></td><td>log loss / log curvature axis</td></tr>"
            "<tr><td><b>T</b></td><td>steps or effective time t = Σ η along the time axes</td></tr>"
            "<tr><td><b>Ctrl+1</b> … <b>Ctrl+5</b></td><td>training, sharpness, spectrum, landscape, collapse</td></tr>"
            "<tr><td><b>Ctrl+E</b></td><td>export the current view's figure</td></tr>"
            "<tr><td><b>F11</b></td><td>presentation mode</td></tr>"
            "<tr><td><b>F1</b></td><td>this table</td></tr>"
            "<tr><td><b>Ctrl+Q</b></td><td>quit (asks first if the run is not saved)</td></tr></table>");
}

}  // namespace losslab
