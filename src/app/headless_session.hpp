#pragma once
// What `render` and `brief` share: an EGL context, the renderer with its charts, and
// (optionally) a loaded exercise with its picture.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "seawatch/render/headless_context.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/render/scene_picture.hpp"
#include "seawatch/scenario/scene.hpp"

namespace seawatch::app {

struct HeadlessSession {
    std::unique_ptr<render::HeadlessContext> context;
    std::unique_ptr<render::MapRenderer> renderer;
    std::unique_ptr<scenario::Scene> scene;
    std::unique_ptr<render::ScenePicture> picture;
    geo::GeoBox chartsBox;
    int failedInputs = 0;  // charts or files that could not be loaded (reported on stderr)
};

// Returns kExitOk with the session filled, or the exit code to stop with (the reason has
// been printed, prefixed with `command`).
int openHeadlessSession(const char* command, const std::vector<std::string>& charts, bool basemap,
                        const std::string& scenarioFile, HeadlessSession& session);

// Draws the current picture (scene or charts only) and writes it; kExitOk or kExitFailure.
int writePicture(const char* command, HeadlessSession& session, const geo::MapView& view,
                 const std::string& output, time::UnixMillis t,
                 const render::MapSelection& selection, std::string_view caption = {},
                 int stepNumber = 0, int stepCount = 0);

}  // namespace seawatch::app
