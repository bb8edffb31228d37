// Cost of the zone and alert overlays in a console-sized frame: the bundled zones with the
// 2009 schedule's coverage and group markers, plus 1,000 alerts in the last 30 minutes.
// Run: build/bench/seawatch_render_zones_bench --benchmark_min_time=1
#include <GL/glcorearb.h>
#include <benchmark/benchmark.h>

#include "bench_support.hpp"

#include <random>

#include "seawatch/analytics/alert_filter.hpp"
#include "seawatch/common/resources.hpp"
#include "seawatch/render/alert_overlay.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/headless_context.hpp"
#include "seawatch/render/map_renderer.hpp"
#include "seawatch/render/zone_overlay.hpp"
#include "seawatch/zones/zone_loader.hpp"

using namespace seawatch;

namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;
constexpr std::size_t kAlerts = 1000;

struct Fixture {
    bench::HeadlessMap map;
    std::unique_ptr<render::MapRenderer>& renderer = map.renderer;
    std::unique_ptr<render::OffscreenTarget> target;
    std::vector<zones::Zone> zoneList;
    std::optional<zones::Schedule> schedule;
    std::optional<zones::Corridor> corridor;
    std::optional<zones::CoverageTimeline> coverage;
    std::vector<analytics::Event> events;
    ais::TrackStore tracks;
    std::unique_ptr<render::ZoneOverlay> zoneOverlay;
    std::unique_ptr<render::AlertOverlay> alertOverlay;
    time::UnixMillis now = 0;
    std::string error;

    Fixture() {
        if (!map.ok()) {
            error = map.error;
            return;
        }
        auto t = render::OffscreenTarget::create(kWidth, kHeight, 0);
        if (!t) {
            error = t.error();
            return;
        }
        target = std::move(t.value());
        std::vector<std::filesystem::path> files;
        for (const char* name : {"irtc", "hra", "vra", "patrol_sectors"})
            files.push_back(resourcePath(std::string("data/zones/") + name + ".geojson"));
        auto loaded = zones::loadZoneFiles(files);
        auto loadedSchedule =
            zones::loadSchedule(resourcePath("data/zones/schedule_gulf_of_aden_2009.json"));
        if (!loaded || !loadedSchedule) {
            error = "bundled zones or schedule missing";
            return;
        }
        zoneList = std::move(loaded->zones);
        schedule = std::move(*loadedSchedule);
        if (auto found = zones::findCorridor(zoneList)) corridor = std::move(*found);
        if (corridor) coverage = zones::buildCoverage(*corridor, zoneList, *schedule);
        // Mid-morning of the schedule day: the sector-4 gap is open and groups are under way.
        now = schedule->windowFrom + 10 * time::kMillisPerHour;
        std::mt19937 random(7);
        std::uniform_real_distribution<double> lon(43.5, 52.5), lat(11.0, 15.0);
        std::uniform_int_distribution<int> type(0, 10);
        std::uniform_int_distribution<time::UnixMillis> age(0, 30 * time::kMillisPerMinute);
        for (std::size_t i = 0; i < kAlerts; ++i) {
            analytics::Event e;
            e.type = static_cast<analytics::EventType>(type(random));
            e.time = now - age(random);
            e.lon = lon(random);
            e.lat = lat(random);
            e.mmsi = {static_cast<ais::Mmsi>(200000000 + i)};
            events.push_back(e);
        }
        analytics::sortEvents(events);
        zoneOverlay = std::make_unique<render::ZoneOverlay>(
            zoneList, &*schedule, corridor ? &*corridor : nullptr, coverage ? &*coverage : nullptr);
        alertOverlay = std::make_unique<render::AlertOverlay>(events, tracks);
        alertOverlay->typeMask = analytics::kAllAlertTypes;  // every one of the 1,000 drawn
    }
    ~Fixture() {
        // Overlays release their polygon sets from the renderer: before it goes.
        zoneOverlay.reset();
        renderer.reset();
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

const geo::MapView& gulfView() {
    static const geo::MapView view = geo::MapView::fitting({42, 10, 54, 16}, kWidth, kHeight);
    return view;
}

// A whole frame: basemap, zone fills, canvases, read-back fence (glFinish).
void frame(benchmark::State& state, std::vector<render::MapOverlay*> overlays) {
    Fixture& f = fixture();
    if (!f.error.empty()) {
        state.SkipWithError(f.error.c_str());
        return;
    }
    render::MapSelection selection;
    const render::OverlayContext context{gulfView(), f.now, 1.0f, selection};
    f.target->bind();
    for (auto _ : state) {
        f.renderer->render(gulfView(), overlays, context);
        glFinish();
    }
}

void BM_FrameBasemapOnly(benchmark::State& state) {
    frame(state, {});
}
BENCHMARK(BM_FrameBasemapOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FrameWithZones(benchmark::State& state) {
    frame(state, {fixture().zoneOverlay.get()});
}
BENCHMARK(BM_FrameWithZones)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FrameWithZonesAnd1000Alerts(benchmark::State& state) {
    frame(state, {fixture().zoneOverlay.get(), fixture().alertOverlay.get()});
}
BENCHMARK(BM_FrameWithZonesAnd1000Alerts)->Unit(benchmark::kMillisecond)->UseRealTime();

// The CPU side alone: building the overlays' canvases (what runs every frame on the UI
// thread before any GL call).
void canvasBuild(benchmark::State& state, render::MapOverlay& overlay) {
    Fixture& f = fixture();
    render::MapSelection selection;
    const render::OverlayContext context{gulfView(), f.now, 1.0f, selection};
    render::Canvas canvas(&f.renderer->fonts());
    for (auto _ : state) {
        canvas.clear();
        overlay.build(context, canvas);
        benchmark::DoNotOptimize(canvas.indices().data());
    }
    state.counters["triangles"] = static_cast<double>(canvas.indices().size() / 3);
}

void BM_BuildZoneCanvas(benchmark::State& state) {
    if (!fixture().error.empty()) {
        state.SkipWithError(fixture().error.c_str());
        return;
    }
    canvasBuild(state, *fixture().zoneOverlay);
}
BENCHMARK(BM_BuildZoneCanvas)->Unit(benchmark::kMicrosecond);

void BM_BuildAlertCanvas1000(benchmark::State& state) {
    if (!fixture().error.empty()) {
        state.SkipWithError(fixture().error.c_str());
        return;
    }
    canvasBuild(state, *fixture().alertOverlay);
}
BENCHMARK(BM_BuildAlertCanvas1000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
