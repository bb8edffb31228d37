#pragma once
// Everything the console's panels read and edit. Panels are functions over this state;
// they keep only view state (open/closed, scroll) of their own.
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "seawatch/geo/map_view.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/ui/log_panel.hpp"

struct GLFWwindow;

namespace seawatch::ui {

struct PanelVisibility {
    bool layers = true;
    bool log = true;
    bool frameTime = true;
    bool fileBrowser = false;
    bool imguiDemo = false;
};

struct FileBrowserState {
    std::string directory;
    char pathInput[1024] = {};
    std::string selected;
    std::string error;
};

struct FrameTimes {
    std::deque<float> millis;  // most recent last
    void add(float ms) {
        millis.push_back(ms);
        if (millis.size() > 240) millis.pop_front();
    }
};

struct ConsoleState {
    GLFWwindow* window = nullptr;
    float pixelScale = 1.0f;
    geo::MapView view;
    std::unique_ptr<render::MapRenderer> renderer;
    LogState log;
    PanelVisibility panels;
    FileBrowserState fileBrowser;
    FrameTimes frameTimes;
    // Cursor position over the map, when it is over the map.
    bool cursorOnMap = false;
    geo::LonLat cursor;
    // Map area in framebuffer pixels (the window minus menu and status bars).
    int mapTopPx = 0;
    int mapBottomPx = 0;
    bool dragging = false;
    bool quit = false;
};

void drawMainMenu(ConsoleState& state);
void drawLayerPanel(ConsoleState& state);
void drawStatusBar(ConsoleState& state);
void drawFrameTimeOverlay(ConsoleState& state);
void drawFileBrowser(ConsoleState& state);
// Pan with drag, zoom with wheel around the cursor and with +/-; updates cursor position.
void handleMapInput(ConsoleState& state);
void showPreset(ConsoleState& state, const geo::GeoBox& box);

}  // namespace seawatch::ui
