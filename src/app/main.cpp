// seawatch: with no subcommand, the console; otherwise a headless tool.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <exception>

#include "commands.hpp"
#include "console_command.hpp"

namespace {
// Set by SIGTERM and SIGINT while the console runs; a signal handler can reach only a global.
std::atomic<bool> gConsoleStopRequested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

// The first signal asks the console to close; a second one (a console that does not close,
// Ctrl-C pressed again) ends the process as the signal would have.
void onConsoleStopSignal(int signalNumber) {
    if (gConsoleStopRequested.exchange(true)) {
        std::signal(signalNumber, SIG_DFL);
        std::raise(signalNumber);
    }
}
}  // namespace

int main(int argc, char** argv) {
    using namespace seawatch::app;
    // Log lines (GDAL's errors among them) go to stderr: standard output is for results
    // (ais decode --json, incidents query --format geojson). The console adds its Log panel.
    spdlog::set_default_logger(spdlog::stderr_color_mt("seawatch-cli"));
    CLI::App app{
        "seawatch: maritime-security situational awareness for the Gulf of Aden and "
        "the Indian Ocean"};
    app.set_version_flag("--version", "seawatch 0.1.0");
    int exitCode = kExitOk;

    ConsoleOptions console;
    addConsoleOptions(app, console);
    registerRenderCommand(app, exitCode);
    registerBriefCommand(app, exitCode);
    registerAisCommand(app, exitCode);
    registerAnalyzeCommand(app, exitCode);
    registerScenarioCommand(app, exitCode);
    registerIncidentsCommand(app, exitCode);
    registerStationCommand(app, exitCode);
    registerLogCommand(app, exitCode);
    registerPlanCommand(app, exitCode);
    app.require_subcommand(0, 1);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitUsage;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "seawatch: %s\n", e.what());
        return kExitFailure;
    }
    if (app.get_subcommands().empty()) {
        // SIGTERM (a logout, a service stop, a benchmark's kill) and Ctrl-C close the console
        // as its window's close button does: settings saved, feeds stopped, files written.
        // A second signal ends it at once.
        console.stopRequested = &gConsoleStopRequested;
        std::signal(SIGTERM, onConsoleStopSignal);
        std::signal(SIGINT, onConsoleStopSignal);
        return seawatch::ui::runConsole(console);
    }
    return exitCode;
}
