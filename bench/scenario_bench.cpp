// Scenario costs: loading the bundled exercise, whole-scene state for timeline scrubbing,
// scrubber tick queries, and synthesizing/exporting the day's AIS.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <random>
#include <sstream>
#include <streambuf>

#include "seawatch/scenario/ais_export.hpp"
#include "seawatch/scenario/scenario_json.hpp"
#include "seawatch/scenario/timeline.hpp"
#include "seawatch/scenario/track_synthesis.hpp"

using namespace seawatch;
using namespace seawatch::scenario;

namespace {

std::string bundledText() {
    std::ifstream in(std::filesystem::path(SEAWATCH_SOURCE_DIR) / "data" / "scenarios" /
                     "gulf_of_aden_2009.json");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const Scenario& bundled() {
    static const Scenario s = parseScenario(bundledText()).scenario;
    return s;
}

class NullBuffer : public std::streambuf {
  protected:
    int overflow(int c) override { return c; }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

}  // namespace

static void BM_ParseAndSynthesizeBundled(benchmark::State& state) {
    const std::string text = bundledText();
    for (auto _ : state) {
        auto load = parseScenario(text);
        auto scene = SceneTracks::build(load.scenario);
        benchmark::DoNotOptimize(scene.ok());
    }
}
BENCHMARK(BM_ParseAndSynthesizeBundled)->Unit(benchmark::kMillisecond);

// The timeline scrub: every vessel's state at a random time of the day.
static void BM_SceneStateAtRandomTime(benchmark::State& state) {
    const Scenario& s = bundled();
    auto scene = SceneTracks::build(s);
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<time::UnixMillis> when(s.window.start, s.window.end);
    std::vector<VesselState> states;
    for (auto _ : state) {
        scene->statesAt(when(rng), states);
        benchmark::DoNotOptimize(states.data());
    }
    state.counters["vessels"] = static_cast<double>(s.tracks.size());
}
BENCHMARK(BM_SceneStateAtRandomTime)->Unit(benchmark::kMicrosecond);

static void BM_TicksInVisibleRange(benchmark::State& state) {
    const Scenario& s = bundled();
    Timeline timeline = Timeline::forScenario(s);
    // A busy scrubber: a thousand incident and alert marks over the day.
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<time::UnixMillis> when(s.window.start, s.window.end);
    std::vector<time::UnixMillis> incidents(1000), alerts(1000);
    for (auto& t : incidents) t = when(rng);
    for (auto& t : alerts) t = when(rng);
    timeline.setMarks(TickKind::Incident, incidents);
    timeline.setMarks(TickKind::Alert, alerts);
    for (auto _ : state) {
        auto ticks = timeline.ticksIn(s.window.start, s.window.end);
        benchmark::DoNotOptimize(ticks.data());
    }
}
BENCHMARK(BM_TicksInVisibleRange)->Unit(benchmark::kMicrosecond);

static void BM_SynthesizeAllFixes(benchmark::State& state) {
    auto scene = SceneTracks::build(bundled());
    std::size_t fixes = 0;
    for (auto _ : state) {
        auto all = scene->allFixes();
        fixes = all.size();
        benchmark::DoNotOptimize(all.data());
    }
    state.counters["fixes"] = static_cast<double>(fixes);
}
BENCHMARK(BM_SynthesizeAllFixes)->Unit(benchmark::kMillisecond);

static void BM_ExportAisNmea(benchmark::State& state) {
    auto scene = SceneTracks::build(bundled());
    NullBuffer sink;
    std::ostream out(&sink);
    AisExportOptions options;
    options.span = bundled().window;
    for (auto _ : state) {
        auto stats = writeAisNmea(*scene, out, options);
        benchmark::DoNotOptimize(stats.sentences);
    }
}
BENCHMARK(BM_ExportAisNmea)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
