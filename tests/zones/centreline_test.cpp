#include <gtest/gtest.h>
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <limits>
#include <random>

#include "seawatch/zones/corridor.hpp"
#include "seawatch/zones/zone_loader.hpp"

using namespace seawatch;
using namespace seawatch::zones;
namespace fs = std::filesystem;

namespace {

// Every segment measured, the first nearest kept: what project() answered before it
// learned to skip segments, written out again here.
Centreline::Projection projectEverySegment(const std::vector<geo::LonLat>& v, geo::LonLat p) {
    std::vector<double> cumulative{0.0};
    for (std::size_t i = 1; i < v.size(); ++i)
        cumulative.push_back(cumulative.back() + geo::distanceNm(v[i - 1], v[i]));
    Centreline::Projection best;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (std::size_t i = 1; i < v.size(); ++i) {
        const double segment = cumulative[i] - cumulative[i - 1];
        const double along = geo::alongTrackNm(p, v[i - 1], v[i]);
        const double cross = geo::crossTrackNm(p, v[i - 1], v[i]);
        const double clamped = std::clamp(along, 0.0, segment);
        const double distance = (clamped == along)
                                    ? std::abs(cross)
                                    : geo::distanceNm(p, clamped <= 0.0 ? v[i - 1] : v[i]);
        const bool extend = (i == 1 && along < 0.0) || (i + 1 == v.size() && along > segment);
        if (distance < bestDistance) {
            bestDistance = distance;
            best.alongNm = cumulative[i - 1] + (extend ? along : clamped);
            best.crossNm = cross;
        }
    }
    return best;
}

}  // namespace

// Bit for bit the answer of measuring every segment: around the bundled lanes, near and on
// their vertices, far away, and on a zigzag whose segments are nearly equidistant.
TEST(Centreline, ProjectionSkipsSegmentsButNotTheAnswer) {
    const fs::path dir = fs::path(SEAWATCH_SOURCE_DIR) / "data/zones";
    auto load = loadZoneFiles({dir / "irtc.geojson"});
    ASSERT_TRUE(load.ok());
    auto corridor = findCorridor(load->zones);
    ASSERT_TRUE(corridor.ok());
    std::vector<std::vector<geo::LonLat>> lines{corridor->eastbound.centreline.vertices(),
                                                corridor->westbound.centreline.vertices()};
    std::vector<geo::LonLat> zigzag;
    zigzag.reserve(200);
    for (int i = 0; i < 200; ++i) zigzag.push_back({45.0 + 0.02 * i, 12.0 + (i % 2) * 0.02});
    lines.push_back(zigzag);
    lines.push_back({{45.0, 12.0}, {45.0, 12.0}, {46.0, 12.5}});  // a repeated vertex
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> lon(40.0, 56.0), lat(8.0, 17.0), jitter(-1e-3, 1e-3);
    for (const auto& vertices : lines) {
        ASSERT_GE(vertices.size(), 3U);
        const Centreline line(vertices);
        std::vector<geo::LonLat> points;
        points.reserve(1500 + 2 * vertices.size());
        for (int i = 0; i < 1500; ++i) points.push_back({lon(rng), lat(rng)});
        for (const geo::LonLat& v : vertices) {
            points.push_back(v);
            points.push_back({v.lon + jitter(rng), v.lat + jitter(rng)});
        }
        for (const geo::LonLat& p : points) {
            const auto got = line.project(p);
            const auto want = projectEverySegment(vertices, p);
            ASSERT_EQ(got.alongNm, want.alongNm) << std::setprecision(17) << p.lon << "," << p.lat;
            ASSERT_EQ(got.crossNm, want.crossNm) << std::setprecision(17) << p.lon << "," << p.lat;
        }
    }
}

// The escort check's screen: the bound never exceeds the distance it stands for, at any point
// of the line (ends, vertices, beyond the end) and from near and far.
TEST(Centreline, TheBoundToAPointAlongNeverExceedsItsDistance) {
    const fs::path dir = fs::path(SEAWATCH_SOURCE_DIR) / "data/zones";
    auto load = loadZoneFiles({dir / "irtc.geojson"});
    ASSERT_TRUE(load.ok());
    auto corridor = findCorridor(load->zones);
    ASSERT_TRUE(corridor.ok());
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> lon(40.0, 56.0), lat(8.0, 17.0), jitter(-0.01, 0.01);
    for (const Centreline* line :
         {&corridor->eastbound.centreline, &corridor->westbound.centreline}) {
        std::uniform_real_distribution<double> along(-5.0, line->lengthNm() + 5.0);
        std::size_t tight = 0;
        for (int i = 0; i < 20000; ++i) {
            const double a = along(rng);
            const geo::LonLat onLine = line->pointAt(a);
            // Half the positions far off, half within a few hundred metres of the point.
            const geo::LonLat p =
                (i % 2 == 0) ? geo::LonLat{lon(rng), lat(rng)}
                             : geo::LonLat{onLine.lon + jitter(rng), onLine.lat + jitter(rng)};
            const double bound = line->lowerBoundToPointAt(Centreline::unitVectorOf(p), a);
            const double distance = geo::distanceNm(p, onLine);
            ASSERT_LE(bound, distance)
                << std::setprecision(17) << p.lon << "," << p.lat << " at " << a;
            if (distance > 20.0 && bound > distance - 5.0) ++tight;
        }
        // And it is worth having: far points are bounded to within a few miles.
        EXPECT_GT(tight, 5000U);
    }
}
