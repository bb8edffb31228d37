// The console's edge columns: docked panels placed from the previous frame's list, the fold
// buttons, and the map's free area handed to the renderer and to fly-to.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "console_state.hpp"

namespace seawatch::ui {

namespace {

bool hasPanelsOn(const DockState& dock, Edge edge) {
    return std::any_of(dock.previous.begin(), dock.previous.end(),
                       [&](const DockState::Entry& e) { return e.edge == edge; });
}

ColumnSettings& columnOf(DockState& dock, Edge edge) {
    return edge == Edge::Left ? dock.left : dock.right;
}

// A handle along the column's inner edge, in the gap beside its panels: dragging it
// resizes the column within columnWidthLimits. The width is kept in the dock state for the
// session and saved with the console's settings.
void drawColumnSplitter(ConsoleState& state, Edge edge, const Rect& column, float topSkip) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float s = state.pixelScale;
    const float handle = 6 * s;
    const float x = edge == Edge::Left ? column.right() - handle / 2 : column.x - handle / 2;
    const float height = column.h - topSkip;
    if (height <= 0) return;
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + x, vp->Pos.y + column.y + topSkip),
                            ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(handle, height), ImGuiCond_Always);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));
    const char* id = edge == Edge::Left ? "##splitLeft" : "##splitRight";
    if (ImGui::Begin(id, nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBackground |
                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav)) {
        ImGui::InvisibleButton("edge", ImVec2(handle, height));
        const bool active = ImGui::IsItemActive();
        if (active || ImGui::IsItemHovered()) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
            ImDrawList* draw = ImGui::GetWindowDrawList();
            const ImVec2 p = ImGui::GetItemRectMin();
            draw->AddRectFilled(
                ImVec2(p.x + handle / 2 - 1 * s, p.y),
                ImVec2(p.x + handle / 2 + 1 * s, p.y + height),
                ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive : ImGuiCol_SeparatorHovered));
        }
        if (ImGui::IsItemHovered() && !active)
            ImGui::SetTooltip("Drag to make the panels wider or narrower");
        if (active && ImGui::GetIO().MouseDelta.x != 0.0f) {
            ColumnSettings& settings = columnOf(state.dock, edge);
            settings.width = draggedColumnWidth(settings.width, ImGui::GetIO().MouseDelta.x,
                                                edge == Edge::Left, vp->Size.x);
        }
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
}

}  // namespace

void beginDock(ConsoleState& state) {
    DockState& dock = state.dock;
    dock.previous = std::move(dock.current);
    dock.current.clear();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ScreenInput in;
    in.width = vp->Size.x;
    in.height = vp->Size.y;
    in.topBarPx = static_cast<float>(state.mapTopPx);
    in.bottomBarsPx = dock.bottomBarsPx;
    in.left = dock.left;
    in.right = dock.right;
    in.leftHasPanels = hasPanelsOn(dock, Edge::Left);
    in.rightHasPanels = hasPanelsOn(dock, Edge::Right);
    in.stripPx = 24 * state.pixelScale;
    dock.split = splitScreen(in);
}

bool beginDockedPanel(ConsoleState& state, const char* name, bool* open, Edge edge,
                      float preferredHeight, int flags) {
    DockState& dock = state.dock;
    if (open && !*open) {
        dock.begun.push_back(false);
        return false;
    }
    dock.current.push_back({name, edge, {preferredHeight, false}});
    if (!columnOf(dock, edge).open) {  // folded away: it keeps its column's strip
        dock.begun.push_back(false);
        return false;
    }
    // This column's panels as last frame had them, with this one appended if it is new.
    std::vector<PanelSlot> slots;
    std::size_t index = SIZE_MAX;
    for (const DockState::Entry& e : dock.previous) {
        if (e.edge != edge) continue;
        if (e.name == name) {
            index = slots.size();
            slots.push_back({preferredHeight, e.slot.collapsed});
        } else {
            slots.push_back(e.slot);
        }
    }
    if (index == SIZE_MAX) {
        index = slots.size();
        slots.push_back({preferredHeight, false});
    }
    const float s = state.pixelScale;
    const Rect column = edge == Edge::Left ? dock.split.left : dock.split.right;
    const auto rects = stackPanels(column, slots, 4 * s, ImGui::GetFrameHeight(), 90 * s);
    const Rect r = rects[index];
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + r.x, vp->Pos.y + r.y), ImGuiCond_Always);
    if (!slots[index].collapsed) ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
    const bool visible = ImGui::Begin(name, open,
                                      flags | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                          ImGuiWindowFlags_NoSavedSettings);
    dock.begun.push_back(true);
    dock.current.back().slot.collapsed = ImGui::IsWindowCollapsed();
    return visible;
}

void endDockedPanel(ConsoleState& state) {
    DockState& dock = state.dock;
    if (dock.begun.empty()) return;
    if (dock.begun.back()) ImGui::End();
    dock.begun.pop_back();
}

void endDock(ConsoleState& state) {
    DockState& dock = state.dock;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float s = state.pixelScale;
    dock.bottomBarsPx = std::max(0.0f, vp->Size.y - static_cast<float>(state.mapBottomPx));
    // A fold button at the inner top corner of each column that has panels.
    for (Edge edge : {Edge::Left, Edge::Right}) {
        const bool any = std::any_of(dock.current.begin(), dock.current.end(),
                                     [&](const DockState::Entry& e) { return e.edge == edge; });
        if (!any) continue;
        ColumnSettings& column = columnOf(dock, edge);
        const Rect r = edge == Edge::Left ? dock.split.left : dock.split.right;
        const float bw = 20 * s, bh = 26 * s;
        const float x = !column.open ? r.x : edge == Edge::Left ? r.right() : r.x - bw;
        ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + x, vp->Pos.y + r.y + 4 * s), ImGuiCond_Always);
        ImGui::SetNextWindowSize(ImVec2(bw, bh), ImGuiCond_Always);
        ImGui::SetNextWindowBgAlpha(0.0f);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        const char* id = edge == Edge::Left ? "##foldLeft" : "##foldRight";
        if (ImGui::Begin(id, nullptr,
                         ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoFocusOnAppearing)) {
            // Points the way the column will go.
            const bool pointsLeft = (edge == Edge::Left) == column.open;
            if (ImGui::Button(pointsLeft ? "\xE2\x97\x80" : "\xE2\x96\xB6", ImVec2(bw, bh)))
                column.open = !column.open;
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip(column.open ? "Fold the panels away" : "Show the panels");
        }
        ImGui::End();
        ImGui::PopStyleVar();
        if (column.open) drawColumnSplitter(state, edge, r, bh + 8 * s);
    }
    const Rect map = freeMapArea(state);
    const float fbScale = ImGui::GetIO().DisplayFramebufferScale.x;
    state.renderer->style().insetLeftPx = map.x;
    state.renderer->style().insetRightPx = std::max(0.0f, vp->Size.x * fbScale - map.right());
    if (dock.settling.observe(dock.split) && state.pendingFraming) {
        showPreset(state, state.pendingFraming(static_cast<int>(std::lround(map.w)),
                                               static_cast<int>(std::lround(map.h))));
        state.pendingFraming = nullptr;
    }
}

Rect freeMapArea(const ConsoleState& state) {
    const float fbScale = std::max(1.0f, ImGui::GetIO().DisplayFramebufferScale.x);
    const float width = static_cast<float>(state.view.widthPx());
    const float top = static_cast<float>(state.mapTopPx);
    const float bottom = static_cast<float>(state.mapBottomPx);
    if (state.presenterMode || state.dock.split.map.w <= 0)
        return {0, top, width, std::max(1.0f, bottom - top)};
    const Rect& m = state.dock.split.map;
    return {m.x * fbScale, top, m.w * fbScale, std::max(1.0f, bottom - top)};
}

}  // namespace seawatch::ui
