// Console frame cost of the vessel picture: 10,000 live targets with 100 fixes each (1 M
// stored fixes, all inside the trail window) over the Gulf of Aden basemap at 1280x800.
// Run: build/bench/seawatch_render_vessels_bench --benchmark_min_time=2
#include <GL/glcorearb.h>
#include <benchmark/benchmark.h>

#include "bench_support.hpp"

#include <cmath>
#include <random>

#include "seawatch/ais/track_store.hpp"
#include "seawatch/ais/vessel_picking.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/headless_context.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/render/vessel_overlay.hpp"

using namespace seawatch;

namespace {

constexpr time::UnixMillis kStart = 1'240'000'000'000;
constexpr int kVessels = 10'000;
constexpr int kFixesPerVessel = 100;
constexpr time::UnixMillis kFixIntervalMs = 30'000;
constexpr time::UnixMillis kNow = kStart + (kFixesPerVessel - 1) * kFixIntervalMs;

// Vessels scattered over the Gulf, each on a straight leg at 6-22 kn; a mix of ship types
// and 5 % radar contacts, named so labels have text to place.
ais::TrackStore syntheticGulf() {
    ais::TrackStore store;
    std::mt19937 rng(20090408);
    std::uniform_real_distribution<double> lon(43.5, 53.5), lat(11.0, 15.5), course(0, 360),
        speed(6, 22);
    const int types[] = {70, 71, 80, 84, 60, 30, 35, 51, 37, 90, 0};
    std::uniform_int_distribution<int> type(0, 10);
    for (int v = 0; v < kVessels; ++v) {
        const bool contact = v % 20 == 0;
        const ais::Mmsi mmsi = contact ? 900000000u + v : 200000000u + v;
        const double c = course(rng), sog = speed(rng);
        double x = lon(rng), y = lat(rng);
        for (int k = 0; k < kFixesPerVessel; ++k) {
            ais::PositionFix f;
            f.mmsi = mmsi;
            f.time = kStart + k * kFixIntervalMs;
            f.lon = x;
            f.lat = y;
            f.speedKn = static_cast<float>(sog);
            f.courseDeg = static_cast<float>(c);
            f.headingDeg = static_cast<float>(c);
            store.addFix(f);
            const double stepNm = sog * kFixIntervalMs / 3'600'000.0;
            y += stepNm / 60.0 * std::cos(c * M_PI / 180);
            x += stepNm / 60.0 * std::sin(c * M_PI / 180) / std::cos(y * M_PI / 180);
        }
        if (!contact) {
            ais::VesselStatic info;
            info.mmsi = mmsi;
            info.name = "VESSEL " + std::to_string(v);
            info.shipType = types[type(rng)];
            store.mergeStatic(info);
        }
    }
    return store;
}

struct Fixture {
    bench::HeadlessMap map;
    std::unique_ptr<render::MapRenderer>& renderer = map.renderer;
    ais::TrackStore store = syntheticGulf();
    bool ok = map.ok();
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

render::VesselOverlayOptions benchOptions() {
    render::VesselOverlayOptions o;
    o.trailMs = 60 * time::kMillisPerMinute;  // every stored fix is in a trail
    return o;
}

// The whole Gulf (every target in view) or a 40 NM box (names shown).
geo::MapView benchView(bool zoomed) {
    return zoomed ? geo::MapView::fitting({47.6, 12.0, 48.3, 12.4}, 1280, 800)
                  : geo::MapView::fitting({42, 10, 54, 16}, 1280, 800);
}

// CPU only: states, culling, trails, symbols and labels into the canvas.
void BM_VesselOverlayBuild(benchmark::State& state) {
    Fixture& f = fixture();
    const geo::MapView view = benchView(state.range(0) == 1);
    auto fonts = render::FontAtlas::create();
    render::Canvas canvas(fonts.get());
    render::VesselOverlay overlay(f.store, benchOptions());
    if (state.range(0) == 2) overlay.options().maxTrailTargets = kVessels;
    render::MapSelection selection;
    selection.selectedVessel = 200000001;
    const render::OverlayContext context{view, kNow, 1.0f, selection};
    for (auto _ : state) {
        canvas.clear();
        overlay.build(context, canvas);
        benchmark::DoNotOptimize(canvas.vertices().data());
    }
    state.counters["drawn"] = static_cast<double>(overlay.drawnCount());
    state.counters["vertices"] = static_cast<double>(canvas.vertices().size());
    const char* labels[] = {"whole Gulf", "40 NM view", "whole Gulf, all 10k trails"};
    state.SetLabel(labels[state.range(0)]);
}
BENCHMARK(BM_VesselOverlayBuild)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// A console frame: basemap + vessel overlay built and drawn, no MSAA (as the console).
void BM_VesselFrame1280x800(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.ok) {
        state.SkipWithError("no EGL context");
        return;
    }
    auto target = render::OffscreenTarget::create(1280, 800, 0);
    const geo::MapView view = benchView(state.range(0) == 1);
    render::VesselOverlay overlay(f.store, benchOptions());
    overlay.visible = state.range(0) != 3;  // 3: the basemap alone, for comparison
    // 2: every trail drawn even at 10k targets (no trail cap), to show what the cap saves.
    if (state.range(0) == 2) overlay.options().maxTrailTargets = kVessels;
    render::MapOverlay* overlays[] = {&overlay};
    render::MapSelection selection;
    const render::OverlayContext context{view, kNow, 1.0f, selection};
    (*target)->bind();
    for (auto _ : state) {
        f.renderer->render(view, overlays, context);
        glFinish();
    }
    state.counters["drawn"] = static_cast<double>(overlay.drawnCount());
    const char* labels[] = {"whole Gulf", "40 NM view", "whole Gulf, all 10k trails", "no vessels"};
    state.SetLabel(labels[state.range(0)]);
}
BENCHMARK(BM_VesselFrame1280x800)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->Arg(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Hover picking over all 10k targets, run every frame the cursor rests on the map.
void BM_PickVessel(benchmark::State& state) {
    Fixture& f = fixture();
    const geo::MapView view = benchView(false);
    for (auto _ : state) {
        auto picked = ais::pickVessel(f.store, view, {640, 400}, 10.0, kNow);
        benchmark::DoNotOptimize(picked);
    }
}
BENCHMARK(BM_PickVessel)->Unit(benchmark::kMillisecond)->UseRealTime();

// The vessel list: search everything and sort by name (done twice a second).
void BM_VesselListByName(benchmark::State& state) {
    Fixture& f = fixture();
    std::vector<ais::VesselListRow> rows;
    ais::VesselListQuery query;
    for (auto _ : state) {
        ais::buildVesselList(f.store, kNow, query, rows);
        benchmark::DoNotOptimize(rows.data());
    }
}
BENCHMARK(BM_VesselListByName)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
