// The Coverage panel: a strip of who covers which stretch of the corridor when, and the
// sector and unit names beside it. A member of the zones module (zone_module.hpp) in a file of
// its own: it is the module's largest drawing, and the alerts and the legend do not touch it.
#include <imgui.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "console_state.hpp"
#include "seawatch/render/zone_overlay.hpp"
#include "seawatch/time/utc.hpp"
#include "seawatch/zones/coverage.hpp"
#include "seawatch/zones/zone_style.hpp"
#include "zone_module.hpp"

namespace seawatch::ui::zone_module_detail {

namespace {

// White diagonal stripes over a gap cell, so a gap never reads as a red-toned navy.
void hatch(ImDrawList* draw, ImVec2 topLeft, ImVec2 bottomRight) {
    draw->PushClipRect(topLeft, bottomRight, true);
    const float height = bottomRight.y - topLeft.y;
    for (float x = topLeft.x - height; x < bottomRight.x; x += 7.0f) {
        draw->AddLine(ImVec2(x, bottomRight.y), ImVec2(x + height, topLeft.y),
                      IM_COL32(255, 255, 255, 150), 1.5f);
    }
    draw->PopClipRect();
}

}  // namespace

// The coverage strip: time across (the scenario window), corridor segments down from the
// A end, each cell in the colour of the unit covering it, gaps red, `now` a white line.
// Clicking seeks the clock; hovering names the units.
void ZoneModule::drawCoverage(ConsoleState& state) {
    const float scale = state.pixelScale;
    if (!beginDockedPanel(state, "Coverage", &showCoverage_, Edge::Left, 280 * scale)) {
        endDockedPanel(state);
        return;
    }
    const zones::CoverageTimeline& cov = *coverage_;
    const scenario::TimeSpan span =
        window_.duration() > 0 ? window_
                               : scenario::TimeSpan{cov.boundaries.front(), cov.boundaries.back()};
    ImGui::TextDisabled("Corridor A (top) to B; hours UTC; red: nobody covers it");
    // Row names (sector and the unit on it now) in a gutter left of the strip.
    const float gutter = 120 * scale;
    const ImVec2 panelOrigin = ImGui::GetCursorScreenPos();
    const ImVec2 origin(panelOrigin.x + gutter, panelOrigin.y);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float labelHeight = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 size(std::max(100.0f, avail.x - gutter), std::max(60.0f, avail.y - labelHeight));
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("strip", size);
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y),
                        IM_COL32(60, 60, 66, 255));
    const double duration = static_cast<double>(std::max<time::UnixMillis>(1, span.duration()));
    auto xOf = [&](time::UnixMillis t) {
        const double f = std::clamp((t - span.start) / duration, 0.0, 1.0);
        return origin.x + static_cast<float>(f) * size.x;
    };
    const std::size_t segments = cov.segments.size();
    const float rowHeight = size.y / static_cast<float>(std::max<std::size_t>(1, segments));
    for (std::size_t i = 0; i < cov.intervalCount(); ++i) {
        const float x0 = xOf(cov.boundaries[i]);
        const float x1 = std::max(x0 + 1.0f, xOf(cov.boundaries[i + 1]));
        for (std::size_t s = 0; s < segments; ++s) {
            const auto& units = cov.covering(i, s);
            const ImU32 colour =
                units.empty()
                    ? imColour(render::kCoverageGapColour)
                    : imColour(zones::ownerColour(schedule_->assignments[units[0]].nation));
            const float y0 = origin.y + s * rowHeight;
            draw->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y0 + rowHeight), colour);
            if (units.empty()) hatch(draw, ImVec2(x0, y0), ImVec2(x1, y0 + rowHeight));
        }
    }
    drawCoverageRowNames(state, draw, ImVec2(panelOrigin.x, origin.y), gutter - 6 * scale,
                         rowHeight);
    const float nowX = xOf(state.now);
    draw->AddLine(ImVec2(nowX, origin.y), ImVec2(nowX, origin.y + size.y),
                  IM_COL32(255, 255, 255, 255), 2.0f);
    // Hour ticks along the bottom, labelled every six hours.
    for (time::UnixMillis t = (span.start / time::kMillisPerHour + 1) * time::kMillisPerHour;
         t < span.end; t += time::kMillisPerHour) {
        const float x = xOf(t);
        const bool major = (t / time::kMillisPerHour) % 6 == 0;
        draw->AddLine(ImVec2(x, origin.y + size.y), ImVec2(x, origin.y + size.y + (major ? 6 : 3)),
                      IM_COL32(200, 200, 200, 255));
        if (major) {
            const std::string label = time::formatDisplay(t).substr(11, 5);
            draw->AddText(ImVec2(x + 2, origin.y + size.y + 1), IM_COL32(200, 200, 200, 255),
                          label.c_str());
        }
    }
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const auto mouseTime = static_cast<time::UnixMillis>(
        span.start + std::clamp((mouse.x - origin.x) / size.x, 0.0f, 1.0f) * duration);
    if (clicked) {
        state.timeline.seek(mouseTime);
        state.now = state.timeline.now();
    }
    if (hovered && segments > 0) {
        const auto s = static_cast<std::size_t>(
            std::clamp((mouse.y - origin.y) / rowHeight, 0.0f, static_cast<float>(segments - 1)));
        ImGui::BeginTooltip();
        ImGui::Text("%s, %.0f\xE2\x80\x93%.0f nm from A", time::formatDisplay(mouseTime).c_str(),
                    cov.segments[s].fromNm, cov.segments[s].toNm);
        if (const auto interval = cov.intervalAt(mouseTime)) {
            const auto& units = cov.covering(*interval, s);
            if (units.empty()) {
                ImGui::TextColored(imVec(render::kCoverageGapColour), "no unit assigned");
            }
            for (std::uint32_t a : units) {
                const auto& assignment = schedule_->assignments[a];
                ImGui::TextColored(imVec(render::toRgba(zones::ownerColour(assignment.nation))),
                                   "%s", assignment.unit.c_str());
                ImGui::SameLine();
                ImGui::TextDisabled("%s, %s", assignment.nation.c_str(), assignment.sector.c_str());
            }
        } else {
            ImGui::TextDisabled("outside the schedule window");
        }
        ImGui::TextDisabled("click to move the clock here");
        ImGui::EndTooltip();
    }
    endDockedPanel(state);
}

// Consecutive segments in the same patrol sector share one name: "Sector 4", and under it
// the unit covering the sector's middle at `now` ("no unit" in red).
void ZoneModule::drawCoverageRowNames(ConsoleState& state, ImDrawList* draw, ImVec2 origin,
                                      float width, float rowHeight) const {
    const zones::CoverageTimeline& cov = *coverage_;
    const auto interval = cov.intervalAt(state.now);
    const float line = ImGui::GetTextLineHeight();
    draw->PushClipRect(origin, ImVec2(origin.x + width, origin.y + rowHeight * cov.segments.size()),
                       true);
    std::size_t first = 0;
    while (first < cov.segments.size()) {
        const auto sectorOf = [&](std::size_t i) {
            const auto& z = cov.segments[i].sectorZones;
            return z.empty() ? SIZE_MAX : static_cast<std::size_t>(z[0]);
        };
        std::size_t last = first;
        while (last + 1 < cov.segments.size() && sectorOf(last + 1) == sectorOf(first)) ++last;
        const float y0 = origin.y + first * rowHeight;
        const float y1 = origin.y + (last + 1) * rowHeight;
        draw->AddLine(ImVec2(origin.x, y0), ImVec2(origin.x + width, y0),
                      IM_COL32(110, 110, 120, 255));
        std::string sector = "outside sectors";
        if (sectorOf(first) != SIZE_MAX) {
            sector = (*zones_)[sectorOf(first)].name;
            if (sector.rfind("IRTC ", 0) == 0) sector = sector.substr(5);
        }
        std::string unit;
        ImU32 unitColour = imColour(render::kCoverageGapColour);
        if (interval) {
            const auto& units = cov.covering(*interval, (first + last) / 2);
            if (units.empty()) {
                unit = "no unit";
            } else {
                const auto& a = schedule_->assignments[units[0]];
                unit = a.unit;
                unitColour = imColour(zones::ownerColour(a.nation));
            }
        }
        const float mid = (y0 + y1) / 2;
        if (y1 - y0 >= 2 * line) {
            draw->AddText(ImVec2(origin.x, mid - line), IM_COL32(225, 225, 230, 255),
                          sector.c_str());
            draw->AddText(ImVec2(origin.x, mid), unitColour, unit.c_str());
        } else if (y1 - y0 >= line * 0.8f) {
            draw->AddText(ImVec2(origin.x, mid - line / 2), IM_COL32(225, 225, 230, 255),
                          sector.c_str());
        }
        first = last + 1;
    }
    draw->PopClipRect();
}

}  // namespace seawatch::ui::zone_module_detail
