#pragma once
// The interactive console: a GLFW window with the map and Dear ImGui panels.
#include <atomic>
#include <string>
#include <vector>

namespace seawatch::ui {

struct ConsoleOptions {
    std::vector<std::string> charts;
    std::vector<std::string> aisSources;
    std::string scenario;
    std::string plan;  // a SHADE plan to open in the plan view (docs/PLANNING.md)
    // A shared station (postgresql://…, no password: ~/.pgpass or PG* variables) whose
    // coordination log the Coordination panel follows and posts to (docs/STATION.md).
    std::string station;
    // The workspace: a GeoPackage file for this desk (made when missing), or a station
    // (postgresql://…), whose incidents the console then keeps a live copy of and whose
    // coordination log it follows as --station does. Empty: the default workspace.
    std::string workspace;
    // A plan shared on the station (by name) to show in the plan view, following each version
    // pushed to it; needs --station or --workspace postgresql://….
    std::string followPlan;
    // Exit after this many frames (0 = run until closed); used by smoke tests and the
    // startup benchmark. `screenshot` then saves the last frame as PNG.
    int exitAfterFrames = 0;
    std::string screenshot;
    // Open at this briefing step (1-based; 0 = the scenario's start), as the presenter
    // would show it but with the panels.
    int step = 0;
    // At exit, each drawn frame's start (Unix milliseconds) and its drawing time (ms, the
    // frame's work and the buffer swap, not the wait before it), one frame a line: for timing
    // the console's frames while a feed or a replay runs (bench/udp_ingest.sh). Empty: none.
    std::string frameTimesPath;
    // When set (a signal handler may set it: it is lock-free), the console closes as its
    // window's close button closes it: settings saved, feeds stopped, files written. Checked
    // at every wake-up, which is at most 100 ms apart.
    const std::atomic<bool>* stopRequested = nullptr;
};

// Returns the process exit code. Fails cleanly (code 3) when no window can be opened.
int runConsole(const ConsoleOptions& options);

}  // namespace seawatch::ui
