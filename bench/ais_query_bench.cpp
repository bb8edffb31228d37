// The AIS archive read back: a box and a time window over a large archive (default 10 M
// fixes; SEAWATCH_BENCH_FIXES overrides), through ais::queryArchive() as `ais query` calls
// it. The archive is synthetic: 2,000 vessels crossing the Gulf of Aden and the Arabian Sea
// over 30 days, a fix every ~2.6 minutes each. Built once into a temporary workspace
// (direct SQL inserts into the archive's schema, indexed as `ais import` is).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "seawatch/ais/archive.hpp"
#include "seawatch/ais/archive_query.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"
#include "seawatch/workspace/workspace.hpp"

namespace {

using namespace seawatch;
namespace fs = std::filesystem;

constexpr time::UnixMillis kT0 = 1258243200000;  // 2009-11-15T00:00:00Z
constexpr time::UnixMillis kSpan = 30LL * 86400000;

std::size_t fixCount() {
    const char* env = std::getenv("SEAWATCH_BENCH_FIXES");
    return env ? static_cast<std::size_t>(std::atoll(env)) : 10'000'000;
}

// The archive's own schema (and so its triggers and R*Tree), then rows in one transaction.
const std::string& workspace() {
    static const std::string path = [] {
        const fs::path p =
            fs::temp_directory_path() / ("seawatch_query_bench_" + std::to_string(::getpid()));
        fs::remove(p);
        if (!ais::AisArchive::open(p)) std::abort();
        auto ws = workspace::Workspace::open(p, workspace::Access::ReadWrite);
        if (!ws || !ws->exec("PRAGMA synchronous=OFF")) std::abort();
        workspace::Transaction tx(*ws);
        auto ins = workspace::Statement::prepare(
            ws->handle(),
            "INSERT INTO ais_positions(mmsi,time_ms,lat,lon,sog,cog,heading,nav_status,msg_type)"
            " VALUES(?,?,?,?,12.5,80.0,81.0,0,1)");
        if (!tx.active() || !ins) std::abort();
        const std::size_t n = fixCount();
        const std::size_t vessels = 2000;
        const std::size_t perVessel = n / vessels;
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> lat0(10.5, 15.5), lon0(43.0, 60.0);
        for (std::size_t v = 0; v < vessels; ++v) {
            const double la = lat0(rng), lo = lon0(rng);
            for (std::size_t i = 0; i < perVessel; ++i) {
                const double f = static_cast<double>(i) / static_cast<double>(perVessel);
                ins->bind(1, static_cast<std::int64_t>(400000000 + v));
                ins->bind(2, kT0 + static_cast<time::UnixMillis>(f * kSpan));
                ins->bind(3, la + 2.0 * std::sin(f * 6.0 + static_cast<double>(v)));
                ins->bind(4, lo + 8.0 * (f - 0.5));
                if (ins->step() != SQLITE_DONE) std::abort();
                ins->reset();
            }
        }
        if (!tx.commit()) std::abort();
        return p.string();
    }();
    return path;
}

// A 1°×1° box somewhere in the traffic, a 6-hour window somewhere in the month.
void BM_ArchiveBoxAndWindow(benchmark::State& state) {
    const std::string& ws = workspace();
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> lat(11.0, 14.0), lon(45.0, 57.0), t(0.0, 1.0);
    std::size_t rows = 0, queries = 0;
    for (auto _ : state) {
        ais::ArchiveQuery q;
        const double la = lat(rng), lo = lon(rng);
        q.box = geo::GeoBox{lo, la, lo + 1.0, la + 1.0};
        q.from = kT0 + static_cast<time::UnixMillis>(t(rng) * (kSpan - 6 * 3600000LL));
        q.to = *q.from + 6 * 3600000LL;
        auto r = ais::queryArchive(ws, q);
        if (!r) {
            state.SkipWithError(r.error().c_str());
            return;
        }
        rows += r->fixes.size();
        ++queries;
    }
    state.counters["fixes"] = static_cast<double>(fixCount());
    state.counters["rows/query"] = queries ? static_cast<double>(rows) / queries : 0.0;
}
BENCHMARK(BM_ArchiveBoxAndWindow)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->ComputeStatistics("p50", [](const std::vector<double>& v) {
        std::vector<double> s = v;
        std::sort(s.begin(), s.end());
        return s[s.size() / 2];
    });

}  // namespace

BENCHMARK_MAIN();
