// The console's legend (what the map draws now, from the renderer's last frame: only the
// classes in view) and the keyboard shortcuts window.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "console_state.hpp"
#include "seawatch/render/hud.hpp"

namespace seawatch::ui {

namespace {

// The edge of a symbol on the panel's dark background, so that a dark symbol (a military
// hull, a radar contact's diamond) is seen there as it is on the light chart.
constexpr ImU32 kEdgeOnDark = IM_COL32(215, 220, 230, 210);

ImU32 toImColour(render::Rgba c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}

// A legend shape of half-size `r` around `c`, the map's marker outline
// (render::legendShapeOutline) in ImGui's points; returns how many (0 for a dot).
int incidentShape(render::LegendSymbol symbol, ImVec2 c, float r, ImVec2 (&out)[4]) {
    const auto outline = render::legendShapeOutline(symbol, {c.x, c.y}, r);
    const int n = static_cast<int>(std::min<std::size_t>(outline.size(), 4));
    for (int i = 0; i < n; ++i) {
        const auto& p = outline[static_cast<std::size_t>(i)];
        out[i] = ImVec2(static_cast<float>(p.x), static_cast<float>(p.y));
    }
    return n;
}

// A marker in small, as the map draws it (incidents, planned group positions): a white halo,
// then the shape filled, or outlined as the map outlines it, with its centre dot if any.
void drawHaloedSymbol(ImDrawList* draw, ImVec2 centre, const render::LegendEntry& e, float size) {
    const float h = size / 2;
    const ImU32 colour = toImColour(e.colour);
    const ImU32 halo = IM_COL32(255, 255, 255, 230);
    const float stroke = std::max(1.5f, size / 7);
    if (e.symbol == render::LegendSymbol::Dot) {
        draw->AddCircleFilled(centre, h * 0.85f, halo);
        if (e.hollow) {
            draw->AddCircle(centre, h * 0.55f, colour, 0, stroke);
        } else {
            draw->AddCircleFilled(centre, h * 0.65f, colour);
        }
        return;
    }
    ImVec2 points[4];
    draw->AddConvexPolyFilled(points, incidentShape(e.symbol, centre, h, points), halo);
    if (e.hollow) {
        const int n = incidentShape(e.symbol, centre, h * 0.62f, points);
        draw->AddPolyline(points, n, colour, ImDrawFlags_Closed, stroke);
    } else {
        draw->AddConvexPolyFilled(points, incidentShape(e.symbol, centre, h * 0.72f, points),
                                  colour);
    }
    if (e.centreDot) draw->AddCircleFilled(centre, h * 0.2f, colour);
}

// The same symbols as the legend burnt into `render` and `brief` pictures.
void drawSymbol(ImDrawList* draw, ImVec2 centre, const render::LegendEntry& e, float size) {
    const float h = size / 2;
    const ImU32 colour = toImColour(e.colour);
    if (e.haloed) {
        drawHaloedSymbol(draw, centre, e, size);
        return;
    }
    switch (e.symbol) {
        case render::LegendSymbol::Area:
            draw->AddRectFilled({centre.x - h, centre.y - h * 0.7f},
                                {centre.x + h, centre.y + h * 0.7f}, colour);
            if (e.outline.a > 0)
                draw->AddRect({centre.x - h, centre.y - h * 0.7f},
                              {centre.x + h, centre.y + h * 0.7f}, toImColour(e.outline), 0, 0,
                              1.5f);
            break;
        case render::LegendSymbol::Line:
            if (e.outline.a > 0)
                draw->AddLine({centre.x - h, centre.y}, {centre.x + h, centre.y},
                              toImColour(e.outline), size / 2.2f);
            draw->AddLine({centre.x - h, centre.y}, {centre.x + h, centre.y}, colour, size / 3.5f);
            break;
        case render::LegendSymbol::Dot:
            draw->AddCircleFilled(centre, h * 0.85f, IM_COL32(255, 255, 255, 230));
            draw->AddCircleFilled(centre, h * 0.65f, colour);
            break;
        case render::LegendSymbol::Ring:
            draw->AddCircle(centre, h * 0.75f, colour, 0, 2.0f);
            break;
        case render::LegendSymbol::Diamond:
        case render::LegendSymbol::Triangle:
        case render::LegendSymbol::Square: {
            ImVec2 points[4];
            const int n = incidentShape(e.symbol, centre, h, points);
            draw->AddConvexPolyFilled(points, n, colour);
            draw->AddPolyline(points, n, kEdgeOnDark, ImDrawFlags_Closed, 1.0f);
            break;
        }
        case render::LegendSymbol::Vessel: {
            const ImVec2 hull[] = {{centre.x, centre.y - h},
                                   {centre.x + h * 0.55f, centre.y + h * 0.2f},
                                   {centre.x + h * 0.45f, centre.y + h},
                                   {centre.x - h * 0.45f, centre.y + h},
                                   {centre.x - h * 0.55f, centre.y + h * 0.2f}};
            draw->AddConvexPolyFilled(hull, 5, colour);
            // Light, not the map's dark edge: a dark hull (military) must show on the panel.
            draw->AddPolyline(hull, 5, kEdgeOnDark, ImDrawFlags_Closed, 1.0f);
            break;
        }
    }
}

}  // namespace

void drawLegendPanel(ConsoleState& state) {
    const auto& entries = state.renderer->lastLegend();
    const float s = state.pixelScale;
    // Sized to its rows, so a quiet picture gets a small legend and a busy one is read
    // without scrolling when the column has the room (stackPanels shrinks it when not).
    std::vector<std::string> groups;
    for (const auto& e : entries)
        if (std::find(groups.begin(), groups.end(), e.group) == groups.end())
            groups.push_back(e.group);
    const float rows = static_cast<float>(entries.size() + groups.size());
    const float height = ImGui::GetFrameHeight() +
                         std::max(1.0f, rows) * ImGui::GetTextLineHeightWithSpacing() + 14 * s;
    if (!beginDockedPanel(state, "Legend", &state.panels.legend, Edge::Right, height)) {
        endDockedPanel(state);
        return;
    }
    if (entries.empty()) ImGui::TextDisabled("Nothing on the map to explain.");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float symbol = ImGui::GetTextLineHeight() * 0.9f;
    for (const std::string& group : groups) {
        ImGui::TextDisabled("%s", group.c_str());
        for (const auto& e : entries) {
            if (e.group != group) continue;
            const ImVec2 at = ImGui::GetCursorScreenPos();
            drawSymbol(draw, {at.x + symbol / 2 + 2 * s, at.y + ImGui::GetTextLineHeight() / 2}, e,
                       symbol);
            ImGui::Dummy(ImVec2(symbol + 6 * s, ImGui::GetTextLineHeight()));
            ImGui::SameLine();
            ImGui::TextUnformatted(e.text.c_str());
        }
    }
    endDockedPanel(state);
}

void drawHelpWindow(ConsoleState& state) {
    if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) state.panels.help = !state.panels.help;
    if (!state.panels.help) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Keyboard shortcuts", &state.panels.help,
                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    static constexpr std::string_view kShortcuts[][2] = {
        {"Drag, arrow keys", "Pan the map"},
        {"Wheel, + / -", "Zoom (around the cursor with the wheel)"},
        {"Click", "Select a vessel, incident or alert"},
        {"Space", "Play or pause the exercise or archive replay clock"},
        {", / .", "Previous / next step or inject"},
        {"[ / ]", "Slower / faster clock"},
        {"F5", "Presenter mode (full screen briefing)"},
        {"Right, PageDown, Space", "Next briefing step (presenter mode)"},
        {"Left, PageUp", "Previous briefing step (presenter mode)"},
        {"Esc", "Leave presenter mode"},
        {"M", "Measure range and bearing between two clicked points"},
        {"E", "EBL/VRM: bearing line and range ring from a point or vessel"},
        {"C", "CPA of two clicked vessels (CPA, TCPA, range, bearing)"},
        {"Esc", "Put the measuring tool down (its lines stay)"},
        {"Delete", "Remove the measuring tools' lines"},
        {"Ctrl+O", "Add a chart"},
        {"Ctrl+Q", "Quit"},
        {"F1", "This list"},
    };
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        ImGui::TableSetupColumn("Keys", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (const auto& row : kShortcuts) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row[0].data(), row[0].data() + row[0].size());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row[1].data(), row[1].data() + row[1].size());
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace seawatch::ui
