#pragma once
// Timeline controls shared by the briefing's timeline bar (briefing_module_timeline.cpp) and
// the archive replay bar (replay_module.cpp), so both offer the same speeds the same way.
#include "seawatch/scenario/timeline.hpp"

namespace seawatch::ui {

// The play speed as a combo ("60×"), `widthPx` wide: 1× to 3600× simulated seconds a second.
void drawSpeedCombo(const char* id, scenario::Timeline& timeline, float widthPx);

}  // namespace seawatch::ui
