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
    // Into the map's free area: the bars and the panel columns cover the rest.
    state.view = viewFittingArea(box, state.view.widthPx(), state.view.heightPx(),
                                 freeMapArea(state));
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
        ImGui::MenuItem("Legend", nullptr, &state.panels.legend);
        ImGui::MenuItem("Layers", nullptr, &state.panels.layers);
        ImGui::MenuItem("Log", nullptr, &state.panels.log);
        for (auto& module : state.modules) module->drawPanelMenu(state);
        ImGui::Separator();
        ImGui::MenuItem("Left column", nullptr, &state.dock.left.open);
        ImGui::MenuItem("Right column", nullptr, &state.dock.right.open);
        if (ImGui::BeginMenu("Developer")) {
            ImGui::MenuItem("Frame time", nullptr, &state.panels.frameTime);
            ImGui::MenuItem("ImGui demo", nullptr, &state.panels.imguiDemo);
            ImGui::EndMenu();
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Keyboard shortcuts", "F1")) state.panels.help = true;
        ImGui::EndMenu();
    }
    state.mapTopPx = static_cast<int>(ImGui::GetWindowSize().y);
    ImGui::EndMainMenuBar();
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
    // At the bottom-right of the free map area, clear of the legend and the columns.
    const Rect map = state.dock.split.map;
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + map.right() - pad, vp->Pos.y + map.bottom() - pad),
                            ImGuiCond_Always, ImVec2(1, 1));
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
