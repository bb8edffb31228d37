#pragma once
// Everything the console's panels read and edit. Panels are functions over this state;
// they keep only view state (open/closed, scroll) of their own.
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "console_module.hpp"
#include "seawatch/ais/track_store.hpp"
#include "seawatch/analytics/live_picture.hpp"
#include "seawatch/geo/map_view.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/scenario/scene.hpp"
#include "seawatch/scenario/timeline.hpp"
#include "seawatch/station/archive_reader.hpp"
#include "seawatch/station/incident_mirror.hpp"
#include "seawatch/station/plan_link.hpp"
#include "seawatch/time/utc.hpp"
#include "seawatch/ui/layer_model.hpp"
#include "seawatch/ui/layer_settings.hpp"
#include "seawatch/ui/layout.hpp"
#include "seawatch/ui/log_panel.hpp"

struct GLFWwindow;

namespace seawatch::ui {

// First start: the map, a compact legend and the alert list, nothing else.
struct PanelVisibility {
    bool layers = false;
    bool legend = true;
    bool log = false;        // opens by itself when an error is logged
    bool frameTime = false;  // Developer menu
    bool fileBrowser = false;
    bool imguiDemo = false;  // Developer menu
    bool help = false;
};

enum class Edge { Left, Right };

// The panel columns at the screen edges (Dear ImGui 1.86 has no docking). Docked panels
// ask for a place each frame; they are laid out from the previous frame's list, so a panel
// opened or closed moves the others one frame later.
struct DockState {
    ColumnSettings left{330, true};
    ColumnSettings right{390, true};
    struct Entry {
        std::string name;
        Edge edge = Edge::Left;
        PanelSlot slot;
    };
    std::vector<Entry> previous, current;
    ScreenSplit split;        // this frame's
    LayoutSettling settling;  // whether the split has stopped moving since start-up
    float bottomBarsPx = 90;  // timeline and status bar, as last measured
    std::vector<bool> begun;  // per open beginDockedPanel: whether ImGui::Begin ran
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

// Every frame of the run, kept only when --frame-times asks for them (16 bytes a frame:
// about 3.5 MB an hour at 60 frames a second).
struct FrameRecord {
    std::int64_t startUnixMs = 0;
    float drawMs = 0;
};

struct ConsoleState {
    GLFWwindow* window = nullptr;
    float pixelScale = 1.0f;
    geo::MapView view;
    std::unique_ptr<render::MapRenderer> renderer;
    LogState log;
    // Charts that failed to open or to read, shown in the Layers panel with the reason.
    ChartStatus charts;
    // The Layers panel's choices as saved: restored once the layers exist, and kept on save
    // for layers not loaded this time.
    LayerStates layerStates;
    std::uint64_t chartErrorsScanned = 0;  // log errors already matched against the charts
    PanelVisibility panels;
    DockState dock;
    FileBrowserState fileBrowser;
    FrameTimes frameTimes;
    std::vector<FrameRecord> frameLog;  // with --frame-times only
    // Cursor position over the map, when it is over the map.
    bool cursorOnMap = false;
    geo::LonLat cursor;
    // Map area in framebuffer pixels (the window minus menu and status bars).
    int mapTopPx = 0;
    int mapBottomPx = 0;
    bool dragging = false;
    bool quit = false;

    // The picture's time. With a scenario or a replay it follows the timeline; with only
    // live feeds it follows the wall clock.
    scenario::Timeline timeline{scenario::TimeSpan{}};
    time::UnixMillis now = 0;
    // The loaded exercise, when there is one (--scenario).
    std::unique_ptr<scenario::Scene> scene;
    // The live picture: --ais sources and "Add AIS source…", their tracks and, without a
    // scene, the alerts the engine raises over them. Pumped by the main loop once a frame.
    std::unique_ptr<analytics::LivePicture> live;
    // An archive replay's tracks while one is open (the replay module owns them).
    ais::TrackStore* replayTracks = nullptr;
    // Vessels shown on the map: an archive replay's, the scene's, or the live picture's.
    ais::TrackStore& tracks() {
        if (replayTracks) return *replayTracks;
        return scene ? scene->tracks : live->tracks();
    }
    // "Replay around" an incident, asked by the incidents panel, done by the replay module.
    struct ReplayRequest {
        geo::LonLat where;
        time::UnixMillis occurredAt = 0;
        bool dateOnly = false;
        std::string title;
    };
    std::optional<ReplayRequest> replayRequest;
    // What is selected or highlighted, shared by every overlay and panel.
    render::MapSelection selection;
    // Jump requests from panels (an alert, an incident): the map flies there next frame.
    std::optional<geo::GeoBox> flyTo;
    // A framing asked for before the panel columns have settled (the initial view, --step),
    // given the free map area's size in pixels: endDock applies it, without a flight, on
    // the first frame whose layout equals the one before, so it fits the map's free part.
    std::function<geo::GeoBox(int areaWidthPx, int areaHeightPx)> pendingFraming;
    // Where the pointer was when first seen: hover tooltips wait until it moves, so a
    // pointer that happens to rest over the map at start-up covers nothing.
    std::optional<geo::ScreenPoint> firstPointer;
    bool pointerMoved = false;
    // Full screen presenter mode hides the panels.
    bool presenterMode = false;
    // A view animation in progress (fly-to), in ImGui time seconds.
    struct Flight {
        geo::MapView from, to;
        double startedAt = 0;
        double seconds = 1.2;
    };
    std::optional<Flight> flight;

    std::vector<std::unique_ptr<ConsoleModule>> modules;

    // --workspace: the GeoPackage the console reads incidents from and keeps its drafts and
    // alert log in; empty for the default workspace. With a station it is the station's live
    // copy, which `incidentMirror` keeps up to date (console_workspace.cpp).
    std::filesystem::path workspacePath;
    std::unique_ptr<station::IncidentMirror> incidentMirror;
    // With a station as the workspace, the AIS archive replays are read from the station's
    // archive, on the reader's worker (the copy above holds incidents only).
    std::unique_ptr<station::ArchiveReader> stationArchive;
    // --follow-plan: the plan shared on the station, each version as it is pushed.
    std::unique_ptr<station::PlanLink> planLink;
};

// The workspace to use: `chosen` (ConsoleState::workspacePath), or the default workspace,
// made with the sample incidents on first use, when it is empty.
Result<std::filesystem::path> consoleWorkspace(const std::filesystem::path& chosen);
// Applies --workspace: a GeoPackage (made when missing, without sample data), or a station,
// whose incidents' live copy it opens. Returns the station to coordinate through ("" when the
// workspace is a file), or an error to report before the console gives up on --workspace.
Result<std::string> openConsoleWorkspace(ConsoleState& state, const std::string& workspace);

// Lays out this frame's columns (call after the menu and status bars, before any panel).
void beginDock(ConsoleState& state);
// Instead of ImGui::Begin for a panel that lives in an edge column: places it, and returns
// false when nothing should be drawn in it (closed, collapsed, or its column folded away).
// Always pair with endDockedPanel, whatever it returned.
bool beginDockedPanel(ConsoleState& state, const char* name, bool* open, Edge edge,
                      float preferredHeight, int imguiWindowFlags = 0);
void endDockedPanel(ConsoleState& state);
// The column fold buttons; then the map's free area goes to the renderer.
void endDock(ConsoleState& state);
// The map's free area in framebuffer pixels.
Rect freeMapArea(const ConsoleState& state);

void drawMainMenu(ConsoleState& state);
void drawLegendPanel(ConsoleState& state);
void drawHelpWindow(ConsoleState& state);
void drawLayerPanel(ConsoleState& state);
// Opens a chart file into the renderer; a failure is logged and kept for the Layers panel.
Status openChart(ConsoleState& state, const std::string& path);
// Matches errors logged since the last call against the charts' files (read errors that
// GDAL raises while tiles load), for the Layers panel.
void noteChartErrors(ConsoleState& state);
void drawStatusBar(ConsoleState& state);
void drawFrameTimeOverlay(ConsoleState& state);
void drawFileBrowser(ConsoleState& state);
// Pan with drag, zoom with wheel around the cursor and with +/-; updates cursor position.
void handleMapInput(ConsoleState& state);
void showPreset(ConsoleState& state, const geo::GeoBox& box);
// Starts a fly-to for state.flyTo and advances any flight in progress.
void updateViewFlight(ConsoleState& state);

}  // namespace seawatch::ui
