#pragma once
#include <CLI/CLI.hpp>

#include "seawatch/ui/console.hpp"

namespace seawatch::app {

using ConsoleOptions = ui::ConsoleOptions;
// Options that apply when seawatch runs with no subcommand (the console).
void addConsoleOptions(CLI::App& app, ConsoleOptions& options);

}  // namespace seawatch::app
