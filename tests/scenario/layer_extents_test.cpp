// "Zoom to layer" without a window: what each map layer covers at the picture's time, from
// the core objects its overlay draws.
#include "seawatch/scenario/layer_extents.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace seawatch;
using namespace seawatch::scenario;

namespace {

constexpr time::UnixMillis kT0 = 1258286400000;  // 2009-11-15T12:00:00Z
constexpr time::UnixMillis kMin = time::kMillisPerMinute;
constexpr double kQuantum = 1e-4;  // the store keeps positions to 1/600 000 degree

ais::PositionFix fix(ais::Mmsi mmsi, time::UnixMillis t, double lon, double lat) {
    ais::PositionFix f;
    f.mmsi = mmsi;
    f.time = t;
    f.lon = lon;
    f.lat = lat;
    return f;
}

zones::Zone box(std::string name, zones::ZoneKind kind, double west, double south, double east,
                double north) {
    zones::Zone z;
    z.name = std::move(name);
    z.kind = kind;
    z.polygons = {{{{west, south}, {east, south}, {east, north}, {west, north}}, {}}};
    return z;
}

}  // namespace

TEST(LayerExtents, VesselsAreWhereTheyAreAtThePicturesTimeAndTrailsWhereTheyWere) {
    ais::TrackStore store;
    // Vessel 1 steams east from 45 E along 12 N, one fix every 10 minutes for an hour.
    for (int i = 0; i <= 6; ++i)
        store.addFix(fix(211000001, kT0 + i * 10 * kMin, 45 + i * 0.1, 12));
    // Vessel 2 is seen only from 12:30, further north.
    store.addFix(fix(211000002, kT0 + 30 * kMin, 46, 13));
    store.addFix(fix(211000002, kT0 + 40 * kMin, 46, 13.1));

    EXPECT_FALSE(vesselsExtent(store, kT0 - 60 * kMin));  // nobody seen yet

    // 12:25: vessel 1 halfway between its 12:20 and 12:30 fixes; vessel 2 not yet seen.
    const auto early = vesselsExtent(store, kT0 + 25 * kMin);
    ASSERT_TRUE(early);
    // A single point gets a box 0.2 degree wide around it.
    EXPECT_NEAR(early->west, 45.25 - 0.1, kQuantum);
    EXPECT_NEAR(early->east, 45.25 + 0.1, kQuantum);
    EXPECT_NEAR(early->south, 11.9, kQuantum);

    const auto both = vesselsExtent(store, kT0 + 40 * kMin);
    ASSERT_TRUE(both);
    EXPECT_NEAR(both->west, 45.4, kQuantum);
    EXPECT_NEAR(both->east, 46.0, kQuantum);
    EXPECT_NEAR(both->south, 12.0, kQuantum);
    EXPECT_NEAR(both->north, 13.1, kQuantum);

    // The last 30 minutes of trail at 12:40 reach back to vessel 1's 12:10 fix; later fixes
    // (12:50, 13:00) are not drawn yet.
    const auto trails = trailsExtent(store, kT0 + 40 * kMin, 30 * kMin);
    ASSERT_TRUE(trails);
    EXPECT_NEAR(trails->west, 45.1, kQuantum);
    EXPECT_NEAR(trails->east, 46.0, kQuantum);
    EXPECT_NEAR(trails->north, 13.1, kQuantum);
    // With no trail time, the trails are only where the vessels are.
    const auto none = trailsExtent(store, kT0 + 40 * kMin, 0);
    ASSERT_TRUE(none);
    EXPECT_NEAR(none->west, 45.4, kQuantum);
}

TEST(LayerExtents, IncidentsCountOnceTheyHaveHappened) {
    incidents::IncidentColumns columns;
    const auto add = [&](double lon, double lat, time::UnixMillis at) {
        columns.ids.push_back(static_cast<std::int64_t>(columns.ids.size()) + 1);
        columns.lon.push_back(lon);
        columns.lat.push_back(lat);
        columns.occurredAt.push_back(at);
        columns.category.push_back(incidents::Category::Attempted);
    };
    add(45, 12, kT0);
    add(50, 14, kT0 + 60 * kMin);
    add(60, -5, kT0 + 120 * kMin);
    EXPECT_FALSE(incidentsExtent(columns, kT0 - 1));
    const auto two = incidentsExtent(columns, kT0 + 60 * kMin);
    ASSERT_TRUE(two);
    EXPECT_DOUBLE_EQ(two->west, 45);
    EXPECT_DOUBLE_EQ(two->east, 50);
    EXPECT_DOUBLE_EQ(two->north, 14);
    const auto all = incidentsExtent(columns, kT0 + 120 * kMin);
    ASSERT_TRUE(all);
    EXPECT_DOUBLE_EQ(all->south, -5);
    EXPECT_DOUBLE_EQ(all->east, 60);
}

TEST(LayerExtents, AlertsFollowTheMapsQuery) {
    std::vector<analytics::Event> events(3);
    events[0] = {analytics::EventType::Cpa, kT0, {1, 2}, "", "", 12.0, 45.0, {}};
    events[1] = {analytics::EventType::Loitering, kT0 + 10 * kMin, {3}, "", "", 13.0, 47.0, {}};
    events[2] = {analytics::EventType::Cpa, kT0 + 90 * kMin, {1, 2}, "", "", 11.0, 44.0, {}};
    analytics::AlertQuery query;
    query.now = kT0 + 20 * kMin;
    query.maxAge = analytics::kAlertMapWindow;
    const auto recent = alertsExtent(events, query);
    ASSERT_TRUE(recent);
    EXPECT_DOUBLE_EQ(recent->west, 45.0);
    EXPECT_DOUBLE_EQ(recent->east, 47.0);
    // Loitering hidden by type: only the CPA is left.
    query.typeMask = analytics::typeBit(analytics::EventType::Cpa);
    const auto cpa = alertsExtent(events, query);
    ASSERT_TRUE(cpa);
    EXPECT_DOUBLE_EQ(cpa->east, 45.0 + 0.1);
    query.now = kT0 + 60 * kMin;  // both older than the map's window, the next not yet
    EXPECT_FALSE(alertsExtent(events, query));
}

TEST(LayerExtents, ARangeRingCoversItsOuterRingAndHiddenAnnotationsDoNot) {
    Annotation ring;
    ring.kind = Annotation::Kind::RangeRing;
    ring.points = {{45.0, 12.0}};
    ring.radiiNm = {5, 30, 10};
    Annotation label;
    label.kind = Annotation::Kind::Text;
    label.points = {{50.0, 14.0}};
    label.visible = TimeSpan{kT0, kT0 + 60 * kMin};
    const std::vector<Annotation> annotations{ring, label};

    const auto before = annotationsExtent(annotations, kT0 - kMin);
    ASSERT_TRUE(before);
    // 30 nm is half a degree of latitude, and 0.5 / cos 12 deg of longitude.
    EXPECT_NEAR(before->north, 12.5, 1e-3);
    EXPECT_NEAR(before->south, 11.5, 1e-3);
    EXPECT_NEAR(before->west, 45.0 - 0.5 / std::cos(12.0 * geo::kDegToRad), 2e-3);
    const auto during = annotationsExtent(annotations, kT0 + 30 * kMin);
    ASSERT_TRUE(during);
    EXPECT_DOUBLE_EQ(during->east, 50.0);
    EXPECT_DOUBLE_EQ(during->north, 14.0);
    EXPECT_FALSE(annotationsExtent({}, kT0));
}

TEST(LayerExtents, ZonesAsTheCallerShowsThem) {
    zones::Zone point;
    point.name = "Point A";
    point.kind = zones::ZoneKind::Custom;
    point.geometry = zones::GeometryType::Point;
    point.line = {{43.5, 12.0}};
    const std::vector<zones::Zone> all{
        box("Sector 4", zones::ZoneKind::PatrolSector, 46, 12, 48, 13),
        box("HRA", zones::ZoneKind::RiskArea, 49, 10, 55, 16), point};
    const auto everything = zonesExtent(all, [](const zones::Zone&) { return true; });
    ASSERT_TRUE(everything);
    EXPECT_DOUBLE_EQ(everything->west, 43.5);  // a point zone is a place to zoom to
    EXPECT_DOUBLE_EQ(everything->east, 55);
    EXPECT_DOUBLE_EQ(everything->south, 10);
    const auto sectors = zonesExtent(
        all, [](const zones::Zone& z) { return z.kind == zones::ZoneKind::PatrolSector; });
    ASSERT_TRUE(sectors);
    EXPECT_DOUBLE_EQ(sectors->west, 46);
    EXPECT_DOUBLE_EQ(sectors->north, 13);
    EXPECT_FALSE(zonesExtent(all, [](const zones::Zone&) { return false; }));
}
