// The bundled exercise drawn at arbitrary times, as the console does while the timeline is
// scrubbed, and as `seawatch brief` does for each 1920x1080 step.
// Run: build/bench/seawatch_render_scene_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>
#include <GL/glcorearb.h>

#include <random>

#include "bench_support.hpp"
#include "seawatch/render/headless_context.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/render/scene_picture.hpp"
#include "seawatch/scenario/briefing.hpp"

using namespace seawatch;

namespace {

struct Fixture {
    bench::HeadlessMap map;
    std::unique_ptr<scenario::Scene> scene;
    std::unique_ptr<render::ScenePicture> picture;
    bool ok = false;
    Fixture() {
        if (!map.ok()) return;
        auto s = scenario::loadScene(std::string(SEAWATCH_SOURCE_DIR) +
                                     "/data/scenarios/gulf_of_aden_2009.json");
        if (!s) return;
        scene = std::make_unique<scenario::Scene>(std::move(s.value()));
        picture = std::make_unique<render::ScenePicture>(*scene, *map.renderer);
        ok = true;
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

// Scrubbing: every frame jumps to a random time of the day at console size.
void BM_ScrubFrame1280x800(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.ok) {
        state.SkipWithError("no EGL context or scenario");
        return;
    }
    auto target = render::OffscreenTarget::create(1280, 800, 0);
    (*target)->bind();
    const geo::MapView view = geo::MapView::fitting({43, 10.5, 54, 16}, 1280, 800);
    std::mt19937_64 random(42);
    const auto window = f.scene->scenario.window;
    std::uniform_int_distribution<time::UnixMillis> when(window.start, window.end);
    render::MapSelection selection;
    for (auto _ : state) {
        f.picture->draw(view, when(random), selection);
        glFinish();
    }
}
BENCHMARK(BM_ScrubFrame1280x800)->Unit(benchmark::kMillisecond)->UseRealTime();

// One briefing step: draw at 1920x1080 and read it back (PNG encoding not included).
void BM_BriefStepFrame1920x1080(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.ok) {
        state.SkipWithError("no EGL context or scenario");
        return;
    }
    auto target = render::OffscreenTarget::create(1920, 1080, 0);
    (*target)->bind();
    const auto steps = scenario::stepsOf(f.scene->scenario);
    std::size_t i = 0;
    for (auto _ : state) {
        const auto& step = steps[i++ % steps.size()];
        render::MapSelection selection;
        f.picture->applyStep(step, selection);
        const geo::MapView view =
            geo::MapView::fitting(scenario::viewBox(step.view, 1920, 1080), 1920, 1080);
        f.picture->draw(view, step.time, selection, step.caption, static_cast<int>(step.number),
                        static_cast<int>(steps.size()));
        benchmark::DoNotOptimize((*target)->read());
    }
}
BENCHMARK(BM_BriefStepFrame1920x1080)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LoadScene(benchmark::State& state) {
    for (auto _ : state) {
        auto s = scenario::loadScene(std::string(SEAWATCH_SOURCE_DIR) +
                                     "/data/scenarios/gulf_of_aden_2009.json");
        benchmark::DoNotOptimize(s.ok());
    }
}
BENCHMARK(BM_LoadScene)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
