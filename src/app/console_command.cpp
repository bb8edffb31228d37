#include "console_command.hpp"

#include <cstdio>

namespace seawatch::app {

void addConsoleOptions(CLI::App& app, ConsoleOptions& options) {
    app.add_option("--chart", options.charts, "Chart file to show (repeatable)");
    app.add_option("--ais", options.aisSources, "AIS source: FILE, udp://HOST:PORT, tcp://HOST:PORT");
    app.add_option("--scenario", options.scenario, "Scenario JSON to open");
}

int runConsole(const ConsoleOptions&) {
    std::fprintf(stderr, "seawatch: console not built yet\n");
    return 1;
}

}  // namespace seawatch::app
