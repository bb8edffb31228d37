#pragma once
// The interactive console: a GLFW window with the map and Dear ImGui panels.
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
};

// Returns the process exit code. Fails cleanly (code 3) when no window can be opened.
int runConsole(const ConsoleOptions& options);

}  // namespace seawatch::ui
