#include "controls/layer_list_editor.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "controls/activation_box.hpp"
#include "controls/control_form.hpp"
#include "document/run_document.hpp"
#include "losslab/config/mlp_shortcut.hpp"

namespace losslab {

namespace {

using Path = LayerListEditor::Path;
constexpr int kPathRole = Qt::UserRole + 1;

std::vector<LayerConfig>* listAt(std::vector<LayerConfig>& root, const Path& path, size_t depth) {
  std::vector<LayerConfig>* list = &root;
  for (size_t i = 0; i < depth; ++i) {
    if (path[i] < 0 || size_t(path[i]) >= list->size()) return nullptr;
    list = &(*list)[size_t(path[i])].body;
  }
  return list;
}

// The width flowing into position `path`: the nearest linear layer's width before it, depth first.
int widthBefore(const std::vector<LayerConfig>& root, const Path& path) {
  int width = 0;
  const std::vector<LayerConfig>* list = &root;
  for (size_t depth = 0; depth < path.size(); ++depth) {
    for (int i = 0; i < path[depth] && i < int(list->size()); ++i) {
      const LayerConfig& c = (*list)[size_t(i)];
      if (c.layer.kind == LayerKind::Linear && c.layer.out > 0) width = c.layer.out;
      if (c.layer.kind == LayerKind::Embedding) width = c.layer.dim;
    }
    if (depth + 1 < path.size()) list = &(*list)[size_t(path[depth])].body;
  }
  return width > 0 ? width : 16;
}

LayerConfig make(LayerKind kind) {
  LayerConfig c;
  c.layer.kind = kind;
  return c;
}

QString describe(const LayerConfig& c, QString* setting) {
  const QString times = c.repeat > 1 ? QStringLiteral(" ×%1").arg(c.repeat) : QString();
  switch (c.layer.kind) {
    case LayerKind::Linear:
      *setting = c.layer.out > 0 ? QObject::tr("%1 wide").arg(c.layer.out) : QObject::tr("outputs");
      if (!c.layer.bias) *setting += QObject::tr(", no bias");
      return QObject::tr("Dense") + times;
    case LayerKind::Activation:
      *setting = QString::fromStdString(toString(c.layer.fn)).replace(u'_', u' ');
      return QObject::tr("Activation") + times;
    case LayerKind::LayerNorm:
      setting->clear();
      return QObject::tr("LayerNorm") + times;
    case LayerKind::Residual:
      *setting = QObject::tr("x + body(x)");
      return QObject::tr("Residual block") + times;
    case LayerKind::Conv2d:
      *setting = QObject::tr("%1 filters %2×%2, stride %3, padding %4")
                     .arg(c.layer.outChannels).arg(c.layer.kernel).arg(c.layer.stride).arg(c.layer.padding);
      if (!c.layer.bias) *setting += QObject::tr(", no bias");
      return QObject::tr("Convolution") + times;
    case LayerKind::AvgPool2d:
    case LayerKind::MaxPool2d:
      *setting = QObject::tr("%1×%1 windows").arg(c.layer.kernel);
      return (c.layer.kind == LayerKind::MaxPool2d ? QObject::tr("Max pooling") : QObject::tr("Average pooling")) + times;
    case LayerKind::Flatten:
      *setting = QObject::tr("image → vector");
      return QObject::tr("Flatten") + times;
    case LayerKind::Embedding:
      *setting = c.layer.vocab > 0 ? QObject::tr("%1 tokens → %2 wide").arg(c.layer.vocab).arg(c.layer.dim)
                                   : QObject::tr("the data's tokens → %1 wide").arg(c.layer.dim);
      return QObject::tr("Embedding") + times;
    case LayerKind::Positional:
      *setting = QObject::tr("learned, one per position");
      return QObject::tr("Positions") + times;
    case LayerKind::Attention:
      *setting = QObject::tr("%n head(s)", nullptr, c.layer.heads) + (c.layer.causal ? QObject::tr(", causal") : QString());
      return QObject::tr("Attention") + times;
    case LayerKind::Select:
      *setting = c.layer.position < 0 ? QObject::tr("position %1 from the end").arg(-c.layer.position)
                                      : QObject::tr("position %1").arg(c.layer.position);
      return QObject::tr("Select") + times;
  }
  return {};
}

void fill(QTreeWidgetItem* parent, QTreeWidget* tree, const std::vector<LayerConfig>& list, Path path) {
  path.push_back(0);
  for (size_t i = 0; i < list.size(); ++i) {
    path.back() = int(i);
    QString setting;
    const QString name = describe(list[i], &setting);
    if (list[i].initScale) setting += QObject::tr(" · init ×%1").arg(*list[i].initScale, 0, 'g', 4);
    auto* item = parent ? new QTreeWidgetItem(parent, {name, setting}) : new QTreeWidgetItem(tree, {name, setting});
    for (int column : {0, 1}) item->setToolTip(column, name + QStringLiteral(": ") + setting);  // the column elides
    item->setData(0, kPathRole, QVariant::fromValue(QList<int>(path.begin(), path.end())));
    if (list[i].layer.kind == LayerKind::Residual) fill(item, tree, list[i].body, path);
  }
}

QTreeWidgetItem* itemAt(QTreeWidget* tree, const Path& path) {
  QTreeWidgetItem* item = nullptr;
  for (size_t d = 0; d < path.size(); ++d) {
    const int count = item ? item->childCount() : tree->topLevelItemCount();
    if (path[d] < 0 || path[d] >= count) return item;
    item = item ? item->child(path[d]) : tree->topLevelItem(path[d]);
  }
  return item;
}

}  // namespace

Path LayerListEditor::addLayer(std::vector<LayerConfig>& root, const Path& selected, NewLayer kind, Activation fn) {
  // Into a selected block's body, at its end; else after the selected layer; with nothing selected,
  // before the output layer.
  Path at = selected;
  std::vector<LayerConfig>* list = nullptr;
  if (!at.empty()) {
    if (std::vector<LayerConfig>* parent = listAt(root, at, at.size() - 1);
        parent && size_t(at.back()) < parent->size() && (*parent)[size_t(at.back())].layer.kind == LayerKind::Residual) {
      list = &(*parent)[size_t(at.back())].body;
      at.push_back(int(list->size()));
    } else if (parent) {
      list = parent;
      at.back() = std::min(at.back() + 1, int(list->size()));
    }
  }
  if (!list) {
    list = &root;
    at = {std::max(0, int(root.size()) - 1)};
  }
  const int width = widthBefore(root, at);
  std::vector<LayerConfig> added;
  LayerConfig dense = make(LayerKind::Linear), act = make(LayerKind::Activation);
  dense.layer.out = width;
  act.layer.fn = fn;
  // Attention of this width: 4 heads where they divide it (Nanda et al.'s), else 2 or 1.
  LayerConfig attention = make(LayerKind::Attention);
  attention.layer.heads = width % 4 == 0 ? 4 : width % 2 == 0 ? 2 : 1;
  attention.layer.causal = true;
  LayerConfig selfAttention = make(LayerKind::Residual);
  selfAttention.body = {attention};
  switch (kind) {
    case NewLayer::Dense: added = {dense, act}; break;  // a dense layer with its activation, as a class thinks of it
    case NewLayer::Activation: added = {act}; break;
    case NewLayer::LayerNorm: added = {make(LayerKind::LayerNorm)}; break;
    case NewLayer::Residual: {
      LayerConfig block = make(LayerKind::Residual);
      block.body = {dense, act};
      added = {block};
      break;
    }
    case NewLayer::Convolution: {  // 8 filters of 3 x 3 that keep the image's size, and their activation
      LayerConfig conv = make(LayerKind::Conv2d);
      conv.layer.outChannels = 8;
      conv.layer.kernel = 3;
      conv.layer.padding = 1;
      added = {conv, act};
      break;
    }
    case NewLayer::MaxPool:
    case NewLayer::AvgPool: {
      LayerConfig pool = make(kind == NewLayer::MaxPool ? LayerKind::MaxPool2d : LayerKind::AvgPool2d);
      pool.layer.kernel = 2;
      added = {pool};
      break;
    }
    case NewLayer::Flatten: added = {make(LayerKind::Flatten)}; break;
    case NewLayer::Attention: added = {selfAttention}; break;
    case NewLayer::Transformer:
    case NewLayer::TransformerLayerNorm: {  // attention, then an MLP of 4x the width, each residual
      LayerConfig wide = dense, back = make(LayerKind::Linear), mlp = make(LayerKind::Residual);
      wide.layer.out = 4 * width;
      back.layer.out = width;
      mlp.body = {wide, act, back};
      if (kind == NewLayer::TransformerLayerNorm) {  // pre-norm, as GPT-2
        selfAttention.body.insert(selfAttention.body.begin(), make(LayerKind::LayerNorm));
        mlp.body.insert(mlp.body.begin(), make(LayerKind::LayerNorm));
      }
      added = {selfAttention, mlp};
      break;
    }
  }
  list->insert(list->begin() + at.back(), added.begin(), added.end());
  return at;
}

Path LayerListEditor::removeLayer(std::vector<LayerConfig>& root, const Path& selected) {
  if (selected.empty()) return {};
  std::vector<LayerConfig>* list = listAt(root, selected, selected.size() - 1);
  if (!list || size_t(selected.back()) >= list->size()) return selected;
  list->erase(list->begin() + selected.back());
  Path next = selected;
  if (list->empty()) next.pop_back();  // the block is selected (and now empty: the engine says so)
  else next.back() = std::min(next.back(), int(list->size()) - 1);
  return next;
}

Path LayerListEditor::moveLayer(std::vector<LayerConfig>& root, const Path& selected, int by) {
  if (selected.empty()) return {};
  std::vector<LayerConfig>* list = listAt(root, selected, selected.size() - 1);
  const int from = selected.back(), to = from + by;
  if (!list || from < 0 || to < 0 || size_t(from) >= list->size() || size_t(to) >= list->size()) return selected;
  std::swap((*list)[size_t(from)], (*list)[size_t(to)]);
  Path next = selected;
  next.back() = to;
  return next;
}

LayerListEditor::LayerListEditor(RunDocument* document, QWidget* parent) : QWidget(parent), document_(document) {
  tree_ = new QTreeWidget(this);
  tree_->setColumnCount(2);
  tree_->setHeaderLabels({tr("Layer"), tr("Setting")});
  tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  tree_->header()->setStretchLastSection(true);
  tree_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  tree_->setIndentation(14);
  tree_->setRootIsDecorated(true);
  tree_->setMinimumHeight(130);
  tree_->setToolTip(tr("The network's layers from input to output. A residual block adds its input to its body's "
                       "output (x + body(x)), so its body must keep the width. Select a layer to edit it; Delete "
                       "removes it, Alt+Up / Alt+Down move it. Ctrl+Z undoes any change."));

  add_ = new QToolButton(this);
  add_->setText(tr("Add"));
  add_->setPopupMode(QToolButton::InstantPopup);
  add_->setToolTip(tr("Add a layer after the selected one (into a selected residual block: at the end of its body)"));
  auto* menu = new QMenu(add_);
  const std::pair<QString, NewLayer> kinds[] = {{tr("Dense layer (with its activation)"), NewLayer::Dense},
                                                {tr("Activation"), NewLayer::Activation},
                                                {tr("LayerNorm"), NewLayer::LayerNorm},
                                                {tr("Residual block"), NewLayer::Residual},
                                                {QString(), NewLayer::Dense},
                                                {tr("Convolution 3×3 (with its activation)"), NewLayer::Convolution},
                                                {tr("Max pooling 2×2"), NewLayer::MaxPool},
                                                {tr("Average pooling 2×2"), NewLayer::AvgPool},
                                                {tr("Flatten (image → vector)"), NewLayer::Flatten},
                                                {QString(), NewLayer::Dense},
                                                {tr("Attention (residual)"), NewLayer::Attention},
                                                {tr("Transformer block (attention + MLP)"), NewLayer::Transformer},
                                                {tr("Transformer block with LayerNorm"), NewLayer::TransformerLayerNorm}};
  for (const auto& [title, kind] : kinds) {
    if (title.isEmpty()) {
      menu->addSeparator();
      continue;
    }
    const NewLayer k = kind;
    menu->addAction(title, this, [this, k] {
      edit(tr("Add layer"), [&](std::vector<LayerConfig>& list) { return addLayer(list, selected_, k, defaultActivation_); });
    });
  }
  add_->setMenu(menu);
  remove_ = new QToolButton(this);
  remove_->setText(tr("Remove"));
  remove_->setToolTip(tr("Remove the selected layer (Delete)"));
  up_ = new QToolButton(this);
  up_->setArrowType(Qt::UpArrow);
  up_->setToolTip(tr("Move the selected layer up (Alt+Up)"));
  down_ = new QToolButton(this);
  down_->setArrowType(Qt::DownArrow);
  down_->setToolTip(tr("Move the selected layer down (Alt+Down)"));
  // Keys act in the tree only: Delete in a text field elsewhere must not remove a layer.
  const std::pair<QKeySequence, QToolButton*> keys[] = {{QKeySequence::Delete, remove_},
                                                        {QKeySequence(Qt::ALT | Qt::Key_Up), up_},
                                                        {QKeySequence(Qt::ALT | Qt::Key_Down), down_}};
  for (const auto& [sequence, button] : keys) {
    auto* shortcut = new QShortcut(sequence, tree_);
    shortcut->setContext(Qt::WidgetShortcut);
    connect(shortcut, &QShortcut::activated, button, &QToolButton::click);
  }
  connect(remove_, &QToolButton::clicked, this, [this] {
    edit(tr("Remove layer"), [&](std::vector<LayerConfig>& list) { return removeLayer(list, selected_); });
  });
  connect(up_, &QToolButton::clicked, this, [this] {
    edit(tr("Move layer"), [&](std::vector<LayerConfig>& list) { return moveLayer(list, selected_, -1); });
  });
  connect(down_, &QToolButton::clicked, this, [this] {
    edit(tr("Move layer"), [&](std::vector<LayerConfig>& list) { return moveLayer(list, selected_, +1); });
  });

  width_ = new QSpinBox(this);
  width_->setRange(0, kMaxLayerWidth);
  width_->setSpecialValueText(tr("outputs"));
  width_->setKeyboardTracking(false);
  width_->setToolTip(tr("The dense layer's width (neurons). \"outputs\": the data's outputs, for the last layer"));
  fn_ = activationBox(this);
  fn_->setToolTip(tr("The activation function. %1").arg(activationConventions()));
  repeat_ = new QSpinBox(this);
  repeat_->setRange(1, kMaxRepeat);
  repeat_->setPrefix(QStringLiteral("×"));
  repeat_->setKeyboardTracking(false);
  repeat_->setToolTip(tr("How many times in a row the layer (or block) is used: a deep residual network is one "
                         "block repeated"));
  kernel_ = new QSpinBox(this);
  kernel_->setRange(1, 15);
  kernel_->setPrefix(tr("k "));
  kernel_->setKeyboardTracking(false);
  kernel_->setToolTip(tr("The window's side: a convolution's filters are k × k (padded by k / 2 on every side, so "
                         "odd k keep the image's size); a pooling's windows k × k, stride k"));
  setControlKey(kernel_, QStringLiteral("model.layers.kernel"));
  connect(kernel_, &QSpinBox::valueChanged, this, [this](int k) {
    editSelected(tr("Layer kernel"), [k](LayerConfig& c) {
      c.layer.kernel = k;
      if (c.layer.kind == LayerKind::Conv2d) c.layer.padding = k / 2;
    });
  });
  heads_ = new QSpinBox(this);
  heads_->setRange(1, 64);
  heads_->setSuffix(tr(" heads"));
  heads_->setKeyboardTracking(false);
  heads_->setToolTip(tr("Attention heads: each attends with its own queries and keys of width D / heads (the "
                        "heads must divide the width D)"));
  setControlKey(heads_, QStringLiteral("model.layers.heads"));
  connect(heads_, &QSpinBox::valueChanged, this, [this](int h) {
    editSelected(tr("Attention heads"), [h](LayerConfig& c) { c.layer.heads = h; });
  });
  initScale_ = new QDoubleSpinBox(this);
  initScale_->setRange(0.0, 100.0);
  initScale_->setDecimals(4);
  initScale_->setSingleStep(0.1);
  initScale_->setPrefix(tr("init ×"));
  initScale_->setSpecialValueText(tr("init: the model's"));
  initScale_->setKeyboardTracking(false);
  initScale_->setToolTip(tr("This layer's initialisation scale, in place of the Network panel's Init scale: its random "
                            "weights are the initialisation's (PyTorch's default unless set otherwise) times this "
                            "factor. E.g. 1.732 turns a dense layer's U(±1/√fan-in) into a standard deviation of "
                            "1/√fan-in; 0.0884 an embedding's N(0, 1) into N(0, 1/128). A block's scale applies to "
                            "its layers that have none. 0: the model's"));
  setControlKey(initScale_, QStringLiteral("model.layers.init_scale"));
  connect(initScale_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    editSelected(tr("Layer init scale"), [v](LayerConfig& c) {
      if (v > 0) c.initScale = v;
      else c.initScale.reset();
    });
  });
  causal_ = new QCheckBox(tr("causal"), this);
  causal_->setToolTip(tr("A causal head lets each position attend to itself and earlier positions only (a "
                         "language model's mask)"));
  setControlKey(causal_, QStringLiteral("model.layers.causal"));
  connect(causal_, &QCheckBox::toggled, this, [this](bool on) {
    editSelected(tr("Attention mask"), [on](LayerConfig& c) { c.layer.causal = on; });
  });
  bias_ = new QCheckBox(tr("bias"), this);
  bias_->setToolTip(tr("Whether the dense layer adds a bias vector b (W x + b; off: W x, as in the grokking papers)"));
  setControlKey(bias_, QStringLiteral("model.layers.bias"));
  connect(bias_, &QCheckBox::toggled, this, [this](bool on) {
    editSelected(tr("Layer bias"), [on](LayerConfig& c) { c.layer.bias = on; });
  });
  setControlKey(width_, QStringLiteral("model.layers.width"));
  setControlKey(fn_, QStringLiteral("model.layers.fn"));
  setControlKey(repeat_, QStringLiteral("model.layers.repeat"));
  connect(width_, &QSpinBox::valueChanged, this, [this](int v) {
    editSelected(tr("Layer width"), [v](LayerConfig& c) {
      if (c.layer.kind == LayerKind::Conv2d) c.layer.outChannels = std::max(1, v);
      else if (c.layer.kind == LayerKind::Embedding) c.layer.dim = std::max(1, v);
      else c.layer.out = v;
    });
  });
  connect(fn_, &QComboBox::activated, this, [this](int index) {
    const Activation fn = activationFromString(fn_->itemData(index).toString().toStdString());
    editSelected(tr("Layer activation"), [fn](LayerConfig& c) { c.layer.fn = fn; });
  });
  connect(repeat_, &QSpinBox::valueChanged, this, [this](int v) {
    editSelected(tr("Repeat"), [v](LayerConfig& c) { c.repeat = v; });
  });
  connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    selected_.clear();
    if (item)
      for (int i : item->data(0, kPathRole).value<QList<int>>()) selected_.push_back(i);
    showSelected();
  });

  hint_ = new QLabel(this);
  hint_->setWordWrap(true);
  hint_->setStyleSheet(QStringLiteral("QLabel { color: #555555; }"));

  auto* buttons = new QHBoxLayout;
  buttons->setContentsMargins(0, 0, 0, 0);
  for (QToolButton* b : {add_, remove_, up_, down_}) buttons->addWidget(b);
  buttons->addStretch();
  auto* fields = new QHBoxLayout;
  fields->setContentsMargins(0, 0, 0, 0);
  fields->addWidget(width_);
  fields->addWidget(kernel_);
  fields->addWidget(heads_);
  fields->addWidget(causal_);
  fields->addWidget(bias_);
  fields->addWidget(fn_);
  fields->addWidget(repeat_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(tree_);
  layout->addLayout(buttons);
  layout->addLayout(fields);
  auto* init = new QHBoxLayout;  // a row of its own: the fields above already fill a projector's panel
  init->setContentsMargins(0, 0, 0, 0);
  init->addWidget(initScale_);
  init->addStretch();
  layout->addLayout(init);
  layout->addWidget(hint_);
  showSelected();
}

void LayerListEditor::showConfig(const ExperimentConfig& c) {
  std::vector<LayerConfig> layers = c.model.kind == "network" || c.model.kind == "mlp" ? layerList(c.model)
                                                                                        : std::vector<LayerConfig>{};
  if (c.model.kind == "mlp") defaultActivation_ = c.model.activation;
  for (const LayerConfig& l : layers)
    if (l.layer.kind == LayerKind::Activation) defaultActivation_ = l.layer.fn;
  if (layers == layers_ && tree_->topLevelItemCount() > 0) return;
  layers_ = std::move(layers);
  rebuild();
}

void LayerListEditor::rebuild() {
  const QSignalBlocker quiet(tree_);
  tree_->clear();
  fill(nullptr, tree_, layers_, {});
  tree_->expandAll();
  if (QTreeWidgetItem* item = itemAt(tree_, selected_)) {
    tree_->setCurrentItem(item);
    selected_.clear();
    for (int i : item->data(0, kPathRole).value<QList<int>>()) selected_.push_back(i);
  } else {
    selected_.clear();
  }
  showSelected();
}

void LayerListEditor::showSelected() {
  const LayerConfig* c = nullptr;
  if (!selected_.empty())
    if (auto* list = listAt(layers_, selected_, selected_.size() - 1); list && size_t(selected_.back()) < list->size())
      c = &(*list)[size_t(selected_.back())];
  const QSignalBlocker a(width_), b(fn_), d(repeat_), e(bias_), f(kernel_), g(heads_), h(causal_), i(initScale_);
  const LayerKind kind = c ? c->layer.kind : LayerKind::Residual;
  const bool conv = c && kind == LayerKind::Conv2d, pool = c && (kind == LayerKind::MaxPool2d || kind == LayerKind::AvgPool2d);
  const bool attention = c && kind == LayerKind::Attention, embedding = c && kind == LayerKind::Embedding;
  width_->setVisible(c && (kind == LayerKind::Linear || conv || embedding));
  width_->setMinimum(c && kind == LayerKind::Linear ? 0 : 1);  // "outputs" only for a dense layer
  width_->setSuffix(conv ? tr(" filters") : embedding ? tr(" wide") : QString());
  kernel_->setVisible(conv || pool);
  heads_->setVisible(attention);
  causal_->setVisible(attention);
  bias_->setVisible(c && (kind == LayerKind::Linear || conv || attention));
  fn_->setVisible(c && kind == LayerKind::Activation);
  initScale_->setVisible(c && takesInit(kind));
  repeat_->setVisible(c != nullptr);
  remove_->setEnabled(c != nullptr);
  up_->setEnabled(c && selected_.back() > 0);
  down_->setEnabled(c != nullptr);
  if (c) {
    width_->setValue(conv ? c->layer.outChannels : embedding ? c->layer.dim : c->layer.out);
    kernel_->setValue(std::max(1, c->layer.kernel));
    heads_->setValue(c->layer.heads);
    causal_->setChecked(c->layer.causal);
    bias_->setChecked(c->layer.bias);
    fn_->setCurrentIndex(std::max(0, fn_->findData(QString::fromStdString(toString(c->layer.fn)))));
    repeat_->setValue(c->repeat);
    initScale_->setValue(c->initScale.value_or(0.0));
  }
  hint_->setText(c ? QString() : tr("Select a layer to edit it, or Add one before the output layer."));
  hint_->setVisible(!c);
}

void LayerListEditor::editSelected(const QString& text, const std::function<void(LayerConfig&)>& change) {
  if (selected_.empty()) return;  // the fields are hidden then; nothing to change
  edit(text, [&](std::vector<LayerConfig>& list) {
    if (auto* l = listAt(list, selected_, selected_.size() - 1); l && size_t(selected_.back()) < l->size())
      change((*l)[size_t(selected_.back())]);
    return selected_;
  });
}

void LayerListEditor::edit(const QString& text, const std::function<Path(std::vector<LayerConfig>&)>& change) {
  Path next = selected_;
  document_->edit(text, QStringLiteral("model.layers"), [&](ExperimentConfig& c) {
    if (c.model.kind != "network" && c.model.kind != "mlp") return;
    std::vector<LayerConfig> list = layerList(c.model);
    next = change(list);
    c.model.kind = "network";
    c.model.file.clear();
    c.model.layers = std::move(list);
  });
  selected_ = next;
  rebuild();
}

}  // namespace losslab
