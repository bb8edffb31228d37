// One analytics tick: every vessel reports once (zone membership, lanes, loitering,
// escort) and the pair pass runs (grid, CPA, suspicious approach, encounter).
// Vessel density is held constant (10k vessels over 10°x6° of the Gulf of Aden), so the
// area grows with the count and the work should grow about linearly.
#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "seawatch/analytics/engine.hpp"
#include "seawatch/zones/zone_loader.hpp"

using namespace seawatch;

namespace {

struct Fleet {
    std::vector<double> lat, lon, vEast, vNorth, speed, course;
};

std::vector<zones::Zone> bundledZones() {
    const std::filesystem::path dir = std::filesystem::path(SEAWATCH_SOURCE_DIR) / "data/zones";
    auto load = zones::loadZoneFiles({dir / "irtc.geojson", dir / "patrol_sectors.geojson",
                                      dir / "hra.geojson", dir / "vra.geojson"});
    return load ? load->zones : std::vector<zones::Zone>{};
}

void BM_AnalyticsTick(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const double scale = std::sqrt(static_cast<double>(n) / 10000.0);
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> lon(43.0, 43.0 + 10.0 * scale);
    std::uniform_real_distribution<double> lat(10.0, 10.0 + 6.0 * scale);
    std::uniform_real_distribution<double> course(0.0, 360.0);
    std::uniform_real_distribution<double> speed(0.0, 20.0);
    std::uniform_int_distribution<int> kind(0, 9);

    analytics::AnalyticsInputs inputs;
    inputs.zones = bundledZones();
    analytics::Engine engine(std::move(inputs));
    Fleet fleet;
    for (std::size_t i = 0; i < n; ++i) {
        fleet.lat.push_back(lat(rng));
        fleet.lon.push_back(lon(rng));
        fleet.course.push_back(course(rng));
        fleet.speed.push_back(speed(rng));
        fleet.vEast.push_back(fleet.speed.back() * std::sin(fleet.course.back() * geo::kDegToRad));
        fleet.vNorth.push_back(fleet.speed.back() * std::cos(fleet.course.back() * geo::kDegToRad));
        const int k = kind(rng);  // 30% merchants, 20% unidentified, the rest other traffic
        if (k >= 2) {
            ais::VesselStatic s;
            s.mmsi = static_cast<ais::Mmsi>(200000000 + i);
            s.shipType = k < 5 ? 70 + k : (k < 8 ? 30 : 52);
            s.toBow = 60;
            s.toStern = 40;
            engine.setStatic(s);
        }
    }
    time::UnixMillis t = *time::parseIso8601("2009-11-15T00:00:00Z");
    ais::PositionFix fix;
    for (auto _ : state) {
        t += time::kMillisPerMinute;
        for (std::size_t i = 0; i < n; ++i) {
            fleet.lat[i] += fleet.vNorth[i] / 3600.0;  // one minute at speed, in degrees
            fleet.lon[i] += fleet.vEast[i] / (3600.0 * std::cos(fleet.lat[i] * geo::kDegToRad));
            fix.mmsi = static_cast<ais::Mmsi>(200000000 + i);
            fix.time = t;
            fix.lat = fleet.lat[i];
            fix.lon = fleet.lon[i];
            fix.speedKn = static_cast<float>(fleet.speed[i]);
            fix.courseDeg = static_cast<float>(fleet.course[i]);
            engine.ingest(fix);
        }
        engine.advanceTo(t);
        benchmark::DoNotOptimize(engine.drainEvents());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_AnalyticsTick)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
