// The window drives a real training run: its controls and keyboard act on the engine, its views
// and status bar follow the run, and data or architecture changes restart it.
#include <QAction>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QSpinBox>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QComboBox>
#include <QLabel>
#include <QSlider>
#include <QUndoStack>
#include <QtTest>

#include "control_key.hpp"
#include "controls/experiment_controls.hpp"
#include "controls/input_form.hpp"
#include "controls/layer_list_editor.hpp"
#include "losslab/config/mlp_shortcut.hpp"
#include "losslab/config/model_network.hpp"
#include "document/run_document.hpp"
#include "losslab/widgets/decision_surface_view.hpp"
#include "losslab/widgets/log_slider.hpp"
#include "losslab/widgets/loss_curve_view.hpp"
#include "losslab/widgets/run_status_bar.hpp"
#include "losslab/widgets/value_slider.hpp"
#include "main_window_fixture.hpp"
#include "sanitized.hpp"
#include "tabs/training_tab.hpp"

using namespace losslab;
using namespace losslab::testing;

class MainWindowTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() {
    clearSettings();
    window_ = openWindow();
    QVERIFY(window_);
  }
  void cleanup() { window_.reset(); }

  void showsTheDefaultPresetPausedAtStepZero() {
    QCOMPARE(window_->windowTitle(), QString("Untitled[*] — LossLab"));  // no session file yet
    QVERIFY(!window_->isWindowModified());  // nothing to save at step 0
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 0); }));
    ExperimentControls* c = window_->controls();
    QCOMPARE(control<QComboBox>(*c, "data.kind")->currentData().toString(), QString("spiral"));
    QCOMPARE(control<ValueSlider>(*c, "model.depth")->value(), 2.0);
    QCOMPARE(control<ValueSlider>(*c, "model.hidden.0")->value(), 16.0);
    QCOMPARE(control<LogSlider>(*c, "optimizer.lr")->value(), 0.1);
    QCOMPARE(window_->runStatus()->stateLabel()->text(), QString("paused"));
    QVERIFY(c->networkLabel()->text().startsWith(QString("2 → 16 → 16 → 2")));
    // Every control says what it does.
    for (const QString& key : c->controlKeys())
      QVERIFY2(!control<QWidget>(*c, key)->toolTip().isEmpty(), qPrintable(key));
    QVERIFY(c->controlKeys().size() >= 30);
  }

  void playMovesTheViewsAtABoundedFrameRate() {
    window_->play();
    QCOMPARE(window_->actions()->playPause->text(), QString("Pause"));
    const int before = window_->lossCurve()->redrawCount();
    QTest::qWait(1500 * test::kTimeScale);  // a frame rate is redraws over a stretch of time
    const SnapshotPtr s = window_->bridge()->latest();
    QVERIFY(s->state == RunStatus::Running);
    QVERIFY(s->step > 100);
    QVERIFY(window_->lossCurve()->trainGraph()->dataCount() > 10);
    QVERIFY(window_->lossCurve()->trainAccuracyGraph()->dataCount() > 10);
    const int redraws = window_->lossCurve()->redrawCount() - before;
    QVERIFY2(redraws >= 5 && redraws <= 60 * test::kTimeScale, qPrintable(QString::number(redraws)));  // ~30 a second
    QCOMPARE(window_->runStatus()->stateLabel()->text(), QString("running"));
    QVERIFY(window_->runStatus()->epochLabel()->text().startsWith(QString("epoch")));
    // The decision surface follows the run.
    QVERIFY(QTest::qWaitFor([&] { return window_->trainingTab()->predictionsShown() >= 2; }, 5000));
    QVERIFY(window_->trainingTab()->surface()->prediction());
    QCOMPARE(window_->trainingTab()->surface()->trainPointCount(), 480);
    QCOMPARE(window_->trainingTab()->surface()->testPointCount(), 120);
  }

  void keyboardPlaysPausesStepsAndResets() {
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 0); }));
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    QTest::keyClick(window_.get(), Qt::Key_S);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 1); }));
    QTest::keyClick(window_.get(), Qt::Key_Right);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 2); }));
    QTest::keyClick(window_.get(), Qt::Key_S, Qt::ShiftModifier);  // one epoch: one GD step
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 3); }));
    const double firstLoss = window_->bridge()->latest()->history->front().trainLoss;

    QTest::keyClick(window_.get(), Qt::Key_Space);
    QVERIFY(window_->bridge()->isPlaying());
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return s.step > 50; }));
    QTest::keyClick(window_.get(), Qt::Key_Space);
    QVERIFY(!window_->bridge()->isPlaying());
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return s.state == RunStatus::Paused; }));

    QTest::keyClick(window_.get(), Qt::Key_R);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 0); }));
    window_->actions()->step->trigger();
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 1); });
    QVERIFY(s);
    QCOMPARE(s->history->front().trainLoss, firstLoss);  // the same run again
  }

  void anEpochOfMinibatchesIsCeilNOverBSteps() {
    auto* kind = control<QComboBox>(*window_, "optimizer.kind");
    kind->setCurrentIndex(kind->findData(QString("sgd")));
    Q_EMIT kind->activated(kind->currentIndex());  // SGD, batch 32 by default
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return s.config.optimizer.batchSize == 32; }));
    window_->actions()->stepEpoch->trigger();  // 480 training samples: 15 batches of 32
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 15); }));
    QCOMPARE(window_->bridge()->latest()->epoch, 1.0);
  }

  void learningRateSliderChangesTheRateOfTheNextStep() {
    window_->actions()->step->trigger();
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 1); }));
    auto* rate = control<LogSlider>(*window_, "optimizer.lr");
    rate->slider()->setValue(rate->slider()->value() - 50);  // half a decade down (100 positions a decade)
    QCOMPARE(rate->value(), 0.0316);
    window_->actions()->step->trigger();
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 2); });
    QVERIFY(s);
    QCOMPARE(s->config.optimizer.lr, 0.0316);
    QCOMPARE(s->history->front().lr, 0.1);
    QCOMPARE(s->history->back().lr, 0.0316);
  }

  void aFocusedSliderKeepsItsArrowKeys() {
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 0); }));
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    auto* rate = control<QSlider>(*window_, "optimizer.lr");
    rate->setFocus();
    const int before = rate->value();
    // A step is commanded (and `stepped` emitted) inside the key's own delivery, if at all.
    QSignalSpy stepped(window_->bridge(), &RunBridge::stepped);
    QTest::keyClick(rate, Qt::Key_Right);
    QCOMPARE(rate->value(), before + rate->singleStep());
    QCOMPARE(stepped.count(), 0);  // no step commanded
    QCOMPARE(window_->bridge()->latest()->step, 0L);
    QTest::keyClick(rate, Qt::Key_S);  // other shortcuts still work
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 1); }));
  }

  void dataSetAndWidthRestartTheRunOncePerDrag() {
    window_->play();
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return s.step > 100; }, 5000 * test::kTimeScale));
    auto* kind = control<QComboBox>(*window_, "data.kind");
    kind->setFocus();
    QTest::keyClick(kind, Qt::Key_Down);  // spiral -> circles, as a user would
    QCOMPARE(kind->currentData().toString(), QString("circles"));
    QVERIFY(waitFor(*window_, [](const Snapshot& s) {
      return s.config.data.kind == "circles" && s.state == RunStatus::Running;
    }));

    auto* width = control<QSlider>(*window_, "model.hidden.0");
    const SnapshotPtr before = window_->bridge()->latest();
    width->setSliderDown(true);  // a drag: press, move, move, release
    width->setValue(width->value() - 1);
    width->setValue(width->value() - 1);
    width->setSliderDown(false);
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) {
      return plainMlp(s.network)->layers == std::vector<int>({2, 10, 16, 2});
    });
    QVERIFY(s);
    QCOMPARE(s->config.data.kind, std::string("circles"));
    QVERIFY(plainMlp(before->network)->layers != plainMlp(s->network)->layers);
  }

  void skipConnectionsAndTheEditorMakeLayerLists() {
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 0); }));
    auto* skip = control<QCheckBox>(*window_, "model.skip");
    QVERIFY(!skip->isChecked());
    skip->click();  // 2 -> 16 tanh -> skip[16 tanh] -> 2
    SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) {
      return s.network.layers.size() == 4 && s.network.layers[2].kind == LayerKind::Residual;
    });
    QVERIFY(s);
    QCOMPARE(s->config.model.kind, std::string("network"));
    QVERIFY(window_->controls()->networkLabel()->text().contains("skip[16 tanh]"));
    // The decision surface is the list's as well.
    const int shown = window_->trainingTab()->predictionsShown();
    window_->bridge()->step(2);
    QVERIFY(QTest::qWaitFor([&] { return window_->trainingTab()->predictionsShown() > shown; }, 5000));
    QVERIFY(window_->trainingTab()->surface()->prediction());
    // The classroom's sliders still act on the list: a third layer is a block too.
    auto* depth = control<ValueSlider>(*window_, "model.depth");
    depth->slider()->setValue(depth->nearestIndex(3));
    QVERIFY(waitFor(*window_, [](const Snapshot& s) {
      return s.network.layers.size() == 5 && s.network.layers[3].kind == LayerKind::Residual;
    }));
    QVERIFY(skip->isChecked());
    window_->document()->undoStack()->undo();
    window_->document()->undoStack()->undo();  // back to the MLP
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return s.config.model.kind == "mlp" && plainMlp(s.network); }));
    QVERIFY(!skip->isChecked());

    // The editor: a LayerNorm before the output layer, with nothing selected.
    auto* editor = window_->controls()->findChild<LayerListEditor*>();
    QVERIFY(editor);
    QToolButton* add = nullptr;
    for (QToolButton* b : editor->findChildren<QToolButton*>())
      if (b->text() == "Add") add = b;
    QVERIFY(add && add->menu());
    add->menu()->actions().at(2)->trigger();  // [dense, act, dense, act, LN, dense]
    s = waitFor(*window_, [](const Snapshot& s) {
      return s.network.layers.size() == 6 && s.network.layers[4].kind == LayerKind::LayerNorm;
    });
    QVERIFY(s);
    QVERIFY(!skip->isEnabled() || !control<QWidget>(*window_, "model.skip")->isVisible());  // not the shortcut's shape
    // A block whose body changes the width is refused, named, and undone: the run keeps its list.
    auto* tree = editor->findChild<QTreeWidget*>();
    tree->setCurrentItem(tree->topLevelItem(0));  // the first dense layer
    add->menu()->actions().at(3)->trigger();      // a residual block after it
    QVERIFY(waitFor(*window_, [](const Snapshot& s) {
      return s.network.layers.size() == 7 && s.network.layers[1].kind == LayerKind::Residual;
    }));
    QTreeWidgetItem* bodyDense = tree->topLevelItem(1)->child(0);
    QVERIFY(bodyDense);
    tree->setCurrentItem(bodyDense);
    auto* width = control<QSpinBox>(*window_, "model.layers.width");
    QCOMPARE(width->value(), 16);
    width->setValue(8);
    QTRY_VERIFY_WITH_TIMEOUT(window_->statusBar()->currentMessage().contains("changes the width"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(window_->document()->config().model.layers[1].body[0].layer.out, 16, 5000);
    // The dense layer's bias: off in the list, and the run's parameters lose that b.
    tree->setCurrentItem(tree->topLevelItem(1)->child(0));
    const Index before = window_->bridge()->latest()->parameters.size();
    auto* bias = control<QCheckBox>(*window_, "model.layers.bias");
    QVERIFY(bias->isChecked());
    bias->click();
    QVERIFY(waitFor(*window_, [before](const Snapshot& s) { return s.parameters.size() == before - 16; }));
    QVERIFY(!window_->document()->config().model.layers[1].body[0].layer.bias);
    // Its init scale: the file's per-layer init_scale, shown in the list; the run starts again with
    // it; 0 gives the layer back to the model's scale; a LayerNorm has none to set.
    tree->setCurrentItem(tree->topLevelItem(1)->child(0));
    auto* initScale = control<QDoubleSpinBox>(*window_, "model.layers.init_scale");
    QVERIFY(!initScale->isHidden());
    QCOMPARE(initScale->value(), 0.0);
    initScale->setValue(1.732);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return s.config.model.layers[1].body[0].initScale == 1.732; }));
    QVERIFY(tree->topLevelItem(1)->child(0)->text(1).contains(QString::fromUtf8("init ×1.732")));
    tree->setCurrentItem(tree->topLevelItem(1)->child(0));
    initScale->setValue(0.0);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return !s.config.model.layers[1].body[0].initScale; }));
    tree->setCurrentItem(tree->topLevelItem(5));  // the LayerNorm
    QVERIFY(initScale->isHidden());
  }

  void editorOperationsOnAnyList() {
    ModelConfig m;  // 2 -> 16 tanh -> 16 tanh -> out
    m.hidden = {16, 16};
    std::vector<LayerConfig> list = layerList(m);
    using E = LayerListEditor;
    // Into a selected block, after a selected layer, before the output with nothing selected.
    E::Path at = E::addLayer(list, {}, E::NewLayer::Residual, Activation::Relu);
    QCOMPARE(at, E::Path({4}));
    QCOMPARE(list[4].body.size(), size_t(2));
    QCOMPARE(list[4].body[0].layer.out, 16);  // the width flowing there
    at = E::addLayer(list, {4}, E::NewLayer::LayerNorm, Activation::Relu);
    QCOMPARE(at, E::Path({4, 2}));
    at = E::moveLayer(list, at, -2);
    QCOMPARE(at, E::Path({4, 0}));
    QVERIFY(list[4].body[0].layer.kind == LayerKind::LayerNorm);
    QCOMPARE(E::moveLayer(list, at, -1), at);  // the first stays first
    at = E::removeLayer(list, {4, 2});
    QCOMPARE(at, E::Path({4, 1}));
    QCOMPARE(list[4].body.size(), size_t(2));
    at = E::addLayer(list, {0}, E::NewLayer::Dense, Activation::Gelu);  // a dense layer with its activation
    QCOMPARE(at, E::Path({1}));
    QVERIFY(list[1].layer.kind == LayerKind::Linear && list[2].layer.fn == Activation::Gelu);
    QCOMPARE(list.size(), size_t(8));
    validateLayers(list);
  }

  // The editor's Add menu builds CNNs and transformers (issue #17): a convolution with its
  // activation, pooling, flatten; attention as a residual block, a transformer block as attention
  // and an MLP of four times the width, each residual, pre-norm with LayerNorm.
  void editorBuildsCnnsAndTransformers() {
    using E = LayerListEditor;
    std::vector<LayerConfig> cnn(1);  // the output layer
    E::Path at = E::addLayer(cnn, {}, E::NewLayer::Convolution, Activation::Relu);
    QCOMPARE(at, E::Path({0}));
    at = E::addLayer(cnn, {1}, E::NewLayer::MaxPool, Activation::Relu);
    at = E::addLayer(cnn, at, E::NewLayer::Flatten, Activation::Relu);
    QCOMPARE(cnn.size(), size_t(5));
    QVERIFY(cnn[0].layer.kind == LayerKind::Conv2d && cnn[0].layer.kernel == 3 && cnn[0].layer.padding == 1);
    QVERIFY(cnn[2].layer.kind == LayerKind::MaxPool2d && cnn[3].layer.kind == LayerKind::Flatten);
    ModelConfig m;
    m.kind = "network";
    m.layers = cnn;
    QCOMPARE(networkFor(m, NetworkInput{64, {1, 8, 8}, 0}, 10).network.outputDim(), 10);

    std::vector<LayerConfig> tr(3);  // embedding, select, the output layer
    tr[0].layer.kind = LayerKind::Embedding;
    tr[0].layer.dim = 12;
    tr[1].layer.kind = LayerKind::Select;
    at = E::addLayer(tr, {0}, E::NewLayer::Transformer, Activation::Relu);
    QCOMPARE(at, E::Path({1}));
    QVERIFY(tr[1].body[0].layer.kind == LayerKind::Attention && tr[1].body[0].layer.heads == 4);
    QCOMPARE(tr[2].body[0].layer.out, 48);
    QCOMPARE(tr[2].body[2].layer.out, 12);
    // After the embedding again (a selected block would take the new layers into its body).
    at = E::addLayer(tr, {0}, E::NewLayer::TransformerLayerNorm, Activation::Gelu);
    QCOMPARE(tr.size(), size_t(7));
    QVERIFY(tr[1].body[0].layer.kind == LayerKind::LayerNorm && tr[2].body[0].layer.kind == LayerKind::LayerNorm);
    QVERIFY(tr[1].body[1].layer.kind == LayerKind::Attention && tr[2].body[2].layer.fn == Activation::Gelu);
    m.layers = tr;
    const Network net = networkFor(m, NetworkInput{3, {}, 8}, 7).network;
    QCOMPARE(net.layers.size(), size_t(7));
    QVERIFY(net.layers.front().vocab == 8);
  }

  // The Data panel reads modular arithmetic as tokens and the digits as images; a model that
  // cannot take the new form changes with it, and the run starts (and trains) every time.
  void dataPanelSwitchesTokensAndImages() {
    ExperimentControls* c = window_->controls();
    auto* kind = control<QComboBox>(*c, "data.kind");
    auto* encoding = control<QComboBox>(*c, "data.encoding");
    auto* images = control<QComboBox>(*c, "data.shape");
    const auto choose = [](QComboBox* box, const QVariant& data) { Q_EMIT box->activated(box->findData(data)); };
    QVERIFY(!encoding->isVisibleTo(c) && !images->isVisibleTo(c));  // spiral: neither applies
    choose(kind, "modular");
    QTRY_VERIFY(encoding->isVisibleTo(c));
    choose(encoding, true);
    const ExperimentConfig& tokens = window_->document()->config();
    QCOMPARE(tokens.data.encoding, std::string("tokens"));
    QCOMPARE(tokens.model.kind, std::string("network"));
    QVERIFY(tokens.model.layers.front().layer.kind == LayerKind::Embedding);
    QVERIFY2(waitFor(*window_, [](const Snapshot& s) { return s.config.data.encoding == "tokens" && pausedAt(s, 0); }),
             qPrintable(window_->runStatus()->currentMessage()));
    window_->actions()->step->trigger();
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return s.config.data.encoding == "tokens" && pausedAt(s, 1); },
                    20000));
    // Another data set is read as vectors again, by the MLP of the model's own settings.
    choose(kind, "digits");
    QCOMPARE(window_->document()->config().data.encoding, std::string("one_hot"));
    QCOMPARE(window_->document()->config().model.kind, std::string("mlp"));
    QTRY_VERIFY(images->isVisibleTo(c) && !encoding->isVisibleTo(c));
    choose(images, true);
    QCOMPARE(window_->document()->config().data.shape, std::vector<int>({1, 8, 8}));
    QVERIFY2(waitFor(*window_, [](const Snapshot& s) { return !s.config.data.shape.empty() && pausedAt(s, 0); }),
             qPrintable(window_->runStatus()->currentMessage()));
    window_->actions()->step->trigger();
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return !s.config.data.shape.empty() && pausedAt(s, 1); }));
    QVERIFY(window_->document()->undoStack()->canUndo());  // each switch is one undoable edit

    // A layer list starting with a dense layer gets a Flatten before it, and loses it again.
    ExperimentConfig list = window_->document()->config();
    list.model.layers = layerList(list.model);
    list.model.kind = "network";
    setImageInput(list, true);
    QVERIFY(list.model.layers.front().layer.kind == LayerKind::Flatten);
    setImageInput(list, false);
    QVERIFY(list.model.layers.front().layer.kind == LayerKind::Linear && list.data.shape.empty());
    // A CNN becomes an MLP when its data stops being images; an imported network is left alone.
    list.model.layers.insert(list.model.layers.begin(), LayerConfig{});
    list.model.layers.front().layer.kind = LayerKind::Conv2d;
    setImageInput(list, false);
    QCOMPARE(list.model.kind, std::string("mlp"));
    list.model.file = "imported.json";
    setTokenInput(list, true);
    QCOMPARE(list.model.kind, std::string("mlp"));
  }

  void optimizerSettingsActWithoutARestart() {
    window_->actions()->step->trigger();
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 1); }));
    auto* momentum = control<ValueSlider>(*window_, "optimizer.momentum");
    momentum->slider()->setValue(momentum->nearestIndex(0.9));
    window_->actions()->step->trigger();
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 2); });
    QVERIFY(s);  // step 2 of the same run: no restart
    QCOMPARE(s->config.optimizer.momentum, 0.9);
  }

  // Network → "Train in subspace": a new run training d coordinates; too many is refused by name.
  void theSubspaceBoxTrainsInARandomSubspace() {
    window_->actions()->step->trigger();
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 1); }));
    auto* box = control<QSpinBox>(*window_, "subspace.dim");
    QCOMPARE(box->value(), 0);
    QCOMPARE(box->text(), QString("all parameters"));
    box->setValue(30);
    QCOMPARE(window_->document()->config().subspace.dim, 30L);
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return s.config.subspace.dim == 30 && pausedAt(s, 0); }));
    window_->actions()->step->trigger();  // a new run, stepping
    const SnapshotPtr s = waitFor(*window_, [](const Snapshot& s) { return s.config.subspace.dim == 30 && pausedAt(s, 1); });
    QVERIFY(s);
    QVERIFY(std::isfinite(s->history->back().trainLoss));
    box->setValue(100000);  // more than the network's parameters
    QTRY_COMPARE(window_->document()->config().subspace.dim, 30L);
    QVERIFY2(window_->runStatus()->currentMessage().contains("subspace.dim"),
             qPrintable(window_->runStatus()->currentMessage()));
  }

  void aValueTheEngineRejectsIsUndoneWithAMessage() {
    QVERIFY(waitFor(*window_, [](const Snapshot& s) { return pausedAt(s, 0); }));
    window_->document()->edit("Adam ε", "optimizer.eps", [](ExperimentConfig& c) { c.optimizer.eps = -1; });
    QTRY_COMPARE(window_->document()->config().optimizer.eps, 1e-8);  // back to the value in force
    QVERIFY(!window_->document()->undoStack()->canUndo());
    QVERIFY2(window_->runStatus()->currentMessage().contains("optimizer.eps"),
             qPrintable(window_->runStatus()->currentMessage()));
  }

  void logScaleActionSwitchesTheLossAxis() {
    QVERIFY(!window_->lossCurve()->logScale());
    window_->actions()->logLoss->trigger();
    QVERIFY(window_->lossCurve()->logScale());
  }

 private:
  std::unique_ptr<MainWindow> window_;
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
