// The briefing's timeline bar along the foot of the map: play, step and speed, the clock, the
// time window, the key to the tick colours and the scrubber. Members of the briefing module
// (briefing_module.hpp) in a file of their own: the bar is the module's largest drawing, and
// apart from the clock it shares nothing with the steps, the toasts or the annotations.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "briefing_module.hpp"
#include "console_state.hpp"
#include "seawatch/scenario/timeline.hpp"
#include "seawatch/time/utc.hpp"
#include "timeline_widgets.hpp"

namespace seawatch::ui::briefing_module_detail {

namespace {

ImU32 tickColour(TickKind kind) {
    switch (kind) {
        case TickKind::Incident:
            return IM_COL32(186, 104, 200, 255);
        case TickKind::Alert:
            return IM_COL32(239, 83, 80, 255);
        case TickKind::Inject:
            return IM_COL32(255, 183, 77, 255);
        case TickKind::Step:
            return IM_COL32(240, 240, 240, 255);
    }
    return IM_COL32_WHITE;
}

}  // namespace

void BriefingModule::drawTimelineBar(ConsoleState& state) {
    const float s = state.pixelScale;
    const float height = ImGui::GetFrameHeightWithSpacing() + 18 * s +
                         ImGui::GetTextLineHeightWithSpacing() + 16 * s;
    if (state.presenterMode) return;  // the presenter drives with the keys
    if (!beginBottomBar(state, "##timeline", height)) {
        ImGui::End();
        return;
    }
    scenario::Timeline& tl = state.timeline;
    if (ImGui::Button("|<")) tl.stepBack();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Previous step or inject  (,)");
    ImGui::SameLine();
    if (ImGui::Button(tl.playing() ? "Pause" : "Play ", ImVec2(56 * s, 0))) tl.togglePlay();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space");
    ImGui::SameLine();
    if (ImGui::Button(">|")) tl.stepForward();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next step or inject  (.)");
    ImGui::SameLine();
    drawSpeedCombo("##speed", tl, 80 * s);
    ImGui::SameLine();
    ImGui::Text("%s", utcLabel(tl.now()).c_str());
    ImGui::SameLine();
    const scenario::TimeSpan sel = tl.selection();
    const scenario::TimeSpan win = tl.window();
    const bool windowed = sel.start != win.start || sel.end != win.end;
    if (ImGui::SmallButton("Window start")) tl.setSelection({tl.now(), sel.end});
    ImGui::SameLine();
    if (ImGui::SmallButton("Window end")) tl.setSelection({sel.start, tl.now()});
    if (windowed) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Whole day")) tl.clearSelection();
        ImGui::SameLine();
        ImGui::TextDisabled("window %s \xE2\x80\x93 %s", time::formatDisplay(sel.start).c_str(),
                            time::formatDisplay(sel.end).c_str());
    }
    drawTickKey(state);
    drawScrubber(state);
    state.now = tl.now();
    ImGui::End();
}

// What the scrubber's tick colours mean, right-aligned on the controls row.
void BriefingModule::drawTickKey(ConsoleState& state) {
    const float s = state.pixelScale;
    static constexpr TickKind kKinds[] = {TickKind::Step, TickKind::Inject, TickKind::Alert,
                                          TickKind::Incident};
    float width = 0;
    for (TickKind k : kKinds) width += ImGui::CalcTextSize(scenario::tickKindName(k)).x + 22 * s;
    ImGui::SameLine(
        std::max(ImGui::GetCursorPosX() + 12 * s, ImGui::GetWindowContentRegionMax().x - width));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (TickKind k : kKinds) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        draw->AddLine(ImVec2(at.x + 4 * s, at.y + 2 * s), ImVec2(at.x + 4 * s, at.y + h),
                      tickColour(k), k == TickKind::Step ? 2.0f * s : 1.5f * s);
        ImGui::Dummy(ImVec2(10 * s, h));
        ImGui::SameLine(0, 2 * s);
        ImGui::TextDisabled("%s", scenario::tickKindName(k));
        ImGui::SameLine(0, 10 * s);
    }
    ImGui::NewLine();
}

void BriefingModule::drawScrubber(ConsoleState& state) {
    scenario::Timeline& tl = state.timeline;
    const float s = state.pixelScale;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = 18 * s;
    ImGui::InvisibleButton("##scrubber", ImVec2(width, height));
    const scenario::TimeSpan win = tl.window();
    const double span = std::max<double>(1.0, static_cast<double>(win.duration()));
    const auto xOf = [&](time::UnixMillis t) {
        return origin.x + static_cast<float>((t - win.start) / span) * width;
    };
    if (ImGui::IsItemActive()) {
        const float x = std::clamp(ImGui::GetIO().MousePos.x, origin.x, origin.x + width);
        tl.seek(win.start + static_cast<time::UnixMillis>((x - origin.x) / width * span));
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height),
                        IM_COL32(40, 50, 62, 255), 3);
    const scenario::TimeSpan sel = tl.selection();
    draw->AddRectFilled(ImVec2(xOf(sel.start), origin.y), ImVec2(xOf(sel.end), origin.y + height),
                        IM_COL32(70, 110, 150, 140), 3);
    // Hour marks, labelled as often as the width allows (every 1, 2, 3, 6 or 12 hours).
    const float labelWidth = ImGui::CalcTextSize("00:00").x + 12 * s;
    const double hours = span / time::kMillisPerHour;
    int every = 1;
    for (int candidate : {1, 2, 3, 6, 12, 24}) {
        every = candidate;
        if (width / hours * candidate >= labelWidth) break;
    }
    for (time::UnixMillis t = win.start - win.start % time::kMillisPerHour + time::kMillisPerHour;
         t < win.end; t += time::kMillisPerHour) {
        const float x = xOf(t);
        const int hour = time::toCivil(t).hour;
        const bool labelled = hour % every == 0;
        draw->AddLine(ImVec2(x, origin.y + height - (labelled ? 7 : 4) * s),
                      ImVec2(x, origin.y + height), IM_COL32(160, 170, 180, 160));
        if (labelled) {
            char text[8];
            std::snprintf(text, sizeof text, "%02d:00", hour);
            const float w = ImGui::CalcTextSize(text).x;
            draw->AddText(ImVec2(x - w / 2, origin.y + height + 1 * s),
                          IM_COL32(190, 200, 210, 255), text);
        }
    }
    const auto ticks = tl.ticksIn(win.start, win.end);
    for (const auto& tick : ticks) {
        const float x = xOf(tick.time);
        const float top = origin.y + (tick.kind == TickKind::Step ? 0 : 3 * s);
        draw->AddLine(ImVec2(x, top), ImVec2(x, origin.y + height * 0.65f), tickColour(tick.kind),
                      tick.kind == TickKind::Step ? 2.0f * s : 1.0f * s);
    }
    const float playhead = xOf(tl.now());
    draw->AddTriangleFilled(ImVec2(playhead - 5 * s, origin.y - 1),
                            ImVec2(playhead + 5 * s, origin.y - 1),
                            ImVec2(playhead, origin.y + 6 * s), IM_COL32(255, 220, 80, 255));
    draw->AddLine(ImVec2(playhead, origin.y), ImVec2(playhead, origin.y + height),
                  IM_COL32(255, 220, 80, 255), 2.0f * s);
    if (ImGui::IsItemHovered()) {
        const float x = ImGui::GetIO().MousePos.x;
        const auto t = win.start + static_cast<time::UnixMillis>((x - origin.x) / width * span);
        ImGui::BeginTooltip();
        ImGui::Text("%s", utcLabel(t).c_str());
        for (const auto& tick : ticks) {
            if (std::fabs(xOf(tick.time) - x) <= 3 * s)
                ImGui::TextColored(ImColor(tickColour(tick.kind)), "%s %s",
                                   scenario::tickKindName(tick.kind),
                                   time::formatDisplay(tick.time).c_str());
        }
        ImGui::EndTooltip();
    }
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));  // the hour labels' row
}

}  // namespace seawatch::ui::briefing_module_detail
