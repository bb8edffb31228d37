// What the console loads when it starts: the exercise file, read on a thread of its own from
// the first moment, and once the window is open the charts, then the exercise, the live
// picture and the modules. Apart from console.cpp, which keeps the window, the main loop and
// the settings.
#define GLFW_INCLUDE_NONE
#include "console_content.hpp"

#include <GLFW/glfw3.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "console_state.hpp"
#include "seawatch/analytics/engine_inputs.hpp"
#include "seawatch/analytics/live_picture.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/scenario/briefing.hpp"

namespace seawatch::ui {

namespace {

// Puts the exercise into the console; errors go to the log and the console carries on.
bool loadSceneInto(ConsoleState& state, PendingScene& pending) {
    if (!pending.scene.valid()) return false;
    const std::string& file = pending.file;
    const auto waitFrom = std::chrono::steady_clock::now();
    auto scene = pending.scene.get();
    const auto done = std::chrono::steady_clock::now();
    if (!scene) {
        spdlog::error("{}", scene.error());
        return false;
    }
    state.scene = std::make_unique<scenario::Scene>(std::move(scene.value()));
    for (const auto& w : state.scene->warnings) spdlog::warn("{}: {}", file, w);
    state.timeline = scenario::Timeline::forScenario(state.scene->scenario);
    state.now = state.timeline.now();
    spdlog::info(
        "scenario '{}' loaded in {:.0f} ms ({:.0f} ms of it waited for): {} vessels, {} alerts, "
        "{} incidents{}",
        state.scene->scenario.title,
        std::chrono::duration<double, std::milli>(done - pending.started).count(),
        std::chrono::duration<double, std::milli>(done - waitFrom).count(),
        state.scene->tracks.vesselCount(), state.scene->events.size(),
        state.scene->incidents.size(),
        state.scene->scriptedAisFromCache ? " (scripted AIS from the scene cache)" : "");
    return true;
}

// The live picture: --ais sources now, "Add AIS source…" later. Without an exercise its
// engine runs on the bundled zones and land, the inputs `seawatch ais watch` uses by default;
// with one, the exercise's own alerts are shown and the live picture only carries tracks.
std::unique_ptr<analytics::LivePicture> makeLivePicture(const ConsoleOptions& options,
                                                        bool withScene,
                                                        const std::filesystem::path& chosen) {
    analytics::AnalyticsInputs inputs;
    if (!withScene) {
        analytics::EngineInputLoad load =
            analytics::loadEngineInputs(analytics::bundledEngineInputOptions());
        for (const auto& e : load.errors) spdlog::error("live analytics: {}", e);
        for (const auto& w : load.warnings) spdlog::warn("live analytics: skipped {}", w);
        inputs = std::move(load.inputs);
    }
    auto live = std::make_unique<analytics::LivePicture>(std::move(inputs));
    if (!withScene) {
        // Live alerts and their acknowledgements outlive the session, as `analyze
        // --workspace` keeps them: the same alert log in the console's workspace.
        auto workspace = consoleWorkspace(chosen);
        if (!workspace) {
            spdlog::warn("live alerts will not be kept after this session: {}", workspace.error());
        } else if (Status kept = live->keepAlertsIn(*workspace); !kept) {
            spdlog::warn("live alerts will not be kept after this session: {}", kept.error());
        }
    }
    for (const std::string& source : options.aisSources) {
        if (Status opened = live->addSource(source); !opened) {
            spdlog::error("AIS source '{}': {}", source, opened.error());
            continue;
        }
        const ais::AisFeed& feed = *live->feeds().feeds().back();
        spdlog::info("AIS source '{}' opened as {}", source, feed.name());
        if (!feed.warning().empty()) spdlog::warn("AIS source {}: {}", feed.name(), feed.warning());
    }
    return live;
}

}  // namespace

PendingScene startSceneLoad(ConsoleState& state, const std::string& file) {
    PendingScene pending;
    if (file.empty()) return pending;
    pending.file = file;
    pending.started = std::chrono::steady_clock::now();
    scenario::SceneOptions options;
    auto workspace = consoleWorkspace(state.workspacePath);
    if (workspace) {
        options.workspace = *workspace;
    } else {
        spdlog::warn("default workspace unavailable ({}); using a temporary one",
                     workspace.error());
    }
    pending.scene = scenario::loadSceneAsync(file, options);
    return pending;
}

// Charts, the exercise, the live picture and the modules, in the order their overlays stack.
void loadContent(ConsoleState& state, const ConsoleOptions& options, bool haveView,
                 PendingScene& pendingScene) {
    const auto started = std::chrono::steady_clock::now();
    // The basemap, then each chart on its own, so a failure stays with the chart's path.
    render::SceneLoadReport report =
        render::loadMapScene(*state.renderer, {}, true, /*async=*/true);
    for (const auto& e : report.errors) {
        spdlog::error("{}", e);
        state.charts.openFailed("Basemap", e);
    }
    for (const std::string& path : options.charts) {
        if (Status s = render::addChartFile(*state.renderer, path, /*async=*/true,
                                            &report.chartsBox, &report.warnings);
            !s) {
            spdlog::error("{}", s.error());
            state.charts.openFailed(path, s.error());
        } else {
            state.charts.opened(path);
        }
    }
    for (const auto& w : report.warnings) spdlog::warn("{}", w);
    spdlog::info("charts loaded in {:.0f} ms", std::chrono::duration<double, std::milli>(
                                                   std::chrono::steady_clock::now() - started)
                                                   .count());
    int fbw, fbh;
    glfwGetFramebufferSize(state.window, &fbw, &fbh);
    state.view.resize(fbw, fbh);
    state.mapTopPx = 0;
    state.mapBottomPx = fbh;
    const bool sceneLoaded = loadSceneInto(state, pendingScene);
    // Framed on the whole window for the first frames, then again on the map's free part
    // once the panel columns have been laid out (endDock).
    if (sceneLoaded) {
        const scenario::View initial = state.scene->scenario.initialView;
        state.pendingFraming = [initial](int w, int h) { return scenario::viewBox(initial, w, h); };
    } else if (!haveView || !options.charts.empty()) {
        const geo::GeoBox box =
            report.chartsBox.valid() ? report.chartsBox : render::kGulfOfAdenBox;
        state.pendingFraming = [box](int, int) { return box; };
    }
    if (state.pendingFraming)
        showPreset(state, state.pendingFraming(state.view.widthPx(), state.view.heightPx()));
    state.live = makeLivePicture(options, sceneLoaded, state.workspacePath);
    // MODULES-BEGIN (each module adds its one line here)
    state.modules.push_back(makeZoneModule(state, options));
    state.modules.push_back(makeIncidentModule(state, options));
    state.modules.push_back(makeVesselModule(state, options));
    state.modules.push_back(makeBriefingModule(state, options));
    state.modules.push_back(makePlanModule(state, options));
    if (auto coordination = makeCoordinationModule(state, options))
        state.modules.push_back(std::move(coordination));
    if (auto shared = makeSharedAnnotationsModule(state, options))
        state.modules.push_back(std::move(shared));
    state.modules.push_back(makeReplayModule(state, options));
    state.modules.push_back(makeToolsModule(state, options));  // last: first to get clicks
    // MODULES-END
}

}  // namespace seawatch::ui
