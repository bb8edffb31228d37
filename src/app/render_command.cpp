#include "commands.hpp"

namespace seawatch::app {

void registerRenderCommand(CLI::App& app, int& exitCode) {
    auto* sub = app.add_subcommand("render", "Render the chart picture headless to PNG or GeoTIFF");
    sub->callback([&exitCode] { exitCode = kExitFailure; });
}

}  // namespace seawatch::app
