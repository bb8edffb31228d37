// Live recompute of a plan's findings, as the console's plan view does at every step of a
// drag: the bundled three-month quarter (data/plans/shade_2012q1.json) over the bundled
// corridor, sectors and High Risk Area. Goal: under 16 ms, one frame.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "seawatch/analytics/plan_editor.hpp"
#include "seawatch/zones/zone_loader.hpp"

using namespace seawatch;

namespace {

struct Quarter {
    std::shared_ptr<const analytics::PlanContext> context;
    zones::Plan plan;
    bool ok = false;

    Quarter() {
        const std::filesystem::path root(SEAWATCH_SOURCE_DIR);
        auto zones = zones::loadZoneFiles({root / "data/zones/irtc.geojson",
                                           root / "data/zones/patrol_sectors.geojson",
                                           root / "data/zones/hra.geojson"});
        if (!zones) return;
        auto loaded = zones::loadPlan(root / "data/plans/shade_2012q1.json", zones->zones);
        if (!loaded) return;
        auto built = analytics::PlanContext::build(std::move(zones->zones));
        if (!built) return;
        context = std::make_shared<const analytics::PlanContext>(std::move(*built));
        plan = std::move(*loaded);
        ok = true;
    }
};

const Quarter& quarter() {
    static const Quarter q;
    return q;
}

// Every finding of the whole quarter, from scratch.
void BM_CheckQuarter(benchmark::State& state) {
    const Quarter& q = quarter();
    if (!q.ok) {
        state.SkipWithError("bundled zones or plan did not load");
        return;
    }
    std::size_t findings = 0;
    for (auto _ : state) {
        const auto check = analytics::checkPlan(q.plan, *q.context);
        findings = check.findings.size();
        benchmark::DoNotOptimize(findings);
    }
    state.counters["findings"] = static_cast<double>(findings);
    state.counters["convoys"] = static_cast<double>(q.plan.convoys.size());
}
BENCHMARK(BM_CheckQuarter)->Unit(benchmark::kMillisecond);

// One drag step: a convoy in the middle of the quarter moved by 15 min, findings recomputed
// (the editor's dragTo), alternating so every step changes the plan.
void BM_DragStepQuarter(benchmark::State& state) {
    const Quarter& q = quarter();
    if (!q.ok) {
        state.SkipWithError("bundled zones or plan did not load");
        return;
    }
    analytics::PlanEditor editor(q.plan, q.context);
    const analytics::PlanItemRef item{analytics::PlanItemKind::Convoy,
                                      static_cast<std::uint32_t>(q.plan.convoys.size() / 2)};
    const time::UnixMillis start = q.plan.convoys[item.index].departure;
    if (!editor.beginDrag(item)) {
        state.SkipWithError("cannot drag");
        return;
    }
    bool later = false;
    for (auto _ : state) {
        later = !later;
        if (!editor.dragTo(start + (later ? 15 * time::kMillisPerMinute : 0))) {
            state.SkipWithError("drag failed");
            break;
        }
        benchmark::DoNotOptimize(editor.check().findings.size());
    }
    editor.endDrag();
}
BENCHMARK(BM_DragStepQuarter)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
