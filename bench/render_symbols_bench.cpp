// Instanced point symbols (issue 14 item 5): frame time of the vessel picture at 1k, 10k and
// 100k vessels over the whole Gulf of Aden, and of 1 M incident markers, on the bundled
// basemap at 1280x800 through EGL surfaceless (llvmpipe here). Trails are off so the figure
// is the symbols' (and speed leaders'); the whole console frame with trails is in
// seawatch_render_vessels_bench.
//
// Besides wall time (llvmpipe's raster threads included, the benchmark's UseRealTime) and the
// benchmark thread's CPU, each case reports `proc_cpu_ms`: user + system time of the whole
// process per frame (all llvmpipe threads), the figure that holds on a shared machine.
// Run: build/bench/seawatch_render_symbols_bench --benchmark_min_time=1
#include <GL/glcorearb.h>
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cmath>
#include <map>
#include <random>
#include <string>

#include "bench_support.hpp"
#include "seawatch/ais/track_store.hpp"
#include "seawatch/incidents/clustering.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/incidents/synthetic.hpp"
#include "seawatch/render/incident_overlay.hpp"
#include "seawatch/render/vessel_overlay.hpp"

using namespace seawatch;

namespace {

constexpr time::UnixMillis kStart = 1'240'000'000'000;
constexpr time::UnixMillis kNow = kStart + 60'000;

double processCpuMs() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
           (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

// `count` vessels scattered over the Gulf (43.5-53.5 E, 11-15.5 N) on straight legs at
// 6-22 kn, two fixes a minute apart, a mix of ship types and 5 % radar contacts.
ais::TrackStore gulfVessels(int count) {
    ais::TrackStore store;
    std::mt19937 rng(20090408);
    std::uniform_real_distribution<double> lon(43.5, 53.5), lat(11.0, 15.5), course(0, 360),
        speed(6, 22);
    const int types[] = {70, 71, 80, 84, 60, 30, 35, 51, 37, 90, 0};
    std::uniform_int_distribution<int> type(0, 10);
    for (int v = 0; v < count; ++v) {
        const bool contact = v % 20 == 0;
        const ais::Mmsi mmsi = contact ? 900000000u + v : 200000000u + v;
        const double c = course(rng), sog = speed(rng);
        const double x = lon(rng), y = lat(rng);
        for (int k = 0; k < 2; ++k) {
            ais::PositionFix f;
            f.mmsi = mmsi;
            f.time = kStart + k * 60'000;
            const double nm = sog * k / 60.0;
            f.lat = y + nm / 60.0 * std::cos(c * M_PI / 180);
            f.lon = x + nm / 60.0 * std::sin(c * M_PI / 180) / std::cos(y * M_PI / 180);
            f.speedKn = static_cast<float>(sog);
            f.courseDeg = static_cast<float>(c);
            f.headingDeg = static_cast<float>(c);
            store.addFix(f);
        }
        if (!contact) {
            ais::VesselStatic info;
            info.mmsi = mmsi;
            info.shipType = types[type(rng)];
            store.mergeStatic(info);
        }
    }
    return store;
}

bench::HeadlessMap& map() {
    static bench::HeadlessMap m;
    return m;
}

enum Motion { Still = 0, Panning = 1, ClockRunning = 2, ZoomedPanning = 3 };

// Frames of `overlays` in `view`; panning moves the view a few pixels a frame, a running
// clock moves `now` a second a frame (every state and instance recomputed).
void frames(benchmark::State& state, render::MapOverlay* overlay, geo::MapView view,
            time::UnixMillis now, int motion) {
    bench::HeadlessMap& m = map();
    if (!m.ok()) {
        state.SkipWithError(m.error.c_str());
        return;
    }
    auto target = render::OffscreenTarget::create(1280, 800, 0);
    render::MapOverlay* overlays[] = {overlay};
    const render::MapSelection selection;
    (*target)->bind();
    // One frame first: the instances are built and uploaded before timing (a pan reuses them).
    m.renderer->render(view, overlays, render::OverlayContext{view, now, 1.0f, selection});
    glFinish();
    const double cpu0 = processCpuMs();
    std::int64_t i = 0;
    for (auto _ : state) {
        if (motion == Panning || motion == ZoomedPanning)
            view.panPixels(static_cast<double>(i % 20) - 10.0, 0.0);
        if (motion == ClockRunning) now += 1000;
        m.renderer->render(view, overlays, render::OverlayContext{view, now, 1.0f, selection});
        glFinish();
        ++i;
    }
    state.counters["proc_cpu_ms"] =
        (processCpuMs() - cpu0) / static_cast<double>(std::max<std::int64_t>(1, i));
}

const char* motionLabel(int motion) {
    const char* labels[] = {"still", "panning", "clock running", "40 NM view, panning"};
    return labels[motion];
}

geo::MapView gulfView(int motion) {
    return motion == ZoomedPanning ? geo::MapView::fitting({47.6, 12.0, 48.3, 12.4}, 1280, 800)
                                   : geo::MapView::fitting({42, 10, 54, 16}, 1280, 800);
}

// Args: vessels, motion. The store is made once per size and kept.
void BM_VesselSymbols(benchmark::State& state) {
    const int count = static_cast<int>(state.range(0));
    const int motion = static_cast<int>(state.range(1));
    static std::map<int, ais::TrackStore> stores;
    if (!stores.contains(count)) stores.emplace(count, gulfVessels(count));
    render::VesselOverlayOptions options;
    options.showTrails = false;
    options.showLabels = false;
    render::VesselOverlay overlay(stores.at(count), options);
    frames(state, count > 0 ? &overlay : nullptr, gulfView(motion), kNow, motion);
    state.counters["drawn"] = static_cast<double>(overlay.drawnCount());
    state.counters["instances_sent"] = static_cast<double>(overlay.instancesDrawn());
    state.SetLabel(motionLabel(motion));
}
BENCHMARK(BM_VesselSymbols)
    ->ArgsProduct({{0, 1000, 10000, 100000}, {Still, Panning, ClockRunning}})
    ->Args({100000, ZoomedPanning})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

const incidents::IncidentColumns& millionIncidents() {
    static const incidents::IncidentColumns columns =
        incidents::columnsOf(incidents::syntheticIncidents(1'000'000, 2024));
    return columns;
}

// Args: clustered (0/1), motion (still, panning, zoomed panning). The view is the whole
// theatre of the synthetic set (38-70 E, 5 S-22 N), or the Gulf of Aden when zoomed.
void BM_IncidentMarkers1M(benchmark::State& state) {
    const bool clustered = state.range(0) != 0;
    const int motion = static_cast<int>(state.range(1));
    render::IncidentOverlay overlay(millionIncidents());
    if (!clustered) overlay.clusterCellPx = 0;
    const geo::MapView view = motion == ZoomedPanning
                                  ? geo::MapView::fitting({44, 11, 46, 13}, 1280, 800)
                                  : geo::MapView::fitting({38, -5, 70, 22}, 1280, 800);
    const time::UnixMillis now = 1'735'689'600'000;  // 2025-01-01: every incident shown
    frames(state, &overlay, view, now, motion);
    state.counters["instances_sent"] = static_cast<double>(overlay.markersDrawn());
    state.counters["rebuilds"] = static_cast<double>(overlay.markerRebuilds());
    const char* motionText =
        motion == ZoomedPanning ? "44-46 E x 11-13 N, panning" : motionLabel(motion);
    state.SetLabel(std::string(clustered ? "clustered, " : "every marker, ") + motionText);
}
BENCHMARK(BM_IncidentMarkers1M)
    ->Args({0, Still})
    ->Args({0, Panning})
    ->Args({0, ZoomedPanning})
    ->Args({1, Still})
    ->Args({1, Panning})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
