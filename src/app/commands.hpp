#pragma once
// Each subcommand of the seawatch binary registers itself here. A subcommand is a thin
// shell over core calls: it parses options, calls the core, prints, and sets the exit code.
#include <CLI/CLI.hpp>

namespace seawatch::app {

// Exit codes, the same for every subcommand.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,     // input could not be read, or the work failed
    kExitUsage = 2,       // bad command line
    kExitNoGraphics = 3,  // no OpenGL context could be made (render, brief)
    kExitQueued = 4,      // kept locally, not yet on the server (log post while it is away)
};

// Every register function adds one subcommand to `app`; its callback stores its
// exit code in `exitCode`.
void registerRenderCommand(CLI::App& app, int& exitCode);
void registerBriefCommand(CLI::App& app, int& exitCode);
void registerAisCommand(CLI::App& app, int& exitCode);
// `ais query` (ais_command_query.cpp), added under the `ais` subcommand.
void registerAisQueryCommand(CLI::App& ais, int& exitCode);
void registerAnalyzeCommand(CLI::App& app, int& exitCode);
void registerScenarioCommand(CLI::App& app, int& exitCode);
void registerIncidentsCommand(CLI::App& app, int& exitCode);
// `incidents context` (incidents_command_context.cpp), added under `incidents`.
void registerIncidentsContextCommand(CLI::App& incidents, int& exitCode);
void registerStationCommand(CLI::App& app, int& exitCode);
void registerLogCommand(CLI::App& app, int& exitCode);
void registerPlanCommand(CLI::App& app, int& exitCode);

}  // namespace seawatch::app
