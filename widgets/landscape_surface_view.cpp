#include "losslab/widgets/landscape_surface_view.hpp"

#include <QEvent>
#include <QFontInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLinearGradient>
#include <QPainter>
#include <QVBoxLayout>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/Q3DCamera>
#include <QtDataVisualization/Q3DScene>
#include <QtDataVisualization/Q3DTheme>
#include <QtDataVisualization/QLogValue3DAxisFormatter>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QValue3DAxis>
#include <cmath>

#include "losslab/landscape/contour_levels.hpp"
#include "losslab/widgets/plot_style.hpp"

namespace losslab {

bool LandscapeSurfaceView::platformHas3D() {
  const QString p = QGuiApplication::platformName();
  return p != QLatin1String("offscreen") && p != QLatin1String("minimal");
}

LandscapeSurfaceView::LandscapeSurfaceView(QWidget* parent) : QWidget(parent), caption_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  caption_->setWordWrap(true);
  caption_->setFont(plot::sized(font(), 12));
  caption_->setContentsMargins(8, 4, 8, 4);
  layout->addWidget(caption_);
  if (!platformHas3D()) {
    caption_->setText(tr("<b>The 3-D surface needs an OpenGL display</b>; the \"%1\" platform has "
                         "none. The map and the slice show the same landscape.")
                          .arg(QGuiApplication::platformName()));
    layout->addStretch(1);
    return;
  }
  graph_ = new Q3DSurface;
  container_ = QWidget::createWindowContainer(graph_, this);  // owns the graph
  container_->setMinimumSize(420, 360);
  container_->setFocusPolicy(Qt::StrongFocus);
  setToolTip(tr("Drag with the right mouse button to rotate, scroll to zoom. Height and colour: "
                "the loss at θ + α·d₁ + β·d₂."));
  layout->addWidget(container_, 1);
  graph_->activeTheme()->setType(Q3DTheme::ThemeQt);
  // Plain text, no boxes: the boxed labels of the Qt theme read as clutter at this size.
  graph_->activeTheme()->setLabelBorderEnabled(false);
  graph_->setShadowQuality(QAbstract3DGraph::ShadowQualityNone);
  graph_->scene()->activeCamera()->setCameraPreset(Q3DCamera::CameraPresetIsometricRight);
  // Closer than the default and taller than its 2:1 box: the graph fills a tab that is about as
  // tall as it is wide, so its labels are drawn larger (they scale with the graph).
  graph_->scene()->activeCamera()->setZoomLevel(kZoomLevel);
  graph_->setAspectRatio(kAspectRatio);
  graph_->setAxisX(new QValue3DAxis);
  graph_->setAxisY(new QValue3DAxis);
  graph_->setAxisZ(new QValue3DAxis);
  for (QValue3DAxis* axis : {graph_->axisX(), graph_->axisY(), graph_->axisZ()}) {
    axis->setLabelFormat(QStringLiteral("%.3g"));
    axis->setTitleVisible(true);
    // Labels and titles turn towards the camera as it rotates, rather than lying flat in the
    // floor's plane where a turned graph shows them edge-on.
    axis->setLabelAutoRotation(90.0f);
    axis->setTitleFixed(false);
  }
  // Four segments: a symmetric range (the usual -r..r) is labelled -r, -r/2, 0, r/2, r, with
  // the trained point (0) among them; five gave -0.6, -0.2, 0.2, ... and no 0.
  graph_->axisX()->setSegmentCount(4);
  graph_->axisZ()->setSegmentCount(4);
  applyTextSize();
  series_ = new QSurface3DSeries;
  series_->setDrawMode(QSurface3DSeries::DrawSurface);
  series_->setFlatShadingEnabled(false);
  graph_->addSeries(series_);
  setColormap(colormap_);
  redraw();
}

void LandscapeSurfaceView::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::FontChange) applyTextSize();  // presentation mode's larger text
}

void LandscapeSurfaceView::applyTextSize() {
  if (!graph_) return;
  // Q3D labels are textures scaled by the theme font's size (about 0.05 + points/500 of the
  // graph), not by screen points: 7x the widget's text draws a 10-pt window's labels about as
  // tall as the map's tick labels in a 700 x 700 tab, and grows with presentation mode's text.
  graph_->activeTheme()->setFont(plot::sized(font(), textPoints()));
}

int LandscapeSurfaceView::textPoints() const {
  return static_cast<int>(std::lround(kTextScale * QFontInfo(font()).pointSizeF()));
}

void LandscapeSurfaceView::setGrid(const LandscapeGrid& grid, const QString& quantity) {
  grid_ = grid;
  quantity_ = quantity;
  redraw();
}

void LandscapeSurfaceView::setAxisLabels(const QString& alpha, const QString& beta) {
  alphaLabel_ = alpha;
  betaLabel_ = beta;
  redraw();
}

void LandscapeSurfaceView::setLogScale(bool on) {
  log_ = on;
  redraw();
}

void LandscapeSurfaceView::setColormap(Colormap map) {
  colormap_ = map;
  if (!series_) return;
  QLinearGradient gradient(0, 0, 1, 100);
  const ColormapTable& table = colormapTable(map);
  // Q3DSurface's range gradient: stop 0 at the bottom of the height axis, 1 at the top.
  for (int k = 0; k < 256; ++k)
    gradient.setColorAt(k / 255.0, QColor::fromRgbF(table[k][0], table[k][1], table[k][2]));
  series_->setBaseGradient(gradient);
  series_->setColorStyle(Q3DTheme::ColorStyleRangeGradient);
}

void LandscapeSurfaceView::paintGraph(QPainter& painter, const QWidget* relativeTo) const {
  if (!graph_ || !container_->isVisible()) return;
  const QImage picture = graph_->renderToImage(0, container_->size() * container_->devicePixelRatio());
  painter.drawImage(QRect(container_->mapTo(relativeTo, QPoint(0, 0)), container_->size()), picture);
}

double LandscapeSurfaceView::heightAt(int row, int column) const {
  if (!series_ || row >= series_->dataProxy()->rowCount()) return std::nan("");
  return series_->dataProxy()->itemAt(row, column)->y();
}

void LandscapeSurfaceView::redraw() {
  if (!graph_) return;
  const LevelSpacing spacing = log_ ? LevelSpacing::Log : LevelSpacing::Linear;
  const FieldRange range = usableRange(grid_.loss, spacing);
  double lo = range.empty() ? (log_ ? 0.1 : 0.0) : range.lo, hi = range.empty() ? (log_ ? 10.0 : 1.0) : range.hi;
  if (!(lo < hi)) lo = log_ ? lo / 1.5 : lo - 0.5, hi = log_ ? hi * 1.5 : hi + 0.5;
  QValue3DAxis* height = graph_->axisY();
  height->setFormatter(log_ ? static_cast<QValue3DAxisFormatter*>(new QLogValue3DAxisFormatter)
                            : new QValue3DAxisFormatter);
  height->setRange(float(lo), float(hi));
  height->setTitle(log_ ? tr("%1 (log scale)").arg(quantity_) : quantity_);
  graph_->axisX()->setTitle(alphaLabel_);
  graph_->axisZ()->setTitle(betaLabel_);

  auto* rows = new QSurfaceDataArray;
  const int nx = static_cast<int>(grid_.alphas.size()), ny = static_cast<int>(grid_.betas.size());
  rows->reserve(ny);
  for (int j = 0; j < ny; ++j) {
    auto* row = new QSurfaceDataRow(nx);
    for (int i = 0; i < nx; ++i) {
      const double v = grid_.loss(i, j);
      // No holes in a surface: overflow at the ceiling, <= 0 (log) at the floor.
      const double h = !std::isfinite(v) ? hi : (log_ && v <= 0) ? lo : std::clamp(v, lo, hi);
      (*row)[i].setPosition(QVector3D(float(grid_.alphas[i]), float(h), float(grid_.betas[j])));
    }
    rows->append(row);
  }
  series_->dataProxy()->resetArray(rows);
  if (nx > 0) {
    graph_->axisX()->setRange(float(grid_.alphas.front()), float(grid_.alphas.back()));
    graph_->axisZ()->setRange(float(grid_.betas.front()), float(grid_.betas.back()));
  }
  QStringList notes;
  if (nx == 0) notes << tr("No landscape yet: press Compute.");
  else notes << tr("<b>%1</b> over %2 × %3 points").arg(quantity_).arg(nx).arg(ny);
  if (range.skippedNonFinite > 0)
    notes << tr("%n non-finite point(s) drawn at the top of the axis", "", int(range.skippedNonFinite));
  if (range.skippedNonPositive > 0)
    notes << tr("%n point(s) ≤ 0 drawn at the bottom of the log axis", "", int(range.skippedNonPositive));
  caption_->setText(notes.join(QStringLiteral(" · ")));
}

}  // namespace losslab
