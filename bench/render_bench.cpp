// Frame cost of the map renderer on whatever GL the machine has (llvmpipe in CI).
// Run: build/bench/seawatch_render_bench --benchmark_min_time=2
#include <GL/glcorearb.h>
#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include "seawatch/charts/chart.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/headless_context.hpp"
#include "seawatch/render/map_renderer.hpp"

using namespace seawatch;

namespace {

struct Fixture {
    bench::HeadlessMap map;
    render::MapRenderer* renderer = map.renderer.get();
    bool ok = map.ok();
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

// One console-sized frame while panning: the view moves every iteration.
void BM_PanFrame1280x800(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.ok) {
        state.SkipWithError("no EGL context");
        return;
    }
    const int samples = static_cast<int>(state.range(0));
    auto target = render::OffscreenTarget::create(1280, 800, samples);
    geo::MapView view = geo::MapView::fitting({42, 10, 54, 16}, 1280, 800);
    (*target)->bind();
    int i = 0;
    for (auto _ : state) {
        ++i;
        view.panPixels((i % 40) < 20 ? 7 : -7, (i % 10) < 5 ? 3 : -3);
        f.renderer->render(view);
        glFinish();
    }
    state.SetLabel(std::to_string(samples) + "x MSAA");
}
BENCHMARK(BM_PanFrame1280x800)->Arg(0)->Arg(4)->Unit(benchmark::kMillisecond)->UseRealTime();

// The headless path of `seawatch render`: draw 1920x1080 and read it back.
void BM_Headless1920x1080(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.ok) {
        state.SkipWithError("no EGL context");
        return;
    }
    auto target = render::OffscreenTarget::create(1920, 1080, 0);
    const geo::MapView view = geo::MapView::fitting({42, 10, 54, 16}, 1920, 1080);
    (*target)->bind();
    for (auto _ : state) {
        f.renderer->render(view);
        benchmark::DoNotOptimize((*target)->read());
    }
}
BENCHMARK(BM_Headless1920x1080)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
