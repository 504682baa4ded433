#pragma once
// The window's text size: never below 11 pt, so a projector at the back of a classroom stays
// readable. main() sets it before the window is built; tests that measure the window set it too.
namespace losslab {

inline constexpr double kMinimumFontPt = 11.0;

void useReadableFont();  // raises QApplication's font to kMinimumFontPt where it is smaller

}  // namespace losslab
