// The console's chart-side panels: main menu, layers, status bar, frame-time overlay.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "console_state.hpp"
#include "seawatch/geo/presets.hpp"

namespace seawatch::ui {

void showPreset(ConsoleState& state, const geo::GeoBox& box) {
    const int w = state.view.widthPx();
    const int h = std::max(1, state.mapBottomPx - state.mapTopPx);
    geo::MapView fitted = geo::MapView::fitting(box, w, h);
    // The map area is offset by the menu bar; shift the centre so the box sits inside it.
    const double shiftPx = (state.mapTopPx - (state.view.heightPx() - state.mapBottomPx)) / 2.0;
    geo::Mercator c = fitted.center();
    c.y += shiftPx * fitted.metresPerPixel();
    state.view = geo::MapView(c, fitted.metresPerPixel(), w, state.view.heightPx());
}

void updateViewFlight(ConsoleState& state) {
    const double now = ImGui::GetTime();
    if (state.flyTo) {
        const geo::MapView before = state.view;
        showPreset(state, *state.flyTo);
        state.flight = ConsoleState::Flight{before, state.view, now, 1.2};
        state.view = before;
        state.flyTo.reset();
    }
    if (!state.flight) return;
    // Interrupted by the user: a drag or a wheel turn takes the map back.
    ImGuiIO& io = ImGui::GetIO();
    if (!io.WantCaptureMouse && (state.dragging || io.MouseWheel != 0.0f)) {
        state.flight.reset();
        return;
    }
    const double t = (now - state.flight->startedAt) / state.flight->seconds;
    geo::MapView v = geo::MapView::interpolate(state.flight->from, state.flight->to, t);
    v.resize(state.view.widthPx(), state.view.heightPx());
    state.view = v;
    if (t >= 1.0) state.flight.reset();
}

void drawMainMenu(ConsoleState& state) {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Add chart\xE2\x80\xA6", "Ctrl+O")) state.panels.fileBrowser = true;
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) state.quit = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        for (const auto& preset : geo::kPresetViews) {
            if (ImGui::MenuItem(preset.name)) showPreset(state, preset.box);
        }
        ImGui::Separator();
        ImGui::MenuItem("Graticule", nullptr, &state.renderer->style().showGraticule);
        ImGui::MenuItem("Scale bar", nullptr, &state.renderer->style().showScaleBar);
        ImGui::Separator();
        // Day, dusk and night colour tables, as a chart plotter's (S-52).
        for (charts::PaletteKind kind :
             {charts::PaletteKind::Day, charts::PaletteKind::Dusk, charts::PaletteKind::Night}) {
            const char* labels[] = {"Day palette", "Dusk palette", "Night palette"};
            if (ImGui::MenuItem(labels[static_cast<int>(kind)], nullptr,
                                state.renderer->style().palette == kind))
                state.renderer->setPalette(kind);
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Panels")) {
        ImGui::MenuItem("Layers", nullptr, &state.panels.layers);
        ImGui::MenuItem("Log", nullptr, &state.panels.log);
        ImGui::MenuItem("Frame time", nullptr, &state.panels.frameTime);
        for (auto& module : state.modules) module->drawPanelMenu(state);
        ImGui::Separator();
        ImGui::MenuItem("ImGui demo", nullptr, &state.panels.imguiDemo);
        ImGui::EndMenu();
    }
    state.mapTopPx = static_cast<int>(ImGui::GetWindowSize().y);
    ImGui::EndMainMenuBar();
}

void drawLayerPanel(ConsoleState& state) {
    const float s = state.pixelScale;
    ImGui::SetNextWindowPos(ImVec2(10 * s, state.mapTopPx + 10 * s), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(380 * s, 240 * s), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Layers", &state.panels.layers)) {
        ImGui::End();
        return;
    }
    auto& layers = state.renderer->layers();
    ImGui::TextDisabled("Drawn bottom to top. Drag a name to reorder.");
    int moveFrom = -1, moveTo = -1, remove = -1;
    // Top of the list = top of the map, as in QGIS.
    for (int row = static_cast<int>(layers.size()) - 1; row >= 0; --row) {
        auto& layer = layers[static_cast<std::size_t>(row)];
        ImGui::PushID(layer.id);
        ImGui::Checkbox("##visible", &layer.visible);
        ImGui::SameLine();
        ImGui::Selectable(layer.name.c_str(), false, 0,
                          ImVec2(ImGui::GetContentRegionAvail().x - 150 * state.pixelScale, 0));
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s\n%s, %zu features", layer.source.c_str(),
                              layer.kind == render::LayerKind::Raster ? "raster" : "vector",
                              layer.featureCount);
        }
        if (ImGui::BeginDragDropSource()) {
            ImGui::SetDragDropPayload("LAYER_ROW", &row, sizeof row);
            ImGui::TextUnformatted(layer.name.c_str());
            ImGui::EndDragDropSource();
        }
        if (ImGui::BeginDragDropTarget()) {
            if (const ImGuiPayload* p = ImGui::AcceptDragDropPayload("LAYER_ROW")) {
                moveFrom = *static_cast<const int*>(p->Data);
                moveTo = row;
            }
            ImGui::EndDragDropTarget();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(90 * state.pixelScale);
        ImGui::SliderFloat("##opacity", &layer.opacity, 0.0f, 1.0f, "%.2f");
        ImGui::SameLine();
        if (ImGui::SmallButton("\xE2\x96\xB2") && row + 1 < static_cast<int>(layers.size())) {
            moveFrom = row;
            moveTo = row + 1;
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("\xE2\x96\xBC") && row > 0) {
            moveFrom = row;
            moveTo = row - 1;
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) remove = layer.id;
        ImGui::PopID();
    }
    if (moveFrom >= 0)
        state.renderer->moveLayer(static_cast<std::size_t>(moveFrom),
                                  static_cast<std::size_t>(moveTo));
    if (remove >= 0) state.renderer->removeLayer(remove);
    ImGui::Separator();
    if (ImGui::Button("Add chart\xE2\x80\xA6")) state.panels.fileBrowser = true;
    ImGui::End();
}

void drawStatusBar(ConsoleState& state) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float height = ImGui::GetFrameHeight() + 4 * state.pixelScale;
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - height));
    ImGui::SetNextWindowSize(ImVec2(vp->Size.x, height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 2));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
    if (ImGui::Begin("##status", nullptr, flags)) {
        if (state.cursorOnMap) {
            ImGui::Text("%s  %s   (%.5f, %.5f)", geo::formatLatDM(state.cursor.lat).c_str(),
                        geo::formatLonDM(state.cursor.lon).c_str(), state.cursor.lat,
                        state.cursor.lon);
        } else {
            ImGui::TextDisabled("cursor off the map");
        }
        // Fixed column for the cursor so the rest does not jump as the digits change.
        ImGui::SameLine(360 * state.pixelScale);
        const double metresPerPixel =
            state.view.nauticalMilesPerPixel() * geo::kMetresPerNauticalMile;
        if (metresPerPixel >= 1000) {
            ImGui::Text("1 px = %.2f km", metresPerPixel / 1000);
        } else {
            ImGui::Text("1 px = %.0f m", metresPerPixel);
        }
        for (auto& module : state.modules) {
            ImGui::SameLine(0, 24 * state.pixelScale);
            module->drawStatus(state);
        }
    }
    state.mapBottomPx = static_cast<int>(vp->Size.y - height);
    ImGui::End();
    ImGui::PopStyleVar(2);
}

void drawFrameTimeOverlay(ConsoleState& state) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float pad = 10 * state.pixelScale;
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - pad, vp->Pos.y + state.mapTopPx + pad),
                            ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowBgAlpha(0.6f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
    if (ImGui::Begin("##frametime", &state.panels.frameTime, flags)) {
        const auto& ms = state.frameTimes.millis;
        float worst = 0, sum = 0;
        std::vector<float> values(ms.begin(), ms.end());
        for (float v : values) {
            worst = std::max(worst, v);
            sum += v;
        }
        const float mean = values.empty() ? 0 : sum / static_cast<float>(values.size());
        ImGui::Text("frame %.1f ms (worst %.1f)", mean, worst);
        ImGui::PlotLines("##ms", values.data(), static_cast<int>(values.size()), 0, nullptr, 0.0f,
                         std::max(33.0f, worst),
                         ImVec2(200 * state.pixelScale, 40 * state.pixelScale));
    }
    ImGui::End();
}

void handleMapInput(ConsoleState& state) {
    ImGuiIO& io = ImGui::GetIO();
    const double sx = io.MousePos.x * io.DisplayFramebufferScale.x;
    const double sy = io.MousePos.y * io.DisplayFramebufferScale.y;
    const bool inside = io.MousePos.x >= 0 && sy >= state.mapTopPx && sy < state.mapBottomPx;
    state.cursorOnMap = inside && !io.WantCaptureMouse;
    if (state.cursorOnMap) state.cursor = state.view.toLonLat({sx, sy});
    if (!io.WantCaptureMouse) {
        if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 1.0f) || state.dragging) {
            state.dragging = ImGui::IsMouseDown(ImGuiMouseButton_Left);
            state.view.panPixels(io.MouseDelta.x * io.DisplayFramebufferScale.x,
                                 io.MouseDelta.y * io.DisplayFramebufferScale.y);
        }
        if (io.MouseWheel != 0.0f && inside) {
            state.view.zoomAround({sx, sy}, std::pow(1.25, io.MouseWheel));
        }
    } else {
        state.dragging = false;
    }
    if (!io.WantCaptureKeyboard) {
        const geo::ScreenPoint centre{state.view.widthPx() / 2.0,
                                      (state.mapTopPx + state.mapBottomPx) / 2.0};
        for (ImWchar c : io.InputQueueCharacters) {
            if (c == '+' || c == '=') state.view.zoomAround(centre, 1.5);
            if (c == '-' || c == '_') state.view.zoomAround(centre, 1.0 / 1.5);
        }
        if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O)) state.panels.fileBrowser = true;
        if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q)) state.quit = true;
        const float step = 60.0f * state.pixelScale;
        if (state.presenterMode) return;  // arrows step the briefing there
        if (ImGui::IsKeyPressed(GLFW_KEY_LEFT)) state.view.panPixels(step, 0);
        if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT)) state.view.panPixels(-step, 0);
        if (ImGui::IsKeyPressed(GLFW_KEY_UP)) state.view.panPixels(0, step);
        if (ImGui::IsKeyPressed(GLFW_KEY_DOWN)) state.view.panPixels(0, -step);
    }
}

}  // namespace seawatch::ui
