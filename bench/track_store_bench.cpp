// Memory of the track store (issue 14 item 7: <= 32 bytes per fix in RSS) and the cost of
// adding fixes as a live feed delivers them: 10,000 vessels reporting in turn (so every
// vessel's columns grow side by side, as they do live), 100 or 1,000 fixes each.
// Counters: rss_B_per_fix is the process's resident memory growth over the fixes held
// (the store, its index and the allocator's slack, read from /proc/self/statm);
// columns_B_per_fix is TrackStore::fixMemoryBytes() (column capacity) per fix; the
// *_compacted figures are after TrackStore::compact().
// BM_TrackStoreRealLogs does the same with the real DMA and AMSA logs of ../shared/testdata.
// Run each case in its own process (freed memory stays with the heap):
//   build/bench/seawatch_track_store_bench --benchmark_filter='BM_TrackStoreLiveFill/100/'
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/track_store.hpp"

using namespace seawatch;

namespace {

double residentBytes() {
    long pages = 0, resident = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

void BM_TrackStoreLiveFill(benchmark::State& state) {
    constexpr int kVessels = 10'000;
    const auto fixesEach = static_cast<int>(state.range(0));
    const double fixes = static_cast<double>(kVessels) * fixesEach;
    double rssPerFix = 0, columnsPerFix = 0, rssCompacted = 0, columnsCompacted = 0;
    for (auto _ : state) {
        state.PauseTiming();
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> lon(43.5, 53.5), lat(11.0, 15.5);
        std::vector<std::pair<double, double>> start(kVessels);
        for (auto& s : start) s = {lon(rng), lat(rng)};
        const double before = residentBytes();
        state.ResumeTiming();
        {
            ais::TrackStore store;
            for (int k = 0; k < fixesEach; ++k) {
                for (int v = 0; v < kVessels; ++v) {
                    ais::PositionFix f;
                    f.mmsi = 200000000u + static_cast<ais::Mmsi>(v);
                    f.time = 1'240'000'000'000 + k * 10'000 + v;
                    f.lon = start[static_cast<std::size_t>(v)].first + k * 1e-4;
                    f.lat = start[static_cast<std::size_t>(v)].second;
                    f.speedKn = 12.0f;
                    f.courseDeg = 90.0f;
                    f.headingDeg = 91.0f;
                    f.navStatus = 0;
                    store.addFix(f);
                }
            }
            state.PauseTiming();
            rssPerFix = (residentBytes() - before) / fixes;
            columnsPerFix = static_cast<double>(store.fixMemoryBytes()) / fixes;
            store.compact();
            rssCompacted = (residentBytes() - before) / fixes;
            columnsCompacted = static_cast<double>(store.fixMemoryBytes()) / fixes;
        }
        state.ResumeTiming();
    }
    state.counters["rss_B_per_fix"] = rssPerFix;
    state.counters["columns_B_per_fix"] = columnsPerFix;
    state.counters["rss_B_per_fix_compacted"] = rssCompacted;
    state.counters["columns_B_per_fix_compacted"] = columnsCompacted;
    state.counters["fixes_per_s"] =
        benchmark::Counter(fixes, benchmark::Counter::kIsIterationInvariantRate);
}
// One iteration each: the figure is memory, and a second fill would reuse freed pages.
BENCHMARK(BM_TrackStoreLiveFill)->Arg(100)->Arg(1000)->Iterations(1)->Unit(benchmark::kMillisecond);

// The real logs of ../shared/testdata/ais/tracks (DMA and AMSA), decoded once; the store is
// filled with COPIES repetitions, each shifted in time by the logs' span, as if the same
// traffic had been watched COPIES times as long (so vessels hold more fixes).
struct RealLogs {
    std::vector<ais::PositionFix> fixes;
    std::vector<ais::VesselStatic> statics;
    time::UnixMillis span = 0;
};

const RealLogs& realLogs() {
    static const RealLogs logs = [] {
        RealLogs out;
        const std::filesystem::path dir =
            std::filesystem::path(SEAWATCH_SOURCE_DIR) / "../shared/testdata/ais/tracks";
        ais::AisDecoder decoder;
        for (const char* name : {"dma_stream_example.txt", "amsa_exact-earth-augmented-3.txt"}) {
            std::ifstream in(dir / name);
            for (std::string line; std::getline(in, line);) {
                const ais::AisMessage* m = decoder.decodeLine(line);
                if (!m) continue;
                if (auto fix = ais::timedFix(*m, ais::kNoTime)) {
                    if (fix->time != ais::kNoTime) out.fixes.push_back(*fix);
                }
                if (auto st = ais::toVesselStatic(*m)) out.statics.push_back(*st);
            }
        }
        time::UnixMillis lo = 0, hi = 0;
        for (std::size_t i = 0; i < out.fixes.size(); ++i) {
            lo = i == 0 ? out.fixes[i].time : std::min(lo, out.fixes[i].time);
            hi = i == 0 ? out.fixes[i].time : std::max(hi, out.fixes[i].time);
        }
        out.span = hi - lo + 1000;
        return out;
    }();
    return logs;
}

void BM_TrackStoreRealLogs(benchmark::State& state) {
    const RealLogs& logs = realLogs();
    if (logs.fixes.empty()) return state.SkipWithError("shared testdata absent");
    const auto copies = static_cast<int>(state.range(0));
    double rssPerFix = 0, columnsPerFix = 0, fixes = 0, vessels = 0;
    for (auto _ : state) {
        const double before = residentBytes();
        ais::TrackStore store;
        for (int k = 0; k < copies; ++k) {
            for (ais::PositionFix f : logs.fixes) {
                f.time += k * logs.span;
                store.addFix(f);
            }
            for (const auto& st : logs.statics) store.mergeStatic(st);
        }
        state.PauseTiming();
        fixes = static_cast<double>(store.totalFixes());
        vessels = static_cast<double>(store.vesselCount());
        rssPerFix = (residentBytes() - before) / fixes;
        columnsPerFix = static_cast<double>(store.fixMemoryBytes()) / fixes;
        state.ResumeTiming();
    }
    state.counters["fixes"] = fixes;
    state.counters["vessels"] = vessels;
    state.counters["rss_B_per_fix"] = rssPerFix;
    state.counters["columns_B_per_fix"] = columnsPerFix;
}
BENCHMARK(BM_TrackStoreRealLogs)->Arg(1)->Arg(20)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
