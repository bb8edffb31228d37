#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace seawatch::app {

struct ConsoleOptions {
    std::vector<std::string> charts;
    std::vector<std::string> aisSources;
    std::string scenario;
};

void addConsoleOptions(CLI::App& app, ConsoleOptions& options);
int runConsole(const ConsoleOptions& options);

}  // namespace seawatch::app
