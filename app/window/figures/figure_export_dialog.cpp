#include "figures/figure_export_dialog.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <cmath>
#include <algorithm>
#include <filesystem>

#include "losslab/widgets/figure_export.hpp"

namespace losslab {

namespace {
enum WidthPreset { Column, Page, Slide, Custom, OnScreen };
const double kPresetMm[] = {kColumnWidthMm, kPageWidthMm, kSlideWidthMm};
constexpr double kSameWidthMm = 0.05;  // a preset's width after rounding to 0.001 in

// The last choices, so a paper's figures are all exported alike.
FigureOptions rememberedOptions() {
  QSettings s;
  FigureOptions o;
  o.formats.pdf = s.value("figures/pdf", true).toBool();
  o.formats.svg = s.value("figures/svg", true).toBool();
  o.formats.png = s.value("figures/png", true).toBool();
  o.style = FigureStyle(s.value("figures/style", int(FigureStyle::Paper)).toInt());
  o.unit = LengthUnit(s.value("figures/unit", int(LengthUnit::Millimetre)).toInt());
  o.width = s.value("figures/width", kColumnWidthMm).toDouble();
  o.dpi = s.value("figures/dpi", 300).toInt();
  return o;
}

void remember(const FigureOptions& o, const QString& destination) {
  QSettings s;
  s.setValue("figures/pdf", o.formats.pdf), s.setValue("figures/svg", o.formats.svg);
  s.setValue("figures/png", o.formats.png), s.setValue("figures/style", int(o.style));
  s.setValue("figures/unit", int(o.unit)), s.setValue("figures/width", o.width);
  s.setValue("figures/dpi", o.dpi), s.setValue("figures/folder", QFileInfo(destination).absolutePath());
}
}  // namespace

FigureExportDialog::FigureExportDialog(const std::vector<Figure>& figures, bool toFolder, QWidget* parent)
    : QDialog(parent),
      figures_(figures),
      toFolder_(toFolder),
      dpi_(new QComboBox),
      widthPreset_(new QComboBox),
      width_(new QDoubleSpinBox),
      unit_(new QComboBox),
      style_(new QComboBox),
      destination_(new QLineEdit),
      summary_(new QLabel) {
  setWindowTitle(toFolder ? tr("Export all views") : tr("Export figure"));
  auto* form = new QFormLayout(this);

  auto* formatRow = new QHBoxLayout;
  const char* names[] = {"PDF", "SVG", "PNG"};
  for (int k = 0; k < 3; ++k) formatRow->addWidget(formats_[k] = new QCheckBox(QString::fromLatin1(names[k])));
  formats_[0]->setToolTip(tr("Vector, text kept as text: for LaTeX and journals"));
  formats_[1]->setToolTip(tr("Vector, text kept as text: for editing in Inkscape or Illustrator"));
  formats_[2]->setToolTip(tr("Pixels at the chosen DPI (written into the file)"));
  formatRow->addStretch(1);
  form->addRow(tr("Formats"), formatRow);
  for (int dpi : kFigureDpis) dpi_->addItem(tr("%1 dpi").arg(dpi), dpi);
  form->addRow(tr("PNG resolution"), dpi_);

  widthPreset_->addItem(tr("journal column (89 mm)"), Column);
  widthPreset_->addItem(tr("journal page (183 mm)"), Page);
  widthPreset_->addItem(tr("slide (254 mm)"), Slide);
  widthPreset_->addItem(tr("custom"), Custom);
  widthPreset_->addItem(tr("as on screen"), OnScreen);
  width_->setRange(0.5, 2000);  // in the unit shown: half an inch to two metres
  width_->setDecimals(3);
  unit_->addItem(tr("mm"), int(LengthUnit::Millimetre));
  unit_->addItem(tr("in"), int(LengthUnit::Inch));
  auto* widthRow = new QHBoxLayout;
  widthRow->addWidget(widthPreset_, 1);
  widthRow->addWidget(width_);
  widthRow->addWidget(unit_);
  form->addRow(tr("Width"), widthRow);

  style_->addItem(tr("paper: 7-pt text, thin lines, no grid"), int(FigureStyle::Paper));
  style_->addItem(tr("slides: large text and lines"), int(FigureStyle::Slides));
  style_->addItem(tr("as on screen"), int(FigureStyle::Screen));
  form->addRow(tr("Style"), style_);

  auto* destinationRow = new QHBoxLayout;
  destinationRow->addWidget(destination_, 1);
  auto* browse = new QPushButton(tr("Browse…"));
  destinationRow->addWidget(browse);
  form->addRow(toFolder ? tr("Folder") : tr("File name"), destinationRow);
  destination_->setToolTip(toFolder ? tr("Each view is written as <name>.pdf, .svg, .png, .csv and .json in this folder")
                                    : tr("Written as this name with .pdf, .svg, .png, .csv (the plotted data) and "
                                         ".json (the experiment and conventions)"));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  form->addRow(summary_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
  form->addRow(buttons);

  setOptions(rememberedOptions());
  const QString folder = QSettings().value("figures/folder", QDir::homePath()).toString();
  setDestination(toFolder || figures.empty() ? folder + QStringLiteral("/figures") : folder + QLatin1Char('/') + commonStem(figures));

  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(browse, &QPushButton::clicked, this, &FigureExportDialog::browse);
  connect(widthPreset_, &QComboBox::currentIndexChanged, this, &FigureExportDialog::choosePreset);
  connect(unit_, &QComboBox::currentIndexChanged, this, [this] {  // the same length in the new unit
    const LengthUnit now = LengthUnit(unit_->currentData().toInt());
    const LengthUnit before = now == LengthUnit::Inch ? LengthUnit::Millimetre : LengthUnit::Inch;
    width_->setValue(fromMillimetres(toMillimetres(width_->value(), before), now));
  });
  connect(width_, &QDoubleSpinBox::valueChanged, this, [this] {
    const double mm = toMillimetres(width_->value(), LengthUnit(unit_->currentData().toInt()));
    const int preset = widthPreset_->currentData().toInt();
    if (preset < Custom && std::abs(mm - kPresetMm[preset]) > kSameWidthMm) widthPreset_->setCurrentIndex(Custom);
    updateSummary();
  });
  for (QCheckBox* box : formats_) connect(box, &QCheckBox::toggled, this, &FigureExportDialog::updateSummary);
  for (QComboBox* box : {dpi_, style_}) connect(box, &QComboBox::currentIndexChanged, this, &FigureExportDialog::updateSummary);
  connect(this, &QDialog::accepted, this, [this] { remember(options(), destination()); });
  updateSummary();
}

FigureOptions FigureExportDialog::options() const {
  FigureOptions o;
  o.formats = {formats_[0]->isChecked(), formats_[1]->isChecked(), formats_[2]->isChecked()};
  o.dpi = dpi_->currentData().toInt();
  o.unit = LengthUnit(unit_->currentData().toInt());
  o.width = widthPreset_->currentData().toInt() == OnScreen ? 0.0 : width_->value();
  o.style = FigureStyle(style_->currentData().toInt());
  return o;
}

void FigureExportDialog::setOptions(const FigureOptions& o) {
  formats_[0]->setChecked(o.formats.pdf), formats_[1]->setChecked(o.formats.svg), formats_[2]->setChecked(o.formats.png);
  dpi_->setCurrentIndex(std::max(0, dpi_->findData(o.dpi)));
  unit_->setCurrentIndex(std::max(0, unit_->findData(int(o.unit))));
  style_->setCurrentIndex(std::max(0, style_->findData(int(o.style))));
  if (o.width <= 0) {
    widthPreset_->setCurrentIndex(widthPreset_->findData(OnScreen));
    return;
  }
  width_->setValue(o.width);
  const double mm = toMillimetres(o.width, o.unit);
  int preset = Custom;
  for (int k = Column; k < Custom; ++k)
    if (std::abs(mm - kPresetMm[k]) < kSameWidthMm) preset = k;
  widthPreset_->setCurrentIndex(widthPreset_->findData(preset));
}

QString commonStem(const std::vector<Figure>& figures) {
  if (figures.empty()) return QStringLiteral("figure");
  QString prefix = figures.front().name;
  for (const Figure& f : figures) {
    qsizetype n = 0;
    while (n < prefix.size() && n < f.name.size() && prefix[n] == f.name[n]) ++n;
    prefix.truncate(n);
  }
  if (figures.size() > 1) {  // whole words only: "landscape" of landscape-map and landscape-slice
    const qsizetype dash = prefix.lastIndexOf(QLatin1Char('-'));
    const bool wholeWord = std::all_of(figures.begin(), figures.end(), [&](const Figure& f) {
      return f.name.size() == prefix.size() || f.name[prefix.size()] == QLatin1Char('-');
    });
    if (!wholeWord) prefix.truncate(std::max<qsizetype>(dash, 0));
    while (prefix.endsWith(QLatin1Char('-'))) prefix.chop(1);
  }
  return prefix.isEmpty() ? QStringLiteral("figures") : prefix;
}

QString FigureExportDialog::destination() const { return destination_->text().trimmed(); }
void FigureExportDialog::setDestination(const QString& path) { destination_->setText(path); }

void FigureExportDialog::choosePreset() {
  const int preset = widthPreset_->currentData().toInt();
  width_->setEnabled(preset != OnScreen);
  unit_->setEnabled(preset != OnScreen);
  if (preset < Custom) {
    const QSignalBlocker block(width_);
    width_->setValue(fromMillimetres(kPresetMm[preset], LengthUnit(unit_->currentData().toInt())));
    // A journal width asks for the paper look, a slide for the slides look.
    style_->setCurrentIndex(style_->findData(int(preset == Slide ? FigureStyle::Slides : FigureStyle::Paper)));
  }
  updateSummary();
}

void FigureExportDialog::updateSummary() {
  const FigureOptions o = options();
  QStringList lines;
  if (!o.formats.any()) lines << tr("Choose at least one format.");
  for (const Figure& f : figures_) lines << describeOutputs(f, o);
  if (figures_.empty()) lines << tr("This view has nothing to export yet.");
  else lines << tr("Each with .csv (the plotted data) and .json (experiment, seed, conventions).");
  summary_->setText(lines.join(QLatin1Char('\n')));
  if (auto* box = findChild<QDialogButtonBox*>())
    box->button(QDialogButtonBox::Ok)->setEnabled(o.formats.any() && !figures_.empty());
}

void FigureExportDialog::browse() {
  const QString chosen = toFolder_ ? QFileDialog::getExistingDirectory(this, tr("Export into folder"), destination())
                                   : QFileDialog::getSaveFileName(this, tr("Export figure as"), destination());
  if (chosen.isEmpty()) return;
  const QFileInfo info(chosen);  // a stem: whatever extension was typed goes
  setDestination(toFolder_ || info.suffix().isEmpty() ? chosen : info.path() + QLatin1Char('/') + info.completeBaseName());
}

QString exportFiguresInteractively(QWidget* parent, const QString& title,
                                   const std::function<std::vector<Figure>()>& makeFigures, bool toFolder) {
  const std::vector<Figure> preview = makeFigures();
  FigureExportDialog dialog(preview, toFolder, parent);
  dialog.setWindowTitle(title);
  if (dialog.exec() != QDialog::Accepted || dialog.destination().isEmpty()) return {};
  const std::vector<Figure> figures = makeFigures();
  const QString destination = dialog.destination();
  QString error;
  std::error_code noFolder;  // std::filesystem, unlike QDir, says why a folder cannot be made
  if (toFolder) std::filesystem::create_directories(destination.toStdString(), noFolder);
  if (noFolder)
    return QCoreApplication::translate("FigureExportDialog", "Could not export: cannot create the folder %1 (%2)")
        .arg(destination, QString::fromStdString(noFolder.message()));
  QProgressDialog progress(QCoreApplication::translate("FigureExportDialog", "Exporting figures…"),
                           QCoreApplication::translate("FigureExportDialog", "Cancel"), 0, int(figures.size()), parent);
  progress.setWindowModality(Qt::WindowModal);
  progress.setMinimumDuration(300);
  QStringList written;
  // One figure alone is written under the stem itself; several as stem-<name> or folder/<name>.
  const bool ok = figures.size() == 1 && !toFolder
                      ? exportFigure(figures.front(), destination, dialog.options(), &error, &written)
                      : exportFigures(figures, toFolder ? destination + QLatin1Char('/') : destination, dialog.options(),
                                      &error, &written, [&](int done, int, const QString& next) {
                                        progress.setValue(done);
                                        progress.setLabelText(next);
                                        QCoreApplication::processEvents();
                                        return !progress.wasCanceled();
                                      });
  progress.setValue(int(figures.size()));
  if (!ok) return QCoreApplication::translate("FigureExportDialog", "Could not export: %1").arg(error);
  return QCoreApplication::translate("FigureExportDialog", "Wrote %1 files to %2")
      .arg(written.size())
      .arg(QFileInfo(written.value(0)).absolutePath());
}

}  // namespace losslab
