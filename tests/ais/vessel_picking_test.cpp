#include "seawatch/ais/vessel_picking.hpp"

#include <gtest/gtest.h>

using namespace seawatch;
using namespace seawatch::ais;

namespace {

constexpr time::UnixMillis kT0 = 1'240'000'000'000;  // April 2009

PositionFix fixOf(Mmsi mmsi, time::UnixMillis t, double lon, double lat, float sog = 10.0f) {
    PositionFix f;
    f.mmsi = mmsi;
    f.time = t;
    f.lon = lon;
    f.lat = lat;
    f.speedKn = sog;
    f.courseDeg = 90.0f;
    return f;
}

VesselStatic staticOf(Mmsi mmsi, std::string name, std::string callsign, int type) {
    VesselStatic v;
    v.mmsi = mmsi;
    v.name = std::move(name);
    v.callsign = std::move(callsign);
    v.shipType = type;
    return v;
}

std::vector<Mmsi> mmsis(const std::vector<VesselListRow>& rows) {
    std::vector<Mmsi> out;
    for (const auto& r : rows) out.push_back(r.mmsi);
    return out;
}

}  // namespace

TEST(VesselPicking, PicksTheNearestVesselWithinTheRadius) {
    TrackStore store;
    store.addFix(fixOf(111, kT0, 48.00, 12.00));
    store.addFix(fixOf(222, kT0, 48.02, 12.00));
    const geo::MapView view = geo::MapView::fitting({47.9, 11.9, 48.1, 12.1}, 800, 800);
    const geo::ScreenPoint a = view.toScreen(geo::LonLat{48.00, 12.00});
    const geo::ScreenPoint b = view.toScreen(geo::LonLat{48.02, 12.00});
    ASSERT_GT(b.x - a.x, 40.0);  // far enough apart that a 10 px radius separates them

    auto near = pickVessel(store, view, {a.x + 3, a.y - 2}, 10.0, kT0);
    ASSERT_TRUE(near);
    EXPECT_EQ(near->mmsi, 111u);
    EXPECT_NEAR(near->distancePx, std::hypot(3.0, 2.0), 0.01);

    near = pickVessel(store, view, {b.x - 4, b.y}, 10.0, kT0);
    ASSERT_TRUE(near);
    EXPECT_EQ(near->mmsi, 222u);

    // Halfway between: nothing within 10 px.
    EXPECT_FALSE(pickVessel(store, view, {(a.x + b.x) / 2, a.y}, 10.0, kT0));
}

TEST(VesselPicking, UsesThePositionAtTheRequestedTime) {
    TrackStore store;
    store.addFix(fixOf(333, kT0, 48.00, 12.00));
    store.addFix(fixOf(333, kT0 + 600'000, 48.04, 12.00));
    const geo::MapView view = geo::MapView::fitting({47.9, 11.9, 48.1, 12.1}, 800, 800);
    const geo::ScreenPoint mid = view.toScreen(geo::LonLat{48.02, 12.00});
    // Interpolated halfway at t0 + 5 min; not there at t0, and nothing before the first fix.
    EXPECT_TRUE(pickVessel(store, view, mid, 3.0, kT0 + 300'000));
    EXPECT_FALSE(pickVessel(store, view, mid, 3.0, kT0));
    EXPECT_FALSE(pickVessel(store, view, view.toScreen(geo::LonLat{48.0, 12.0}), 3.0, kT0 - 1));
}

TEST(VesselList, SearchMatchesNameCallsignAndMmsiIgnoringCase) {
    const VesselStatic v = staticOf(235012345, "Sirius Star", "C6XS7", 80);
    EXPECT_TRUE(matchesVesselSearch(v, v.mmsi, ""));
    EXPECT_TRUE(matchesVesselSearch(v, v.mmsi, "sirius"));
    EXPECT_TRUE(matchesVesselSearch(v, v.mmsi, " STAR "));
    EXPECT_TRUE(matchesVesselSearch(v, v.mmsi, "c6x"));
    EXPECT_TRUE(matchesVesselSearch(v, v.mmsi, "2350123"));
    EXPECT_FALSE(matchesVesselSearch(v, v.mmsi, "maersk"));
    EXPECT_FALSE(matchesVesselSearch(v, v.mmsi, "999"));
}

TEST(VesselList, SortsByEachKeyWithUnknownsLast) {
    TrackStore store;
    store.addFix(fixOf(300, kT0 - 60'000, 48.0, 12.0, 14.0f));   // fix 1 min old at kT0
    store.addFix(fixOf(100, kT0 - 600'000, 48.1, 12.0, 8.0f));   // 10 min old
    store.addFix(fixOf(200, kT0 - 120'000, 48.2, 12.0, 20.0f));  // 2 min old
    store.addFix(fixOf(400, kT0 + 60'000, 48.3, 12.0));          // first fix after kT0
    store.mergeStatic(staticOf(300, "alpha", "", 70));
    store.mergeStatic(staticOf(100, "Bravo", "", 80));
    store.mergeStatic(staticOf(200, "", "", 30));  // no name yet
    store.mergeStatic(staticOf(400, "charlie", "", 0));

    std::vector<VesselListRow> rows;
    VesselListQuery q;
    buildVesselList(store, kT0, q, rows);
    EXPECT_EQ(mmsis(rows), (std::vector<Mmsi>{300, 100, 400, 200}));
    q.descending = true;
    buildVesselList(store, kT0, q, rows);
    EXPECT_EQ(mmsis(rows), (std::vector<Mmsi>{400, 100, 300, 200}));

    q = {.search = "", .key = VesselSortKey::MmsiNumber, .descending = false};
    buildVesselList(store, kT0, q, rows);
    EXPECT_EQ(mmsis(rows), (std::vector<Mmsi>{100, 200, 300, 400}));

    q.key = VesselSortKey::Type;
    buildVesselList(store, kT0, q, rows);
    EXPECT_EQ(mmsis(rows), (std::vector<Mmsi>{200, 300, 100, 400}));

    q.key = VesselSortKey::Speed;
    q.descending = true;
    buildVesselList(store, kT0, q, rows);
    EXPECT_EQ(mmsis(rows), (std::vector<Mmsi>{200, 300, 100, 400}));  // 400 has no state yet

    q.key = VesselSortKey::FixAge;
    q.descending = false;
    buildVesselList(store, kT0, q, rows);
    EXPECT_EQ(mmsis(rows), (std::vector<Mmsi>{300, 200, 100, 400}));
    EXPECT_EQ(rows[0].fixAgeMs, 60'000);
    EXPECT_FALSE(rows[3].hasState);

    q.search = "av";  // Bravo only
    buildVesselList(store, kT0, q, rows);
    EXPECT_EQ(mmsis(rows), (std::vector<Mmsi>{100}));
}

TEST(MessageRate, AveragesOverTheWindow) {
    MessageRateMeter meter(10.0);
    EXPECT_EQ(meter.ratePerSecond(), 0.0);
    for (int s = 0; s <= 20; ++s) meter.sample(s, static_cast<std::uint64_t>(s) * 50);
    EXPECT_NEAR(meter.ratePerSecond(), 50.0, 1e-9);
    // The feed goes quiet: after ten silent seconds the rate is zero again.
    for (int s = 21; s <= 31; ++s) meter.sample(s, 1000);
    EXPECT_NEAR(meter.ratePerSecond(), 0.0, 1e-9);
}
