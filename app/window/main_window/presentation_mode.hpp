#pragma once
// Presentation mode for projectors: every font and plot line of a window scaled up, and back.
// The sizes a widget had before are remembered on it, so scaling twice never compounds.
class QWidget;

namespace losslab {

// How much larger text and lines are on a projector.
inline constexpr double kPresentationScale = 1.4;

// factor 1 restores the original sizes.
void scaleForPresentation(QWidget* root, double factor);

}  // namespace losslab
