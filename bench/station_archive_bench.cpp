// The station's AIS archive read back (station::queryAisArchive, what `ais query --db
// postgresql://…` calls): a 1°×1° box and a 6 h window at random places and times, as
// bench/ais_query_bench.cpp asks of a GeoPackage. Needs a filled database:
// bench/station_archive.sh makes one (10 M fixes, the GeoPackage benchmark's synthetic set)
// and runs this with SEAWATCH_BENCH_PG=its URI; without it the benchmarks skip.
//
// Two cases: on one open connection (a console or a service), and connect + schema check +
// query each time (the command line, like the GeoPackage figure, which opens the workspace
// per query). Each reports the per-query p50 and p99 as counters (ms).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "seawatch/station/pg_archive.hpp"
#include "seawatch/station/schema.hpp"

namespace {

using namespace seawatch;

constexpr time::UnixMillis kT0 = 1258243200000;  // 2009-11-15T00:00:00Z
constexpr time::UnixMillis kSpan = 30LL * 86400000;

const char* target() {
    return std::getenv("SEAWATCH_BENCH_PG");
}

// The same sequence of boxes and windows as bench/ais_query_bench.cpp.
struct QueryMaker {
    std::mt19937 rng{3};
    std::uniform_real_distribution<double> lat{11.0, 14.0}, lon{45.0, 57.0}, t{0.0, 1.0};
    ais::ArchiveQuery next() {
        ais::ArchiveQuery q;
        const double la = lat(rng), lo = lon(rng);
        q.box = geo::GeoBox{lo, la, lo + 1.0, la + 1.0};
        q.from = kT0 + static_cast<time::UnixMillis>(t(rng) * (kSpan - 6 * 3600000LL));
        q.to = *q.from + 6 * 3600000LL;
        return q;
    }
};

void reportPercentiles(benchmark::State& state, std::vector<double>& ms, std::size_t rows) {
    if (ms.empty()) return;
    std::sort(ms.begin(), ms.end());
    state.counters["p50_ms"] = ms[ms.size() / 2];
    state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
    state.counters["rows/query"] = static_cast<double>(rows) / static_cast<double>(ms.size());
}

void BM_StationArchiveOpenConnection(benchmark::State& state) {
    if (!target()) {
        state.SkipWithError("set SEAWATCH_BENCH_PG (bench/station_archive.sh does)");
        return;
    }
    auto conn = station::openStation(target());
    if (!conn) {
        state.SkipWithError(conn.error().c_str());
        return;
    }
    QueryMaker make;
    std::vector<double> ms;
    std::size_t rows = 0;
    for (auto _ : state) {
        const auto q = make.next();
        const auto start = std::chrono::steady_clock::now();
        auto r = station::queryAisArchive(*conn, q);
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
        if (!r) {
            state.SkipWithError(r.error().c_str());
            return;
        }
        rows += r->fixes.size();
    }
    reportPercentiles(state, ms, rows);
}
BENCHMARK(BM_StationArchiveOpenConnection)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(500);

void BM_StationArchiveConnectEachTime(benchmark::State& state) {
    if (!target()) {
        state.SkipWithError("set SEAWATCH_BENCH_PG (bench/station_archive.sh does)");
        return;
    }
    QueryMaker make;
    std::vector<double> ms;
    std::size_t rows = 0;
    for (auto _ : state) {
        const auto q = make.next();
        const auto start = std::chrono::steady_clock::now();
        auto conn = station::openStation(target());
        if (!conn) {
            state.SkipWithError(conn.error().c_str());
            return;
        }
        auto r = station::queryAisArchive(*conn, q);
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
        if (!r) {
            state.SkipWithError(r.error().c_str());
            return;
        }
        rows += r->fixes.size();
    }
    reportPercentiles(state, ms, rows);
}
BENCHMARK(BM_StationArchiveConnectEachTime)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(200);

}  // namespace

BENCHMARK_MAIN();
