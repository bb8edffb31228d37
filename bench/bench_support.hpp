#pragma once
// Shared by the render benchmarks: a headless GL context with the map renderer and the
// bundled basemap, made once per benchmark program.
#include <memory>
#include <string>

#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/headless_context.hpp"
#include "seawatch/render/map_renderer.hpp"

namespace seawatch::bench {

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
    }
    bool ok() const { return renderer != nullptr; }
};

}  // namespace seawatch::bench
