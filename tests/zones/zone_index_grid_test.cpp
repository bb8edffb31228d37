#include <gtest/gtest.h>
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <random>

#include "seawatch/zones/zone_index.hpp"
#include "seawatch/zones/zone_loader.hpp"

using namespace seawatch;
using namespace seawatch::zones;
namespace fs = std::filesystem;

namespace {

time::UnixMillis at(const char* iso) {
    return *time::parseIso8601(iso);
}

// The bundled zones and hand-made awkward ones: a hole, a multipolygon with a notch, a
// 1000-vertex star, a hole drawn beyond its outer ring, a sliver, a dated zone, a line.
std::vector<Zone> awkwardZones() {
    const fs::path dir = fs::path(SEAWATCH_SOURCE_DIR) / "data/zones";
    auto load = loadZoneFiles({dir / "irtc.geojson", dir / "patrol_sectors.geojson",
                               dir / "hra.geojson", dir / "vra.geojson"});
    EXPECT_TRUE(load.ok());
    std::vector<Zone> zones = load.ok() ? load->zones : std::vector<Zone>{};
    Zone donut;
    donut.polygons = {Polygon{{{48, 12}, {49, 12}, {49, 13}, {48, 13}},
                              {{{48.4, 12.4}, {48.6, 12.4}, {48.6, 12.6}, {48.4, 12.6}}}}};
    zones.push_back(donut);
    Zone multi;
    multi.polygons = {Polygon{{{50, 11}, {51, 11}, {51, 12}}, {}},
                      Polygon{{{52, 11}, {53, 11}, {53, 12}, {52.5, 11.2}, {52, 12}}, {}}};
    zones.push_back(multi);
    Zone star;
    star.polygons.resize(1);
    for (int i = 0; i < 1000; ++i) {
        const double a = 2 * geo::kPi * i / 1000.0;
        const double r = (i % 2) ? 1.0 : 0.6;
        star.polygons[0].outer.push_back({47 + r * std::cos(a), 14 + r * std::sin(a)});
    }
    zones.push_back(star);
    // The hole sticks out beyond the outer ring's box, away from the ring: there the
    // box alone decides (the ray test counts the hole's edges as the only boundary).
    Zone overhang;
    overhang.polygons = {Polygon{{{44, 11}, {45, 11.5}, {44, 12}},
                                 {{{44.2, 11.6}, {45.5, 11.6}, {45.5, 12.8}, {44.2, 12.8}}}}};
    zones.push_back(overhang);
    Zone sliver;
    sliver.polygons = {Polygon{{{45, 13}, {50, 13.00001}, {45, 13.00002}}, {}}};
    zones.push_back(sliver);
    Zone dated = donut;
    dated.validFrom = at("2015-12-01");
    dated.validTo = at("2023-01-01");
    zones.push_back(dated);
    Zone line;
    line.geometry = GeometryType::Line;
    line.line = {{40, 5}, {60, 20}};
    zones.push_back(line);
    return zones;
}

}  // namespace

// The grid must give the per-zone answer for every point, including points on and a hair
// off vertices and edges, where the ray test's own rounding decides.
TEST(ZoneIndexGrid, AgreesWithThePerZoneLookupEverywhere) {
    const std::vector<Zone> zones = awkwardZones();
    const ZoneIndex plain(zones);
    const ZoneIndex grid(zones, ZoneLookup::CellGrid);
    std::vector<geo::LonLat> points;
    points.reserve(220000);
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> lon(30.0, 80.0), lat(-15.0, 30.0), unit(0.0, 1.0);
    for (int i = 0; i < 100000; ++i) points.push_back({lon(rng), lat(rng)});
    std::uniform_real_distribution<double> nearLon(43.5, 53.5), nearLat(10.5, 15.5);
    for (int i = 0; i < 100000; ++i) points.push_back({nearLon(rng), nearLat(rng)});
    std::uniform_real_distribution<double> overLon(44.3, 45.4), overLat(11.8, 12.2);
    for (int i = 0; i < 20000; ++i) points.push_back({overLon(rng), overLat(rng)});
    const double offsets[] = {0.0, 1e-12, -1e-12, 1e-9, -1e-9, 1e-7, -1e-7, 1e-5, -1e-5};
    for (const Zone& z : zones) {
        for (const Polygon& poly : z.polygons) {
            std::vector<const Ring*> rings{&poly.outer};
            for (const Ring& hole : poly.holes) rings.push_back(&hole);
            for (const Ring* ring : rings) {
                for (std::size_t i = 0, j = ring->size() - 1; i < ring->size(); j = i++) {
                    const geo::LonLat a = (*ring)[j], b = (*ring)[i];
                    for (int k = 0; k < 4; ++k) {
                        const double t = k == 0 ? 0.0 : unit(rng);
                        const geo::LonLat on{a.lon + t * (b.lon - a.lon),
                                             a.lat + t * (b.lat - a.lat)};
                        for (double dx : offsets)
                            for (double dy : offsets) points.push_back({on.lon + dx, on.lat + dy});
                    }
                }
            }
        }
    }
    points.push_back({std::nan(""), 12.0});
    points.push_back({48.5, std::nan("")});
    std::vector<std::uint32_t> want, got;
    const time::UnixMillis times[] = {at("2010-01-01"), at("2020-01-01")};
    std::size_t inside = 0;
    for (const geo::LonLat& p : points) {
        plain.containing(p, want);
        grid.containing(p, got);
        ASSERT_EQ(got, want) << std::setprecision(17) << p.lon << "," << p.lat;
        inside += want.size();
        for (time::UnixMillis t : times) {
            plain.containingAt(p, t, want);
            grid.containingAt(p, t, got);
            ASSERT_EQ(got, want) << std::setprecision(17) << p.lon << "," << p.lat << " at " << t;
        }
    }
    EXPECT_GT(inside, points.size() / 4);  // the points do reach into the zones
}

TEST(ZoneIndexGrid, NoAreaZonesAndNoZones) {
    Zone line;
    line.geometry = GeometryType::Line;
    line.line = {{40, 5}, {60, 20}};
    const std::vector<Zone> zones{line};
    const ZoneIndex grid(zones, ZoneLookup::CellGrid);
    std::vector<std::uint32_t> hits{7};
    grid.containing({50, 12}, hits);
    EXPECT_TRUE(hits.empty());
    const ZoneIndex none(std::vector<Zone>{}, ZoneLookup::CellGrid);
    none.containingAt({50, 12}, 0, hits);
    EXPECT_TRUE(hits.empty());
}
