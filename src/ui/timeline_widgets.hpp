#pragma once
// Timeline controls shared by the briefing's timeline bar (briefing_module_timeline.cpp) and
// the archive replay bar (replay_module.cpp), so both sit and offer their speeds the same way.
#include "console_state.hpp"
#include "seawatch/scenario/timeline.hpp"

namespace seawatch::ui {

// The play speed as a combo ("60×"), `widthPx` wide: 1× to 3600× simulated seconds a second.
void drawSpeedCombo(const char* id, scenario::Timeline& timeline, float widthPx);

// Begins a full-width bar `heightPx` tall on the map's lower edge and takes its height off
// the map (state.mapBottomPx), so the scale bar, labels and the next bar stay above it.
// Returns ImGui::Begin's answer; the caller calls ImGui::End() either way.
bool beginBottomBar(ConsoleState& state, const char* id, float heightPx);

}  // namespace seawatch::ui
