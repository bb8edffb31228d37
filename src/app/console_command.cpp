#include "console_command.hpp"

namespace seawatch::app {

void addConsoleOptions(CLI::App& app, ConsoleOptions& options) {
    app.add_option("--chart", options.charts, "Chart file to show (repeatable)");
    app.add_option("--ais", options.aisSources,
                   "AIS source: FILE, udp://HOST:PORT or tcp://HOST:PORT (repeatable)");
    app.add_option("--scenario", options.scenario, "Scenario JSON to open");
    app.add_option("--plan", options.plan, "SHADE plan JSON to open in the plan view");
    app.add_option("--station", options.station,
                   "Shared station to coordinate through: postgresql://… URI or libpq words, no "
                   "password (~/.pgpass or PGPASSWORD); opens the Coordination panel");
    app.add_option("--workspace", options.workspace,
                   "Workspace: a GeoPackage file, or a station (postgresql://… URI or libpq "
                   "words, no password) whose incidents are shown live; default: the desk's "
                   "own workspace");
    app.add_option("--follow-plan", options.followPlan,
                   "Show the plan of this name shared on the station (--station or --workspace "
                   "postgresql://…), following each version pushed to it");
    app.add_option("--exit-after-frames", options.exitAfterFrames,
                   "Close after N frames (smoke tests, start-up timing)");
    app.add_option("--screenshot", options.screenshot,
                   "With --exit-after-frames: save the last frame to this PNG");
    app.add_option("--frame-times", options.frameTimesPath,
                   "At exit, write each drawn frame's start (Unix ms) and drawing time (ms) to "
                   "this file, one frame a line (benchmarks)");
    app.add_option("--step", options.step,
                   "Open at this briefing step of the scenario (1 = first)")
        ->check(CLI::PositiveNumber);
}

}  // namespace seawatch::app
