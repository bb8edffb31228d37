// Label placement for the bundled exercise, per frame: the overlays' label requests are
// collected once per case (that is symbol building, timed elsewhere), then each iteration
// places them (geo::placeLabels) and, in the second case, also lays out their glyphs and
// leader lines as MapRenderer does. No GL context is needed.
// Run: build/bench/seawatch_render_labels_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include "seawatch/render/hud.hpp"
#include "seawatch/render/label_layer.hpp"
#include "seawatch/render/scene_picture.hpp"
#include "seawatch/scenario/briefing.hpp"

using namespace seawatch;

namespace {

struct Fixture {
    std::unique_ptr<scenario::Scene> scene;
    std::unique_ptr<render::SceneOverlays> overlays;
    std::unique_ptr<render::FontAtlas> fonts;
    bool ok = false;
    Fixture() {
        auto s = scenario::loadScene(std::string(SEAWATCH_SOURCE_DIR) +
                                     "/data/scenarios/gulf_of_aden_2009.json");
        if (!s) return;
        scene = std::make_unique<scenario::Scene>(std::move(s.value()));
        overlays = std::make_unique<render::SceneOverlays>(*scene);
        fonts = render::FontAtlas::create();
        ok = true;
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

// The labels of one frame: the 12:50 approach, at the overview (range 0) or the step's
// close-up (range 1), 1920x1080, with the step's highlights.
struct Frame {
    std::vector<render::MapLabel> labels;
    geo::LabelPlacementSettings settings;
};

Frame frameFor(Fixture& f, bool closeUp) {
    const auto steps = scenario::stepsOf(f.scene->scenario);
    const scenario::BriefingStep& step = steps[6];  // 12:50, the approach
    const int w = 1920, h = 1080;
    const geo::GeoBox box = closeUp ? scenario::stepFrame(*f.scene, step, w, h)
                                    : scenario::viewBox(f.scene->scenario.initialView, w, h);
    const geo::MapView view = geo::MapView::fitting(box, w, h);
    render::MapSelection selection;
    selection.highlightedVessels = step.highlight.mmsi;
    f.overlays->showEverything();
    render::Canvas canvas(f.fonts.get());
    const render::OverlayContext context{view, step.time, 1.0f, selection};
    for (render::MapOverlay* o : f.overlays->all())
        if (o->visible) o->build(context, canvas);
    render::Canvas hud(f.fonts.get());
    render::buildTimeBadge(hud, view, step.time, f.scene->scenario.title, 1.0f);
    render::buildCaption(hud, view, step.caption, 7, 10, 1.0f);
    Frame frame;
    frame.labels = canvas.labels();
    frame.settings.bounds = {0, 0, static_cast<double>(w), static_cast<double>(h)};
    frame.settings.keepOut = hud.keptFree();
    return frame;
}

void BM_PlaceLabels(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.ok) {
        state.SkipWithError("bundled scenario not loaded");
        return;
    }
    const Frame frame = frameFor(f, state.range(0) == 1);
    const auto requests = render::requestsOf(frame.labels);
    std::size_t placed = 0;
    for (auto _ : state) {
        const auto result = geo::placeLabels(requests, frame.settings);
        placed = result.size();
        benchmark::DoNotOptimize(result.data());
    }
    state.counters["requested"] = static_cast<double>(requests.size());
    state.counters["placed"] = static_cast<double>(placed);
}
BENCHMARK(BM_PlaceLabels)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_PlaceAndDrawLabels(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.ok) {
        state.SkipWithError("bundled scenario not loaded");
        return;
    }
    const Frame frame = frameFor(f, state.range(0) == 1);
    render::Canvas out(f.fonts.get());
    for (auto _ : state) {
        out.clear();
        const auto placed = render::drawLabels(frame.labels, frame.settings, out, 1.0f);
        benchmark::DoNotOptimize(placed.data());
    }
    state.counters["requested"] = static_cast<double>(frame.labels.size());
}
BENCHMARK(BM_PlaceAndDrawLabels)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
