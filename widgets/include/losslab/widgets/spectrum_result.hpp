#pragma once
// The spectrum view draws the engine's SpectrumResult (sessions keep it too, so it lives there).
#include "losslab/curvature/spectrum_result.hpp"
