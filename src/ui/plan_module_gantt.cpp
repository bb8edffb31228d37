// The plan view's Gantt chart: the day axis, the rows, the findings strip and the bars, and
// dragging, panning and zooming them. Members of the plan module (plan_module.hpp) in a file of
// their own: the chart is the module's largest drawing, and the only part with input of its own.
#include <imgui.h>

#include <algorithm>
#include <cstddef>

#include "plan_compare.hpp"
#include "plan_module.hpp"
#include "seawatch/analytics/plan_check.hpp"
#include "seawatch/analytics/plan_editor.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::ui::plan_module_detail {
namespace {

using analytics::FindingKind;

constexpr float kLabelWidth = 170.0f;
constexpr float kRowHeight = 18.0f;

}  // namespace

void PlanModule::drawGantt() {
    const float height = kRowHeight * static_cast<float>(layout_.rows.size() + 2) + 6.0f;
    ImGui::BeginChild("gantt", ImVec2(0, std::min(height, 360.0f)), true,
                      ImGuiWindowFlags_HorizontalScrollbar);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(100.0f, ImGui::GetContentRegionAvail().x - kLabelWidth);
    const analytics::GanttScale scale = scaleFor(origin.x + kLabelWidth, width);
    const float rowsY = origin.y + 2 * kRowHeight;
    const GanttFrame g{ImGui::GetWindowDrawList(),
                       origin,
                       width,
                       origin.y,
                       origin.y + kRowHeight,
                       rowsY,
                       rowsY + kRowHeight * static_cast<float>(layout_.rows.size()),
                       scale.x0 + width,
                       scale};
    drawGanttAxisAndRows(g);
    g.draw->PushClipRect(ImVec2(scale.x0, origin.y), ImVec2(g.right, g.bottom + 1), true);
    const analytics::Finding* hoveredFinding = drawGanttFindings(g);
    const analytics::GanttBar* hoveredBar = drawGanttBars(g);
    g.draw->PopClipRect();
    handleGanttInput(g, hoveredFinding, hoveredBar);
    ImGui::EndChild();
}

void PlanModule::drawGanttAxisAndRows(const GanttFrame& g) {
    // Day ticks and labels.
    const time::UnixMillis firstDay = g.scale.from - g.scale.from % time::kMillisPerDay;
    const int labelEvery = viewDays_ > 40 ? 7 : (viewDays_ > 10 ? 2 : 1);
    int day = 0;
    for (time::UnixMillis t = firstDay; t <= g.scale.to; t += time::kMillisPerDay, ++day) {
        const float x = g.scale.xAt(t);
        if (x < g.scale.x0) continue;
        g.draw->AddLine(ImVec2(x, g.axisY + kRowHeight - 4), ImVec2(x, g.bottom),
                        IM_COL32(255, 255, 255, 28));
        if (day % labelEvery == 0)
            g.draw->AddText(ImVec2(x + 2, g.axisY), IM_COL32(200, 200, 200, 255),
                            time::formatDate(t).substr(5).c_str());
    }
    g.draw->AddText(ImVec2(g.origin.x, g.findingsY), IM_COL32(239, 83, 80, 255), "Findings");
    for (std::size_t r = 0; r < layout_.rows.size(); ++r) {
        const float y = g.rowsY + kRowHeight * static_cast<float>(r);
        if (r % 2 == 0)
            g.draw->AddRectFilled(ImVec2(g.origin.x, y), ImVec2(g.right, y + kRowHeight),
                                  IM_COL32(255, 255, 255, 10));
        g.draw->AddText(ImVec2(g.origin.x + 2, y + 1), IM_COL32(220, 220, 220, 255),
                        layout_.rows[r].title.c_str());
    }
}

// Faults on the findings strip; returns the one under the mouse, explained in a tooltip.
const analytics::Finding* PlanModule::drawGanttFindings(const GanttFrame& g) {
    const ImVec2 mouse = ImGui::GetMousePos();
    const analytics::Finding* hovered = nullptr;
    for (const auto& f : editor_->check().findings) {
        if (!analytics::isFault(f.kind)) continue;
        const float x0 = std::max(g.scale.x0, g.scale.xAt(f.from));
        const float x1 = std::max(x0 + 3.0f, std::min(g.right, g.scale.xAt(f.to)));
        if (x1 < g.scale.x0 || x0 > g.right) continue;
        const bool gap = f.kind == FindingKind::DepartureGap ||
                         f.kind == FindingKind::SectorUncovered ||
                         f.kind == FindingKind::ReferenceGap;
        const ImU32 colour = gap ? IM_COL32(255, 167, 38, 170) : IM_COL32(239, 83, 80, 220);
        g.draw->AddRectFilled(ImVec2(x0, g.findingsY + 3), ImVec2(x1, g.findingsY + kRowHeight - 3),
                              colour);
        if (mouse.x >= x0 && mouse.x <= x1 && mouse.y >= g.findingsY &&
            mouse.y <= g.findingsY + kRowHeight)
            hovered = &f;
    }
    return hovered;
}

// Bars; a bar named by a fault is outlined in red; the selected one in white. Returns the
// bar under the mouse.
const analytics::GanttBar* PlanModule::drawGanttBars(const GanttFrame& g) {
    const ImVec2 mouse = ImGui::GetMousePos();
    const analytics::GanttBar* hovered = nullptr;
    for (const auto& bar : layout_.bars) {
        const float x0 = g.scale.xAt(bar.from);
        const float x1 = std::max(x0 + 2.0f, g.scale.xAt(bar.to));
        if (x1 < g.scale.x0 || x0 > g.right) continue;
        const float y = g.rowsY + kRowHeight * static_cast<float>(bar.row);
        const ImVec2 a(x0, y + 2), b(x1, y + kRowHeight - 2);
        g.draw->AddRectFilled(a, b, nationColours_[bar.nation], 3.0f);
        if (x1 - x0 > 40.0f) {
            g.draw->PushClipRect(a, b, true);
            g.draw->AddText(ImVec2(x0 + 3, y + 1), IM_COL32(255, 255, 255, 255), bar.label.c_str());
            g.draw->PopClipRect();
        }
        if (bar.faulty) g.draw->AddRect(a, b, IM_COL32(255, 60, 60, 255), 3.0f, 0, 2.0f);
        if (selected_ && *selected_ == bar.item)
            g.draw->AddRect(ImVec2(a.x - 2, a.y - 2), ImVec2(b.x + 2, b.y + 2), IM_COL32_WHITE,
                            3.0f, 0, 2.0f);
        if (mouse.x >= a.x && mouse.x <= b.x && mouse.y >= a.y && mouse.y <= b.y) hovered = &bar;
    }
    return hovered;
}

// Press on a bar selects it and starts a drag; moving drags it in time; release commits
// one undo step. Wheel pans, Ctrl+wheel zooms.
void PlanModule::handleGanttInput(const GanttFrame& g, const analytics::Finding* hoveredFinding,
                                  const analytics::GanttBar* hoveredBar) {
    const ImVec2 mouse = ImGui::GetMousePos();
    ImGui::SetCursorScreenPos(ImVec2(g.scale.x0, g.origin.y));
    ImGui::InvisibleButton("##ganttarea", ImVec2(g.width, std::max(g.bottom - g.origin.y, 1.0f)));
    const bool hovered = ImGui::IsItemHovered();
    if (ImGui::IsItemActivated() && hoveredBar) {
        selected_ = hoveredBar->item;
        const bool draggable = hoveredBar->item.kind != PlanItemKind::Sortie ||
                               ImGui::GetIO().KeyShift;  // sorties move with Shift held
        if (draggable && editor_->beginDrag(hoveredBar->item)) {
            dragPressX_ = mouse.x;
            dragStart_ = hoveredBar->from;
        }
    }
    if (editor_->dragging()) {
        if (ImGui::IsItemActive()) {
            const time::UnixMillis target = g.scale.dragTarget(dragStart_, dragPressX_, mouse.x);
            timed([&] {
                if (editor_->dragTo(target)) changed(true);
            });
            ImGui::SetTooltip("%s", shortTime(target).c_str());
        } else {
            timed([&] {
                editor_->endDrag();
                changed(true);
            });
        }
    }
    if (!hovered || editor_->dragging()) return;
    const float wheel = ImGui::GetIO().MouseWheel;
    if (wheel != 0.0f) {
        if (ImGui::GetIO().KeyCtrl) {
            viewDays_ = std::clamp(viewDays_ * (wheel > 0 ? 0.8f : 1.25f), 2.0f, 91.0f);
        } else {
            viewFrom_ -= static_cast<time::UnixMillis>(wheel * viewDays_ / 10.0f *
                                                       static_cast<float>(time::kMillisPerDay));
        }
    }
    if (hoveredFinding) {
        ImGui::SetTooltip("%s %s\n%s", analytics::findingKindLabel(hoveredFinding->kind),
                          shortTime(hoveredFinding->from).c_str(), hoveredFinding->text.c_str());
    } else if (hoveredBar) {
        ImGui::SetTooltip("%s\n%s - %s",
                          analytics::itemLabel(editor_->plan(), hoveredBar->item).c_str(),
                          shortTime(hoveredBar->from).c_str(), shortTime(hoveredBar->to).c_str());
    }
}

}  // namespace seawatch::ui::plan_module_detail
