#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gdal_utils.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "seawatch/zones/coverage.hpp"
#include "seawatch/zones/zone_index.hpp"
#include "seawatch/zones/zone_loader.hpp"

using namespace seawatch;
using namespace seawatch::zones;
namespace fs = std::filesystem;

namespace {

fs::path dataFile(const char* name) {
    return fs::path(SEAWATCH_SOURCE_DIR) / "data/zones" / name;
}

time::UnixMillis at(const char* iso) {
    return *time::parseIso8601(iso);
}

fs::path writeTemp(const std::string& name, const std::string& text) {
    const fs::path path = fs::temp_directory_path() / ("seawatch_zones_" + name);
    std::ofstream(path) << text;
    return path;
}

std::vector<Zone> bundledZones() {
    auto load = loadZoneFiles({dataFile("irtc.geojson"), dataFile("patrol_sectors.geojson")});
    EXPECT_TRUE(load.ok()) << (load.ok() ? "" : load.error());
    return load->zones;
}

Zone squareWithHole() {
    Zone z;
    z.name = "donut";
    z.kind = ZoneKind::Exclusion;
    z.polygons = {Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}},
                          {{{0.4, 0.4}, {0.6, 0.4}, {0.6, 0.6}, {0.4, 0.6}}}}};
    return z;
}

}  // namespace

TEST(ZoneLoader, ReadsTheBundledCorridorExactlyAsPublished) {
    auto load = loadZones(dataFile("irtc.geojson"));
    ASSERT_TRUE(load.ok()) << load.error();
    EXPECT_TRUE(load->errors.empty());
    ASSERT_EQ(load->zones.size(), 6u);
    const Zone& westbound = load->zones[0];
    EXPECT_EQ(westbound.kind, ZoneKind::CorridorLane);
    EXPECT_EQ(westbound.direction, LaneDirection::Westbound);
    EXPECT_DOUBLE_EQ(westbound.laneCourseDeg, 252.0);
    ASSERT_EQ(westbound.polygons.size(), 1u);
    ASSERT_EQ(westbound.polygons[0].outer.size(), 4u);            // closing vertex dropped
    EXPECT_NEAR(westbound.polygons[0].outer[1].lat, 14.5, 1e-6);  // 14°30'N
    EXPECT_NEAR(westbound.polygons[0].outer[3].lat, 11 + 55 / 60.0, 1e-6);  // 11°55'N

    auto corridor = findCorridor(load->zones);
    ASSERT_TRUE(corridor.ok()) << corridor.error();
    EXPECT_NEAR(corridor->pointA.lat, 11 + 50 / 60.0, 1e-6);
    EXPECT_NEAR(corridor->pointB.lat, 14 + 28 / 60.0, 1e-6);
    // 8° of longitude and 2.5° of latitude at ~13°N: about 490 nm on a course near 072°.
    EXPECT_NEAR(corridor->lengthNm(), 490.0, 10.0);
    const geo::LonLat start = corridor->eastbound.centreline.vertices().front();
    const geo::LonLat end = corridor->eastbound.centreline.vertices().back();
    EXPECT_NEAR(geo::initialBearingDeg(start, end), 72.0, 2.0);
}

TEST(ZoneLoader, RiskAreaVersionsAreDateAware) {
    auto load = loadZones(dataFile("hra.geojson"));
    ASSERT_TRUE(load.ok()) << load.error();
    ASSERT_EQ(load->zones.size(), 4u);
    auto activeNames = [&](const char* iso) {
        std::vector<std::string> names;
        for (const Zone& z : load->zones)
            if (z.activeAt(at(iso))) names.push_back(z.name);
        return names;
    };
    EXPECT_EQ(activeNames("2009-11-15T12:00:00Z"),
              std::vector<std::string>{"High Risk Area (BMP3/BMP4)"});
    EXPECT_EQ(activeNames("2016-06-01"),
              std::vector<std::string>{"High Risk Area (December 2015)"});
    EXPECT_EQ(activeNames("2020-01-01"), std::vector<std::string>{"High Risk Area (May 2019)"});
    EXPECT_EQ(activeNames("2022-12-31T23:59:59Z"),
              std::vector<std::string>{"High Risk Area (September 2021)"});
    EXPECT_TRUE(activeNames("2023-01-01T00:00:00Z").empty());
    // The Gulf of Aden is inside every version.
    for (const Zone& z : load->zones) EXPECT_TRUE(containsPoint(z, {48.0, 12.5})) << z.name;
}

TEST(ZoneLoader, BadFeaturesAreNamedCountedAndSkipped) {
    const fs::path path = writeTemp("bad.geojson", R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"kind":"anchorage","name":"Good"},
  "geometry":{"type":"Polygon","coordinates":[[[45,12],[46,12],[46,13],[45,12]]]}},
 {"type":"Feature","properties":{"kind":"volcano","name":"Bad kind"},
  "geometry":{"type":"Polygon","coordinates":[[[45,12],[46,12],[46,13],[45,12]]]}},
 {"type":"Feature","properties":{"kind":"custom"},
  "geometry":{"type":"Polygon","coordinates":[[[45,12],[46,12],[46,13],[45,12]]]}},
 {"type":"Feature","properties":{"kind":"custom","name":"Bad date","valid_from":"soon"},
  "geometry":{"type":"Polygon","coordinates":[[[45,12],[46,12],[46,13],[45,12]]]}},
 {"type":"Feature","properties":{"kind":"custom","name":"No geometry"},"geometry":null}
]})");
    auto load = loadZones(path);
    ASSERT_TRUE(load.ok()) << load.error();
    ASSERT_EQ(load->zones.size(), 1u);
    EXPECT_EQ(load->zones[0].name, "Good");
    ASSERT_EQ(load->errors.size(), 4u);
    EXPECT_NE(load->errors[0].find(path.string()), std::string::npos);
    EXPECT_NE(load->errors[0].find("feature 1"), std::string::npos);
    EXPECT_NE(load->errors[0].find("volcano"), std::string::npos);
    EXPECT_NE(load->errors[1].find("feature 2"), std::string::npos);
    EXPECT_NE(load->errors[2].find("soon"), std::string::npos);
    EXPECT_NE(load->errors[3].find("no geometry"), std::string::npos);
    fs::remove(path);
}

TEST(ZoneLoader, UnreadableFileIsAnError) {
    auto load = loadZones("/nonexistent/zones.geojson");
    ASSERT_FALSE(load.ok());
    EXPECT_NE(load.error().find("/nonexistent/zones.geojson"), std::string::npos);
}

// The fuzz target loads zones from memory; that proves something about zone files only if
// the text loads exactly as the file does.
TEST(ZoneLoader, TextInMemoryLoadsAsTheFileDoes) {
    for (const char* name : {"irtc.geojson", "patrol_sectors.geojson", "hra.geojson"}) {
        std::ifstream in(dataFile(name), std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
        auto file = loadZones(dataFile(name));
        auto memory = loadZonesFromText(text, name, {"GeoJSON"});
        ASSERT_TRUE(file.ok()) << file.error();
        ASSERT_TRUE(memory.ok()) << memory.error();
        ASSERT_EQ(memory->zones.size(), file->zones.size()) << name;
        EXPECT_EQ(memory->errors.size(), file->errors.size()) << name;
        for (std::size_t i = 0; i < file->zones.size(); ++i) {
            const Zone& a = file->zones[i];
            const Zone& b = memory->zones[i];
            EXPECT_EQ(b.sourceFile, name);
            EXPECT_EQ(b.name, a.name);
            EXPECT_EQ(b.kind, a.kind);
            EXPECT_EQ(b.validFrom, a.validFrom);
            EXPECT_EQ(b.validTo, a.validTo);
            EXPECT_EQ(b.geometry, a.geometry);
            ASSERT_EQ(b.polygons.size(), a.polygons.size());
            for (std::size_t p = 0; p < a.polygons.size(); ++p) {
                ASSERT_EQ(b.polygons[p].outer.size(), a.polygons[p].outer.size());
                for (std::size_t v = 0; v < a.polygons[p].outer.size(); ++v) {
                    EXPECT_EQ(b.polygons[p].outer[v].lon, a.polygons[p].outer[v].lon);
                    EXPECT_EQ(b.polygons[p].outer[v].lat, a.polygons[p].outer[v].lat);
                }
            }
            EXPECT_EQ(b.line.size(), a.line.size());
        }
    }
}

TEST(ZoneLoader, TextInMemoryIsReadOnlyByTheDriversGiven) {
    // A CSV zone file opens with any driver (GDAL's CSV driver), not as GeoJSON.
    const std::string csv = "name,kind\nSector 1,patrol_sector\n";
    auto any = loadZonesFromText(csv, "zones.csv");
    ASSERT_TRUE(any.ok()) << any.error();
    ASSERT_EQ(any->errors.size(), 1U);
    EXPECT_NE(any->errors[0].find("zones.csv: layer 'zones' feature 0: no geometry"),
              std::string::npos)
        << any->errors[0];
    auto geoJsonOnly = loadZonesFromText(csv, "zones.csv", {"GeoJSON"});
    ASSERT_FALSE(geoJsonOnly.ok());
    EXPECT_EQ(geoJsonOnly.error(), "zones.csv: cannot open as a vector zone file");
}

TEST(ZoneLoader, ReadsGeoPackageLayers) {
    const fs::path gpkg = fs::temp_directory_path() / "seawatch_zones_sectors.gpkg";
    fs::remove(gpkg);
    GDALAllRegister();
    GDALDatasetH source = GDALOpenEx(dataFile("patrol_sectors.geojson").c_str(), GDAL_OF_VECTOR,
                                     nullptr, nullptr, nullptr);
    ASSERT_NE(source, nullptr);
    const char* args[] = {"-f", "GPKG", "-nln", "sectors", nullptr};
    GDALVectorTranslateOptions* options =
        GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
    int failed = 0;
    GDALDatasetH out = GDALVectorTranslate(gpkg.c_str(), nullptr, 1, &source, options, &failed);
    GDALVectorTranslateOptionsFree(options);
    ASSERT_NE(out, nullptr);
    GDALClose(out);
    GDALClose(source);

    // Validity dates become GeoPackage DATETIME columns: they must survive the trip.
    GDALDatasetH hraSource =
        GDALOpenEx(dataFile("hra.geojson").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    ASSERT_NE(hraSource, nullptr);
    const char* hraArgs[] = {"-f", "GPKG", "-update", "-nln", "hra", nullptr};
    GDALVectorTranslateOptions* hraOptions =
        GDALVectorTranslateOptionsNew(const_cast<char**>(hraArgs), nullptr);
    GDALDatasetH hraOut =
        GDALVectorTranslate(gpkg.c_str(), nullptr, 1, &hraSource, hraOptions, &failed);
    GDALVectorTranslateOptionsFree(hraOptions);
    ASSERT_NE(hraOut, nullptr);
    GDALClose(hraOut);
    GDALClose(hraSource);
    auto hra = loadZones(gpkg, "hra");
    ASSERT_TRUE(hra.ok()) << hra.error();
    ASSERT_EQ(hra->zones.size(), 4u);
    EXPECT_EQ(hra->zones[1].validFrom, at("2015-12-01T00:00:00Z"));
    EXPECT_EQ(hra->zones[3].validTo, at("2023-01-01T00:00:00Z"));

    auto load = loadZones(gpkg, "sectors");
    ASSERT_TRUE(load.ok()) << load.error();
    ASSERT_EQ(load->zones.size(), 6u);
    EXPECT_EQ(load->zones[3].owner, "PLA Navy escort task force");
    EXPECT_EQ(load->zones[3].kind, ZoneKind::PatrolSector);
    EXPECT_FALSE(loadZones(gpkg, "missing").ok());
    fs::remove(gpkg);
}

TEST(ZoneIndex, HolesAndMultipolygonsAgreeWithTheReferenceTest) {
    Zone donut = squareWithHole();
    Zone multi;
    multi.name = "two islands";
    multi.polygons = {Polygon{{{2, 0}, {3, 0}, {3, 1}}, {}},
                      Polygon{{{4, 0}, {5, 0}, {5, 1}, {4.5, 0.2}, {4, 1}}, {}}};
    std::vector<Zone> zones{donut, multi};
    ZoneIndex index(zones);
    EXPECT_TRUE(index.contains(0, {0.2, 0.2}));
    EXPECT_FALSE(index.contains(0, {0.5, 0.5}));  // in the hole
    EXPECT_TRUE(index.contains(1, {2.9, 0.5}));
    EXPECT_FALSE(index.contains(1, {4.5, 0.5}));  // in the notch
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> x(-0.5, 5.5), y(-0.5, 1.5);
    std::vector<std::uint32_t> hits;
    for (int i = 0; i < 20000; ++i) {
        const geo::LonLat p{x(rng), y(rng)};
        index.containing(p, hits);
        std::vector<std::uint32_t> expected;
        for (std::uint32_t z = 0; z < zones.size(); ++z)
            if (containsPoint(zones[z], p)) expected.push_back(z);
        ASSERT_EQ(hits, expected) << p.lon << "," << p.lat;
    }
}

TEST(ZoneIndex, ManyVertexPolygonMatchesReference) {
    // A 1000-vertex star: the banded index must agree with the plain edge test.
    Zone star;
    star.name = "star";
    for (int i = 0; i < 1000; ++i) {
        const double a = 2 * geo::kPi * i / 1000.0;
        const double r = (i % 2) ? 1.0 : 0.6;
        star.polygons.resize(1);
        star.polygons[0].outer.push_back({50 + r * std::cos(a), 12 + r * std::sin(a)});
    }
    std::vector<Zone> zones{star};
    ZoneIndex index(zones);
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> d(-1.1, 1.1);
    for (int i = 0; i < 20000; ++i) {
        const geo::LonLat p{50 + d(rng), 12 + d(rng)};
        ASSERT_EQ(index.contains(0, p), containsPoint(star, p));
    }
}

TEST(ZoneIndex, ValidityFiltersResults) {
    Zone z = squareWithHole();
    z.validFrom = at("2015-12-01");
    z.validTo = at("2023-01-01");
    std::vector<Zone> zones{z};
    ZoneIndex index(zones);
    std::vector<std::uint32_t> hits;
    index.containingAt({0.1, 0.1}, at("2010-01-01"), hits);
    EXPECT_TRUE(hits.empty());
    index.containingAt({0.1, 0.1}, at("2020-01-01"), hits);
    EXPECT_EQ(hits.size(), 1u);
    index.containingAt({0.1, 0.1}, at("2023-01-01"), hits);
    EXPECT_TRUE(hits.empty());
}

TEST(Schedule, PlannedGroupPositions) {
    auto schedule = loadSchedule(dataFile("schedule_gulf_of_aden_2009.json"));
    ASSERT_TRUE(schedule.ok()) << schedule.error();
    EXPECT_TRUE(schedule->errors.empty());
    ASSERT_EQ(schedule->transits.size(), 5u);
    auto zones = bundledZones();
    auto corridor = findCorridor(zones);
    ASSERT_TRUE(corridor.ok());

    const GroupTransit& e16 = schedule->transits[2];  // 16 kn from A at 06:00
    ASSERT_EQ(e16.id, "GT-E16-1115");
    EXPECT_FALSE(plannedPosition(e16, *corridor, at("2009-11-15T05:59:00Z")));
    auto start = plannedPosition(e16, *corridor, e16.departure);
    ASSERT_TRUE(start);
    EXPECT_LT(geo::distanceNm(start->position, corridor->pointA), 1.0);
    auto later = plannedPosition(e16, *corridor, at("2009-11-15T09:00:00Z"));
    ASSERT_TRUE(later);
    EXPECT_NEAR(later->alongNm, 48.0, 1e-9);
    EXPECT_NEAR(geo::distanceNm(start->position, later->position), 48.0, 0.2);
    EXPECT_NEAR(later->courseDeg, 72.0, 2.0);
    const time::UnixMillis arrival = plannedArrival(e16, *corridor);
    auto end = plannedPosition(e16, *corridor, arrival);
    ASSERT_TRUE(end);
    EXPECT_LT(geo::distanceNm(end->position, corridor->eastbound.centreline.vertices().back()),
              0.01);
    EXPECT_FALSE(plannedPosition(e16, *corridor, arrival + time::kMillisPerMinute));

    const GroupTransit& w12 = schedule->transits[3];  // westbound from B
    auto west = plannedPosition(w12, *corridor, w12.departure);
    ASSERT_TRUE(west);
    EXPECT_LT(geo::distanceNm(west->position, corridor->pointB), 1.0);
    EXPECT_NEAR(west->courseDeg, 252.0, 2.0);

    // The engine's position-only call agrees with the full one, inside and outside the
    // transit, at every hour of the day and at each densified vertex's distance along.
    EXPECT_FALSE(plannedPoint(e16, *corridor, e16.departure - 1));
    EXPECT_FALSE(plannedPoint(e16, *corridor, arrival + 1));
    for (time::UnixMillis t = e16.departure; t <= arrival; t += time::kMillisPerHour / 4) {
        const auto full = plannedPosition(e16, *corridor, t);
        const auto point = plannedPoint(e16, *corridor, t);
        ASSERT_TRUE(full && point);
        EXPECT_EQ(full->position.lon, point->lon);
        EXPECT_EQ(full->position.lat, point->lat);
    }
    // pointAt at each vertex's cumulative distance lands on that vertex, and between two
    // vertices it lies on the segment (the search must pick the segment that ends there).
    const Centreline& line = corridor->eastbound.centreline;
    double along = 0.0;
    for (std::size_t i = 1; i < line.vertices().size(); ++i) {
        along += geo::distanceNm(line.vertices()[i - 1], line.vertices()[i]);
        EXPECT_LT(geo::distanceNm(line.pointAt(along), line.vertices()[i]), 0.01) << "vertex " << i;
    }
    EXPECT_LT(geo::distanceNm(line.pointAt(line.lengthNm() + 5.0), line.vertices().back()), 1e-9);
    EXPECT_LT(geo::distanceNm(line.pointAt(-1.0), line.vertices().front()), 1e-9);
}

TEST(Schedule, BadRecordsAreNamedAndSkipped) {
    auto schedule = parseSchedule(R"({"window":{"from":"2009-11-15","to":"2009-11-16"},
      "group_transits":[
        {"id":"ok","speed_group_kn":14,"depart":"B","departure":"2009-11-15T01:00Z","escort_unit":"U"},
        {"id":"slow","speed_group_kn":9,"depart":"A","departure":"2009-11-15T01:00Z","escort_unit":"U"},
        {"id":"nowhere","speed_group_kn":10,"depart":"C","departure":"2009-11-15T01:00Z","escort_unit":"U"},
        {"id":"confused","speed_group_kn":10,"depart":"A","direction":"westbound","departure":"2009-11-15T01:00Z","escort_unit":"U"},
        {"id":"explicit","speed_group_kn":18,"depart":"A","direction":"eastbound","departure":"2009-11-15T01:00Z","escort_unit":"U"}],
      "sector_assignments":[
        {"unit":"U","sector":"S","from":"2009-11-15T05:00Z","to":"2009-11-15T04:00Z"}]})",
                                  "test.json");
    ASSERT_TRUE(schedule.ok()) << schedule.error();
    ASSERT_EQ(schedule->transits.size(), 2u);
    EXPECT_EQ(schedule->transits[0].direction, LaneDirection::Westbound);
    EXPECT_EQ(schedule->transits[1].direction, LaneDirection::Eastbound);
    ASSERT_EQ(schedule->errors.size(), 4u);
    EXPECT_EQ(schedule->errors[0].rfind("test.json: group_transits[1]", 0), 0u)
        << schedule->errors[0];
    EXPECT_NE(schedule->errors[1].find("group_transits[2]"), std::string::npos);
    EXPECT_NE(schedule->errors[2].find("group_transits[3]: 'direction' westbound"),
              std::string::npos);
    EXPECT_NE(schedule->errors[3].find("sector_assignments[0]"), std::string::npos);
    EXPECT_FALSE(parseSchedule("{not json", "x.json").ok());
    EXPECT_FALSE(parseSchedule(R"({"group_transits":[]})", "x.json").ok());  // no window
}

TEST(Coverage, BundledDayHasExactlyOneGapInSectorFour) {
    auto zones = bundledZones();
    auto corridor = findCorridor(zones);
    ASSERT_TRUE(corridor.ok());
    auto schedule = loadSchedule(dataFile("schedule_gulf_of_aden_2009.json"));
    ASSERT_TRUE(schedule.ok());
    const CoverageTimeline timeline = buildCoverage(*corridor, zones, *schedule);
    for (const auto& segment : timeline.segments)
        EXPECT_EQ(segment.sectorZones.size(), 1u) << segment.fromNm;  // sectors tile the corridor
    const auto gaps = findCoverageGaps(timeline, *corridor, zones);
    ASSERT_EQ(gaps.size(), 1u);
    EXPECT_EQ(gaps[0].from, at("2009-11-15T10:00:00Z"));
    EXPECT_EQ(gaps[0].to, at("2009-11-15T14:00:00Z"));
    EXPECT_EQ(gaps[0].sectors, "IRTC Sector 4");
    EXPECT_NEAR(gaps[0].toNm - gaps[0].fromNm, corridor->lengthNm() / 6.0, 10.0);
    EXPECT_TRUE(findAssignmentConflicts(zones, *schedule).empty());
    // The strip view: at 11:00 segment in sector 4 is empty, sector 1 has its frigate.
    const auto interval = timeline.intervalAt(at("2009-11-15T11:00:00Z"));
    ASSERT_TRUE(interval);
    EXPECT_FALSE(timeline.covering(*interval, 0).empty());
    EXPECT_EQ(schedule->assignments[timeline.covering(*interval, 0)[0]].unit, "ATALANTA frigate 1");
}

TEST(Coverage, SmallScheduleGapsAndConflicts) {
    auto zones = bundledZones();
    auto corridor = findCorridor(zones);
    ASSERT_TRUE(corridor.ok());
    // Sector 1 covered twice 02:00-03:00 (conflict), sector 2 by the same unit as sector 1
    // (not a conflict), neighbour sectors 2 and 3 held by different units (touching is fine),
    // sectors 4-6 never covered (one gap for the whole window over the east half).
    auto schedule =
        parseSchedule(R"({"window":{"from":"2009-11-15T00:00Z","to":"2009-11-15T06:00Z"},
      "sector_assignments":[
        {"unit":"Alpha","sector":"IRTC Sector 1","from":"2009-11-15T00:00Z","to":"2009-11-15T03:00Z"},
        {"unit":"Bravo","sector":"IRTC Sector 1","from":"2009-11-15T02:00Z","to":"2009-11-15T06:00Z"},
        {"unit":"Alpha","sector":"IRTC Sector 2","from":"2009-11-15T00:00Z","to":"2009-11-15T06:00Z"},
        {"unit":"Charlie","sector":"IRTC Sector 3","from":"2009-11-15T00:00Z","to":"2009-11-15T06:00Z"}]})",
                      "small.json");
    ASSERT_TRUE(schedule.ok());
    const auto conflicts = findAssignmentConflicts(zones, *schedule);
    ASSERT_EQ(conflicts.size(), 1u);
    EXPECT_EQ(conflicts[0].first, 0u);
    EXPECT_EQ(conflicts[0].second, 1u);
    EXPECT_EQ(conflicts[0].from, at("2009-11-15T02:00Z"));
    EXPECT_EQ(conflicts[0].to, at("2009-11-15T03:00Z"));

    const auto timeline = buildCoverage(*corridor, zones, *schedule);
    const auto gaps = findCoverageGaps(timeline, *corridor, zones);
    ASSERT_EQ(gaps.size(), 1u);
    EXPECT_EQ(gaps[0].from, at("2009-11-15T00:00Z"));
    EXPECT_EQ(gaps[0].to, at("2009-11-15T06:00Z"));
    EXPECT_EQ(gaps[0].sectors, "IRTC Sector 4, IRTC Sector 5, IRTC Sector 6");
    EXPECT_NEAR(gaps[0].toNm, corridor->lengthNm(), 1e-9);
}

TEST(Coverage, OverlapPointIgnoresSharedEdges) {
    auto zones = bundledZones();
    const Zone* s1 = nullptr;
    const Zone* s2 = nullptr;
    for (const Zone& z : zones) {
        if (z.name == "IRTC Sector 1") s1 = &z;
        if (z.name == "IRTC Sector 2") s2 = &z;
    }
    ASSERT_TRUE(s1 && s2);
    EXPECT_FALSE(overlapPoint(*s1, *s2));
    EXPECT_TRUE(overlapPoint(*s1, *s1));
}

TEST(Corridor, LaneMembershipAndTheSeparationZone) {
    auto zones = bundledZones();
    auto corridor = findCorridor(zones);
    ASSERT_TRUE(corridor.ok());
    const ZoneIndex index(zones);
    const auto& eastbound = corridor->eastbound;
    const auto& westbound = corridor->westbound;
    for (double along : {5.0, 120.0, 245.0, 400.0, 485.0}) {
        const geo::LonLat e = eastbound.centreline.pointAt(along);
        const geo::LonLat w = westbound.centreline.pointAt(westbound.centreline.lengthNm() - along);
        EXPECT_TRUE(index.contains(eastbound.zoneIndex, e)) << along;
        EXPECT_FALSE(index.contains(westbound.zoneIndex, e)) << along;
        EXPECT_TRUE(index.contains(westbound.zoneIndex, w)) << along;
        EXPECT_NEAR(eastbound.centreline.project(e).crossNm, 0.0, 0.01);
        // Halfway between the centrelines lies the 2 nm separation zone: in neither lane.
        const geo::LonLat middle{(e.lon + w.lon) / 2, (e.lat + w.lat) / 2};
        EXPECT_FALSE(index.contains(eastbound.zoneIndex, middle)) << along;
        EXPECT_FALSE(index.contains(westbound.zoneIndex, middle)) << along;
        // The centrelines are 7 nm apart north-south: 5 nm lane + 2 nm separation.
        EXPECT_NEAR(std::abs(westbound.centreline.project(e).crossNm),
                    7.0 * std::cos(17.8 * geo::kDegToRad), 0.1);
    }
    // Left of the eastbound lane's travel is north: negative cross-track.
    const geo::LonLat north = geo::destination(eastbound.centreline.pointAt(200), 342.0, 1.0);
    EXPECT_NEAR(eastbound.centreline.project(north).crossNm, -1.0, 0.02);
}

TEST(Schedule, GroupsUnderWayAtATime) {
    auto schedule = loadSchedule(dataFile("schedule_gulf_of_aden_2009.json"));
    ASSERT_TRUE(schedule.ok());
    auto zones = bundledZones();
    auto corridor = findCorridor(zones);
    ASSERT_TRUE(corridor.ok());
    // 05:00: the two groups from the 14th, and the westbound 12 kn group that left B at 04:00.
    const auto groups = plannedGroupPositions(*schedule, *corridor, at("2009-11-15T05:00:00Z"));
    ASSERT_EQ(groups.size(), 3u);
    EXPECT_EQ(schedule->transits[groups[0].transit].id, "GT-E12-1114");
    EXPECT_NEAR(groups[0].planned.alongNm, 19 * 12.0, 1e-9);
    EXPECT_EQ(schedule->transits[groups[2].transit].id, "GT-W12-1115");
    EXPECT_NEAR(groups[2].planned.alongNm, 12.0, 1e-9);
}
