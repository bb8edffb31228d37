// The incidents console at 1 M incidents: the marker overlay (cluster + canvas + draw), the
// density heatmap pass, and the table's refresh on a filter change (store query, sort,
// histogram). Figures and commands are in docs/PERFORMANCE.md under "Console: incidents".
#include <GL/glcorearb.h>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "bench_support.hpp"
#include "seawatch/incidents/clustering.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/incidents/synthetic.hpp"
#include "seawatch/render/chart_loading.hpp"
#include "seawatch/render/headless_context.hpp"
#include "seawatch/render/heatmap_overlay.hpp"
#include "seawatch/render/incident_overlay.hpp"
#include "seawatch/render/map_renderer.hpp"

using namespace seawatch;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMillion = 1'000'000;
constexpr time::UnixMillis kEnd2024 = 1'735'689'600'000;  // 2025-01-01: every incident shown

const incidents::IncidentColumns& millionColumns() {
    static const incidents::IncidentColumns columns =
        incidents::columnsOf(incidents::syntheticIncidents(kMillion, 2024));
    return columns;
}

struct Gl {
    std::unique_ptr<render::HeadlessContext> context;
    std::unique_ptr<render::MapRenderer> renderer;
    std::unique_ptr<render::OffscreenTarget> target;
    bool ok = false;
    Gl() {
        auto c = render::HeadlessContext::create();
        if (!c) return;
        context = std::move(c.value());
        auto r = render::MapRenderer::create();
        if (!r) return;
        renderer = std::move(r.value());
        render::loadMapScene(*renderer, {}, true, false);
        bench::applyBenchSettings(*renderer);
        // Single-sampled, as the console's window. (Until 12-03 this asked for 1 sample, which
        // llvmpipe served as 4x MSAA: every figure of this benchmark before then was 4x.)
        auto t = render::OffscreenTarget::create(1280, 800, 0);
        if (!t) return;
        target = std::move(t.value());
        ok = true;
    }
};

Gl& gl() {
    static Gl g;
    return g;
}

// The Gulf of Aden and the Somali Basin, where the synthetic incidents crowd; the view pans
// a little every frame so no cache hides the work.
geo::MapView frameView(std::int64_t i) {
    geo::MapView v = geo::MapView::fitting({38, -5, 70, 22}, 1280, 800);
    v.panPixels(static_cast<double>(i % 20) - 10.0, 0.0);
    return v;
}

void renderFrame(benchmark::State& state, std::vector<render::MapOverlay*> overlays,
                 bool still = false) {
    Gl& g = gl();
    if (!g.ok) {
        state.SkipWithError("no EGL context");
        return;
    }
    const render::MapSelection selection;
    g.target->bind();
    std::int64_t i = 0;
    for (auto _ : state) {
        const geo::MapView view = frameView(still ? 0 : i++);
        const render::OverlayContext context{view, kEnd2024, 1.0f, selection};
        g.renderer->render(view, overlays, context);
        glFinish();
    }
}

void BM_Frame_ChartsOnly(benchmark::State& state) {
    renderFrame(state, {});
}
BENCHMARK(BM_Frame_ChartsOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Frame_Markers1M(benchmark::State& state) {
    render::IncidentOverlay overlay(millionColumns());
    renderFrame(state, {&overlay});
}
BENCHMARK(BM_Frame_Markers1M)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Frame_Heatmap1M(benchmark::State& state) {
    render::HeatmapOverlay heat(millionColumns());
    renderFrame(state, {&heat});
    if (!heat.error().empty()) state.SkipWithError(heat.error().c_str());
}
BENCHMARK(BM_Frame_Heatmap1M)->Unit(benchmark::kMillisecond)->UseRealTime();

// A still picture (the console redraws every frame): the density texture is reused and
// only the colour pass runs.
void BM_Frame_Heatmap1M_Still(benchmark::State& state) {
    render::HeatmapOverlay heat(millionColumns());
    renderFrame(state, {&heat}, true);
}
BENCHMARK(BM_Frame_Heatmap1M_Still)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Frame_Markers1M_Still(benchmark::State& state) {
    render::IncidentOverlay overlay(millionColumns());
    renderFrame(state, {&overlay}, true);
}
BENCHMARK(BM_Frame_Markers1M_Still)->Unit(benchmark::kMillisecond)->UseRealTime();

// Without GL: the core clustering a marker frame starts with.
void BM_Cluster1M(benchmark::State& state) {
    const auto& columns = millionColumns();
    const auto positions = incidents::mercatorPositions(columns);
    std::int64_t i = 0;
    for (auto _ : state) {
        incidents::ClusterOptions options;
        options.now = kEnd2024;
        options.cellPx = 44;
        auto clusters = incidents::clusterIncidents(columns, positions, frameView(i++), options);
        benchmark::DoNotOptimize(clusters.data());
    }
}
BENCHMARK(BM_Cluster1M)->Unit(benchmark::kMillisecond)->UseRealTime();

// Overlay construction when the filter changes (Mercator positions for 1 M rows).
void BM_OverlaySetIncidents1M(benchmark::State& state) {
    render::IncidentOverlay overlay(incidents::IncidentColumns{});
    for (auto _ : state) overlay.setIncidents(millionColumns());
}
BENCHMARK(BM_OverlaySetIncidents1M)->Unit(benchmark::kMillisecond)->UseRealTime();

// The table's refresh on a filter change over a 1 M-incident workspace, as the console's
// query worker runs it: the columns query, the display sort and the histogram counts. Built once in
// $TMPDIR (shared with seawatch_incidents_bench's file name so the two benches build it once
// between them).
struct Million {
    std::unique_ptr<workspace::Workspace> ws;
    std::unique_ptr<incidents::IncidentStore> store;
};

Million& millionStore() {
    static Million m = [] {
        const fs::path dir = fs::temp_directory_path() / "seawatch_incidents_bench";
        fs::create_directories(dir);
        Million out;
        out.ws = std::make_unique<workspace::Workspace>(
            workspace::Workspace::open(dir / "million_v5.gpkg").value());
        out.store = std::make_unique<incidents::IncidentStore>(
            incidents::IncidentStore::open(*out.ws).value());
        if (out.store->count().value() < static_cast<std::int64_t>(kMillion)) {
            workspace::Transaction tx(*out.ws);
            (void)out.store->beginBulkLoad();
            for (const auto& r : incidents::syntheticIncidents(kMillion, 2024))
                (void)out.store->upsert(r);
            (void)out.store->endBulkLoad();
            (void)tx.commit();
            (void)out.ws->exec("ANALYZE");
        }
        return out;
    }();
    return m;
}

void tableRefresh(benchmark::State& state, const incidents::IncidentQuery& q) {
    auto& store = *millionStore().store;
    std::size_t rows = 0;
    double queryMs = 0, sortMs = 0, countMs = 0;
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point a, Clock::time_point b) {
        return std::chrono::duration<double, std::milli>(b - a).count();
    };
    for (auto _ : state) {
        const auto t0 = Clock::now();
        auto columns = store.query(q);
        if (!columns) {
            state.SkipWithError(columns.error().c_str());
            break;
        }
        const auto t1 = Clock::now();
        auto order = incidents::sortedRows(*columns, incidents::IncidentSortKey::Time, true);
        const auto t2 = Clock::now();
        // As the console does: the histogram from the columns it already holds.
        auto histogram = incidents::countsByTime(*columns, false);
        const auto t3 = Clock::now();
        benchmark::DoNotOptimize(order.data());
        benchmark::DoNotOptimize(histogram);
        rows = columns->size();
        queryMs += ms(t0, t1);
        sortMs += ms(t1, t2);
        countMs += ms(t2, t3);
    }
    const auto n = static_cast<double>(std::max<benchmark::IterationCount>(1, state.iterations()));
    state.counters["rows"] = static_cast<double>(rows);
    state.counters["query_ms"] = queryMs / n;
    state.counters["sort_ms"] = sortMs / n;
    state.counters["counts_ms"] = countMs / n;
}

void BM_TableRefresh_AllRows(benchmark::State& state) {
    tableRefresh(state, {});
}
BENCHMARK(BM_TableRefresh_AllRows)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TableRefresh_YearAndCategories(benchmark::State& state) {
    incidents::IncidentQuery q;
    q.from = 1'230'768'000'000;  // 2009
    q.to = 1'262'304'000'000;    // 2010
    q.categories = {incidents::Category::Hijacked, incidents::Category::Boarded,
                    incidents::Category::FiredUpon};
    tableRefresh(state, q);
}
BENCHMARK(BM_TableRefresh_YearAndCategories)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TableRefresh_TextInView(benchmark::State& state) {
    incidents::IncidentQuery q;
    q.text = "skiff";
    q.bbox = geo::GeoBox{42, 10, 54, 16};
    tableRefresh(state, q);
}
BENCHMARK(BM_TableRefresh_TextInView)->Unit(benchmark::kMillisecond)->UseRealTime();

// What scrolling the table costs a frame beyond ImGui: the records of the rows that came
// into view (about 25 at a time), fetched by id (the module keeps them in a cache after).
void BM_TableScrollPageFetch(benchmark::State& state) {
    auto& store = *millionStore().store;
    std::int64_t first = 1;
    for (auto _ : state) {
        for (std::int64_t id = first; id < first + 25; ++id) {
            auto r = store.fetch(id);
            if (!r) {
                state.SkipWithError(r.error().c_str());
                return;
            }
            benchmark::DoNotOptimize(r->narrative.data());
        }
        first = (first + 7919 * 25) % 990'000 + 1;  // jump, as a dragged scroll bar does
    }
}
BENCHMARK(BM_TableScrollPageFetch)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
