#pragma once
// Shared by the render benchmarks: a headless GL context with the map renderer and the
// bundled basemap, made once per benchmark program.
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/headless_context.hpp"
#include "seawatch/render/map_renderer.hpp"

namespace seawatch::bench {

// SEAWATCH_BENCH_CHART_CACHE=off draws the chart layers of every frame, as before the still
// view's picture was kept (MapStyle::reuseStillCharts): the A of an A,B comparison.
inline void applyBenchSettings(render::MapRenderer& renderer) {
    const char* cache = std::getenv("SEAWATCH_BENCH_CHART_CACHE");
    renderer.style().reuseStillCharts = !(cache && std::string_view(cache) == "off");
}

struct HeadlessMap {
    std::unique_ptr<render::HeadlessContext> context;
    std::unique_ptr<render::MapRenderer> renderer;
    std::string error;  // why there is no renderer, when there is none

    HeadlessMap() {
        auto c = render::HeadlessContext::create();
        if (!c) {
            error = c.error();
            return;
        }
        context = std::move(c.value());
        auto r = render::MapRenderer::create();
        if (!r) {
            error = r.error();
            return;
        }
        renderer = std::move(r.value());
        render::loadMapScene(*renderer, {}, true, false);
        applyBenchSettings(*renderer);
    }
    bool ok() const { return renderer != nullptr; }
};

}  // namespace seawatch::bench
