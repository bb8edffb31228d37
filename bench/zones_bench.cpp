// Zone membership against 100 polygons of 1,000 vertices each (irregular stars scattered
// over the Gulf of Aden and the Somali Basin): the banded index against the plain
// edge-by-edge test it replaces.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "seawatch/zones/zone_index.hpp"

using namespace seawatch;

namespace {

std::vector<zones::Zone> stars() {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lon(42.0, 62.0), lat(-2.0, 16.0), radius(0.3, 1.5);
    std::uniform_real_distribution<double> jitter(0.6, 1.0);
    std::vector<zones::Zone> out;
    for (int z = 0; z < 100; ++z) {
        zones::Zone zone;
        zone.name = "star " + std::to_string(z);
        zone.polygons.resize(1);
        const double cx = lon(rng), cy = lat(rng), r = radius(rng);
        for (int i = 0; i < 1000; ++i) {
            const double a = 2 * geo::kPi * i / 1000.0;
            const double rr = r * jitter(rng);
            zone.polygons[0].outer.push_back({cx + rr * std::cos(a), cy + rr * std::sin(a)});
        }
        out.push_back(std::move(zone));
    }
    return out;
}

std::vector<geo::LonLat> points() {
    std::mt19937 rng(9);
    std::uniform_real_distribution<double> lon(42.0, 62.0), lat(-2.0, 16.0);
    std::vector<geo::LonLat> out(4096);
    for (auto& p : out) p = {lon(rng), lat(rng)};
    return out;
}

void BM_ZoneIndexMembership(benchmark::State& state) {
    const auto zones = stars();
    const zones::ZoneIndex index(zones);
    const auto pts = points();
    std::vector<std::uint32_t> hits;
    std::size_t i = 0;
    for (auto _ : state) {
        index.containing(pts[i++ & 4095], hits);
        benchmark::DoNotOptimize(hits.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ZoneIndexMembership);

void BM_PlainEdgeTestMembership(benchmark::State& state) {
    const auto zones = stars();
    std::vector<geo::GeoBox> boxes;
    for (const auto& z : zones) boxes.push_back(z.bounds());
    const auto pts = points();
    std::size_t i = 0;
    for (auto _ : state) {
        const geo::LonLat p = pts[i++ & 4095];
        int count = 0;
        for (std::size_t z = 0; z < zones.size(); ++z)
            if (boxes[z].contains(p) && zones::containsPoint(zones[z], p)) ++count;
        benchmark::DoNotOptimize(count);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_PlainEdgeTestMembership);

}  // namespace

BENCHMARK_MAIN();
