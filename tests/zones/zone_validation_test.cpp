// Zones that once loaded although they could not mean anything.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "seawatch/zones/schedule.hpp"
#include "seawatch/zones/zone_loader.hpp"

using namespace seawatch;
namespace fs = std::filesystem;

namespace {

// One feature with the given properties (JSON members) and geometry (a GeoJSON object).
zones::ZoneLoad loadOne(const std::string& properties, const std::string& geometry) {
    const fs::path file =
        fs::temp_directory_path() / ("seawatch_zone_" + std::to_string(::getpid()) + ".geojson");
    std::ofstream(file) << R"({"type": "FeatureCollection", "features": [{"type": "Feature",
        "properties": {"name": "Sector X", )"
                        << properties << R"(}, "geometry": )" << geometry << "}]}";
    auto load = zones::loadZones(file);
    fs::remove(file);
    EXPECT_TRUE(load.ok());
    return load.ok() ? *load : zones::ZoneLoad{};
}

const std::string kSquare =
    R"({"type": "Polygon", "coordinates": [[[45, 12], [46, 12], [46, 13], [45, 13], [45, 12]]]})";

bool mentions(const zones::ZoneLoad& load, const std::string& text) {
    for (const auto& e : load.errors)
        if (e.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST(ZoneValidation, AGoodSectorLoads) {
    const auto load = loadOne(R"("kind": "patrol_sector", "valid_from": "2009-02-28")", kSquare);
    EXPECT_EQ(load.zones.size(), 1U);
    EXPECT_TRUE(load.errors.empty());
}

TEST(ZoneValidation, February30IsNotADate) {
    const auto load = loadOne(R"("kind": "patrol_sector", "valid_from": "2009-02-30")", kSquare);
    EXPECT_TRUE(load.zones.empty());
    ASSERT_EQ(load.errors.size(), 1U);
    EXPECT_TRUE(mentions(load, "valid_from")) << load.errors[0];
}

TEST(ZoneValidation, ImplausibleYearsAreRefused) {
    const auto load =
        loadOne(R"("kind": "risk_area", "valid_to": "9999-12-31T00:00:00Z")", kSquare);
    EXPECT_TRUE(load.zones.empty());
    EXPECT_TRUE(mentions(load, "outside the years 1990-2100")) << load.errors.size();
}

TEST(ZoneValidation, SelfIntersectingPolygonIsRefused) {
    const auto load = loadOne(
        R"("kind": "patrol_sector")",
        R"({"type": "Polygon", "coordinates": [[[45, 12], [46, 13], [46, 12], [45, 14], [45, 12]]]})");
    EXPECT_TRUE(load.zones.empty());
    EXPECT_TRUE(mentions(load, "invalid polygon (self-intersecting"));
}

TEST(ZoneValidation, ZeroAreaPolygonIsRefused) {
    const auto load = loadOne(
        R"("kind": "patrol_sector")",
        R"({"type": "Polygon", "coordinates": [[[45, 12], [46, 12], [47, 12], [45, 12]]]})");
    EXPECT_TRUE(load.zones.empty());
    EXPECT_TRUE(mentions(load, "zero area"));
}

TEST(ZoneValidation, APointIsNotAPatrolSector) {
    const auto load =
        loadOne(R"("kind": "patrol_sector")", R"({"type": "Point", "coordinates": [45, 12]})");
    EXPECT_TRUE(load.zones.empty());
    EXPECT_TRUE(mentions(load, "a patrol_sector must be a Polygon, not a POINT"));
    // A point is fine where no area is meant (the IRTC's named points are custom zones).
    EXPECT_EQ(loadOne(R"("kind": "custom")", R"({"type": "Point", "coordinates": [45, 12]})")
                  .zones.size(),
              1U);
}

TEST(ScheduleValidation, DuplicateKeysAndImplausibleTimes) {
    auto s = zones::parseSchedule(
        R"({"name": "a", "name": "b", "window": {"from": "2009-11-15T00:00:00Z", "to": "2009-11-16T00:00:00Z"}})",
        "s.json");
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().find("s.json: name: key given twice"), std::string::npos) << s.error();
    s = zones::parseSchedule(
        R"({"window": {"from": "2009-11-15T00:00:00Z", "to": "9999-11-16T00:00:00Z"}})", "s.json");
    ASSERT_FALSE(s.ok());
}
