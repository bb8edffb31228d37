// Incidents: ASAM CSV import throughput and filtered queries over 1 M synthetic incidents.
// Figures and commands are in docs/PERFORMANCE.md under "Incidents".
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include "seawatch/incidents/import.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/incidents/synthetic.hpp"

using namespace seawatch;
using namespace seawatch::incidents;
namespace fs = std::filesystem;

namespace {

fs::path benchDir() {
    const fs::path dir = fs::temp_directory_path() / "seawatch_incidents_bench";
    fs::create_directories(dir);
    return dir;
}

void removeWorkspace(const fs::path& db) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
}

void BM_ImportAsamCsv(benchmark::State& state) {
    const auto rows = static_cast<std::size_t>(state.range(0));
    const fs::path csv = benchDir() / ("asam_" + std::to_string(rows) + ".csv");
    if (!fs::exists(csv)) {
        std::ofstream(csv, std::ios::binary) << syntheticAsamCsv(rows, 99);
    }
    const fs::path db = benchDir() / "import.gpkg";
    for (auto _ : state) {
        state.PauseTiming();
        removeWorkspace(db);
        auto ws = workspace::Workspace::open(db).value();
        auto store = IncidentStore::open(ws).value();
        state.ResumeTiming();
        auto summary = importFile(store, csv);
        if (!summary || summary->inserted != static_cast<std::int64_t>(rows)) {
            state.SkipWithError(summary ? "not every row inserted" : summary.error().c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    removeWorkspace(db);
}
BENCHMARK(BM_ImportAsamCsv)
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

// One million incidents, built once and kept in /tmp between runs.
struct MillionStore {
    std::unique_ptr<workspace::Workspace> ws;
    std::unique_ptr<IncidentStore> store;
};

MillionStore& million() {
    static MillionStore m = [] {
        const fs::path db = benchDir() / "million_v5.gpkg";
        MillionStore out;
        out.ws = std::make_unique<workspace::Workspace>(workspace::Workspace::open(db).value());
        out.store = std::make_unique<IncidentStore>(IncidentStore::open(*out.ws).value());
        if (out.store->count().value() < 1'000'000) {
            const auto start = std::chrono::steady_clock::now();
            workspace::Transaction tx(*out.ws);
            (void)out.store->beginBulkLoad();
            for (const Incident& r : syntheticIncidents(1'000'000, 2024)) {
                (void)out.store->upsert(r);
            }
            (void)out.store->endBulkLoad();
            (void)tx.commit();
            (void)out.ws->exec("ANALYZE");
            std::fprintf(
                stderr, "built 1M incidents in %.1f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        return out;
    }();
    return m;
}

void reportPercentiles(benchmark::State& state, std::vector<double>& micros, double rows) {
    std::sort(micros.begin(), micros.end());
    if (micros.empty()) return;
    state.counters["p50_us"] = micros[micros.size() / 2];
    state.counters["p95_us"] = micros[micros.size() * 95 / 100];
    state.counters["rows_avg"] = rows / static_cast<double>(micros.size());
}

template <typename MakeQuery>
void runQueries(benchmark::State& state, MakeQuery makeQuery) {
    IncidentStore& store = *million().store;
    std::mt19937 rng(7);
    std::vector<double> micros;
    double rows = 0;
    for (auto _ : state) {
        const IncidentQuery q = makeQuery(rng);
        const auto start = std::chrono::steady_clock::now();
        auto result = store.query(q);
        const auto end = std::chrono::steady_clock::now();
        if (!result) {
            state.SkipWithError(result.error().c_str());
            break;
        }
        rows += static_cast<double>(result->size());
        micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
        benchmark::DoNotOptimize(result->ids.data());
    }
    reportPercentiles(state, micros, rows);
}

// A watch officer's typical filter: a Gulf of Aden-sized box (about 4 x 3 degrees) that
// moves around the theatre, one year, two categories.
void BM_QueryBboxTimeCategory(benchmark::State& state) {
    runQueries(state, [](std::mt19937& rng) {
        std::uniform_real_distribution<double> lon(33, 73), lat(-14, 24);
        std::uniform_int_distribution<int> year(2005, 2023), category(0, kCategoryCount - 1);
        IncidentQuery q;
        const double w = lon(rng), s = lat(rng);
        q.bbox = geo::GeoBox{w, s, w + 4.0, s + 3.0};
        q.from = time::fromCivil({year(rng), 1, 1, 0, 0, 0, 0});
        q.to = *q.from + 365 * time::kMillisPerDay;
        q.categories = {static_cast<Category>(category(rng)), static_cast<Category>(category(rng))};
        return q;
    });
}
BENCHMARK(BM_QueryBboxTimeCategory)->Unit(benchmark::kMicrosecond)->Iterations(500);

// Full-text search for a report reference and a word, as when an analyst looks one up.
void BM_QueryFtsSelective(benchmark::State& state) {
    runQueries(state, [](std::mt19937& rng) {
        std::uniform_int_distribution<int> ref(0, 19999);
        IncidentQuery q;
        q.text = "ref" + std::to_string(ref(rng)) + " skiff";
        return q;
    });
}
BENCHMARK(BM_QueryFtsSelective)->Unit(benchmark::kMicrosecond)->Iterations(500);

// A common word (a quarter of all rows) with the table's page size as the limit.
void BM_QueryFtsCommonWordFirstPage(benchmark::State& state) {
    runQueries(state, [](std::mt19937& rng) {
        const char* words[] = {"ransom", "citadel", "helicopter", "ladder"};
        IncidentQuery q;
        q.text = words[rng() % 4];
        q.limit = 200;
        return q;
    });
}
BENCHMARK(BM_QueryFtsCommonWordFirstPage)->Unit(benchmark::kMicrosecond)->Iterations(50);

}  // namespace

BENCHMARK_MAIN();
