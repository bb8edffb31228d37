#pragma once
// `seawatch plan push|pull`: plans shared on a PostgreSQL station (docs/STATION.md).
#include <CLI/CLI.hpp>

namespace seawatch::app {

// Adds push and pull under the `plan` subcommand.
void registerPlanStationCommands(CLI::App& plan, int& exitCode);

}  // namespace seawatch::app
