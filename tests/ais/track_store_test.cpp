#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "seawatch/ais/decoder.hpp"
#include "seawatch/ais/encoder.hpp"
#include "seawatch/ais/track_store.hpp"

using namespace seawatch::ais;
using seawatch::time::kMillisPerMinute;

namespace {

PositionFix fix(Mmsi mmsi, std::int64_t t, double lat, double lon, float sog = 10, float cog = 90) {
    PositionFix f;
    f.mmsi = mmsi;
    f.time = t;
    f.lat = lat;
    f.lon = lon;
    f.speedKn = sog;
    f.courseDeg = cog;
    f.headingDeg = cog;
    f.navStatus = 0;
    return f;
}

}  // namespace

TEST(TrackStore, FixesStayTimeOrderedAndDuplicatesReplace) {
    TrackStore store;
    EXPECT_TRUE(store.addFix(fix(1, 3000, 1, 1)));
    EXPECT_TRUE(store.addFix(fix(1, 1000, 0, 0)));
    EXPECT_TRUE(store.addFix(fix(1, 2000, 0.5, 0.5)));
    EXPECT_TRUE(store.addFix(fix(1, 2000, 0.6, 0.6)));
    ASSERT_EQ(store.vesselCount(), 1U);
    EXPECT_EQ(store.fixCount(0), 3U);
    EXPECT_EQ(store.totalFixes(), 3U);
    EXPECT_EQ(store.fixAt(0, 0).time, 1000);
    EXPECT_NEAR(store.fixAt(0, 1).lat, 0.6, 1e-7);
    EXPECT_EQ(store.fixAt(0, 2).time, 3000);
}

TEST(TrackStore, RejectsFixesWithoutPositionOrOutsideFilter) {
    TrackStoreOptions opt;
    opt.ingestFilter = seawatch::geo::GeoBox{40, -5, 80, 25};  // west, south, east, north
    TrackStore store(opt);
    EXPECT_FALSE(store.addFix(fix(1, 0, std::nan(""), 50)));
    EXPECT_FALSE(store.addFix(fix(2, 0, 10, 20)));  // Mediterranean-ish: outside
    EXPECT_TRUE(store.addFix(fix(3, 0, 12, 45)));   // Gulf of Aden
    EXPECT_EQ(store.vesselCount(), 1U);
}

TEST(TrackStore, StateInterpolatesBetweenFixes) {
    TrackStore store;
    store.addFix(fix(7, 0, 10.0, 50.0, 10, 0));
    store.addFix(fix(7, 10 * kMillisPerMinute, 11.0, 52.0, 20, 90));
    const auto s = store.stateAtMmsi(7, 5 * kMillisPerMinute);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->kind, StateKind::Interpolated);
    EXPECT_NEAR(s->lat, 10.5, 1e-6);
    EXPECT_NEAR(s->lon, 51.0, 1e-6);
    EXPECT_NEAR(s->speedKn, 15.0F, 1e-4);
    EXPECT_NEAR(s->courseDeg, 45.0F, 1e-3);
    EXPECT_FALSE(store.stateAtMmsi(7, -1).has_value());
    EXPECT_EQ(store.stateAtMmsi(7, 0)->kind, StateKind::Exact);
    EXPECT_FALSE(store.stateAtMmsi(8, 0).has_value());
}

TEST(TrackStore, StatesAtCoversVesselsWithAFixByThen) {
    TrackStore store;
    store.addFix(fix(1, 0, 10, 50));
    store.addFix(fix(2, 5000, 11, 51));
    std::vector<VesselState> states;
    store.statesAt(1000, states);
    ASSERT_EQ(states.size(), 1U);
    EXPECT_EQ(states[0].mmsi, 1U);
    store.statesAt(6000, states);
    EXPECT_EQ(states.size(), 2U);
}

TEST(TrackStore, CourseInterpolatesTheShortWayRound) {
    TrackStore store;
    store.addFix(fix(7, 0, 0, 0, 10, 350));
    store.addFix(fix(7, 1000, 0, 0.001, 10, 10));
    EXPECT_NEAR(store.stateAtMmsi(7, 500)->courseDeg, 0.0F, 1e-3);
}

TEST(TrackStore, DeadReckonsForABoundedTime) {
    TrackStoreOptions opt;
    opt.deadReckonLimitMs = 30 * kMillisPerMinute;
    TrackStore store(opt);
    store.addFix(fix(9, 0, 12.0, 45.0, 12, 90));                 // 12 kn due east
    const auto s = store.stateAtMmsi(9, 30 * kMillisPerMinute);  // 6 nm later
    ASSERT_TRUE(s);
    EXPECT_EQ(s->kind, StateKind::DeadReckoned);
    EXPECT_NEAR(seawatch::geo::distanceNm({45.0, 12.0}, {s->lon, s->lat}), 6.0, 0.01);
    EXPECT_GT(s->lon, 45.0);
    const auto held = store.stateAtMmsi(9, 31 * kMillisPerMinute);
    ASSERT_TRUE(held);
    EXPECT_EQ(held->kind, StateKind::Held);
    EXPECT_DOUBLE_EQ(held->lon, 45.0);
}

TEST(TrackStore, StaticDataMergesWithoutErasingKnownFields) {
    TrackStore store;
    VesselStatic b;
    b.mmsi = 5;
    b.callsign = "ABCD";
    b.toBow = 10;
    b.toStern = 5;
    b.classB = true;
    store.mergeStatic(b);
    VesselStatic a;
    a.mmsi = 5;
    a.name = "NAME ONLY";
    store.mergeStatic(a);
    const auto& s = store.staticData(*store.indexOf(5));
    EXPECT_EQ(s.name, "NAME ONLY");
    EXPECT_EQ(s.callsign, "ABCD");
    EXPECT_EQ(s.lengthM(), 15);
    EXPECT_TRUE(s.classB);
}

TEST(TrackStore, IngestsDecodedMessages) {
    TrackStore store;
    AisDecoder d;
    VesselStatic v;
    v.mmsi = 470000001;
    v.name = "DHOW";
    v.shipType = 30;
    for (const auto& s : encodeStaticData(v))
        if (const auto* m = d.decodeLine(s)) store.ingest(*m, 0);
    for (const auto& s : encodePositionReport(fix(470000001, 1000, 12.5, 45.5)))
        if (const auto* m = d.decodeLine(s)) store.ingest(*m, 1000);
    ASSERT_EQ(store.vesselCount(), 1U);
    EXPECT_EQ(store.staticData(0).name, "DHOW");
    EXPECT_EQ(classifyShipType(store.staticData(0).shipType), ShipClass::Fishing);
    EXPECT_EQ(store.fixCount(0), 1U);
}

TEST(TrackStore, TrailDecimationIsBoundedByPixels) {
    TrackStore store;
    // 100,000 fixes along a 1-degree line: at 0.01 deg per pixel that is about 100 pixels.
    for (int i = 0; i < 100000; ++i) store.addFix(fix(1, i * 1000LL, 10.0, 50.0 + i * 1e-5));
    std::vector<TrailPoint> trail;
    store.decimatedTrail(0, 0, 100000 * 1000LL, 0.01, trail);
    EXPECT_GE(trail.size(), 99U);
    EXPECT_LE(trail.size(), 102U);
    EXPECT_EQ(trail.front().time, 0);
    EXPECT_EQ(trail.back().time, 99999 * 1000LL);  // the newest fix is always kept
    // A time window selects only its fixes.
    store.decimatedTrail(0, 50000 * 1000LL, 60000 * 1000LL, 1e-9, trail);
    EXPECT_EQ(trail.size(), 10001U);
    // Projection callback: 1 pixel = 0.1 degree.
    store.decimatedTrail(
        0, 0, 100000 * 1000LL,
        [](double lon, double lat) {
            return TrailPoint{lon * 10, lat * 10, 0};
        },
        trail);
    EXPECT_LE(trail.size(), 12U);
}

TEST(TrackStore, EvictsStaleTargetsAndKeepsIndexConsistent) {
    TrackStoreOptions opt;
    opt.staleAfterMs = 60 * kMillisPerMinute;
    TrackStore store(opt);
    store.addFix(fix(1, 0, 1, 1));
    store.addFix(fix(2, 100 * kMillisPerMinute, 2, 2));
    store.addFix(fix(3, 0, 3, 3));
    EXPECT_EQ(store.evictStale(110 * kMillisPerMinute), 2U);
    ASSERT_EQ(store.vesselCount(), 1U);
    EXPECT_EQ(store.mmsiAt(0), 2U);
    EXPECT_EQ(*store.indexOf(2), 0U);
    EXPECT_FALSE(store.indexOf(1).has_value());
    EXPECT_EQ(store.totalFixes(), 1U);
}

TEST(TrackStore, InboxHandsOverFromFeedThreads) {
    TrackInbox inbox;
    TrackStore store;
    std::vector<std::jthread> feeds;
    for (int t = 0; t < 4; ++t)
        feeds.emplace_back([&inbox, t] {
            for (int i = 0; i < 1000; ++i)
                inbox.push(fix(100 + t, i * 1000LL, 1.0 + t, 1.0 + i * 1e-4));
        });
    std::size_t drained = 0;
    for (int frame = 0; frame < 50; ++frame) drained += inbox.drainInto(store);
    feeds.clear();  // join
    drained += inbox.drainInto(store);
    EXPECT_EQ(drained, 4000U);
    EXPECT_EQ(store.vesselCount(), 4U);
    EXPECT_EQ(store.totalFixes(), 4000U);
    EXPECT_EQ(inbox.totalPushed(), 4000U);
}

TEST(TrackStore, StaticOnlyVesselsAreSafeAndKeptWhileFresh) {
    TrackStoreOptions opt;
    opt.staleAfterMs = 60 * kMillisPerMinute;
    TrackStore store(opt);
    store.addFix(fix(1, 100 * kMillisPerMinute, 1, 1));
    VesselStatic v;
    v.mmsi = 2;
    v.name = "STATIC FIRST";
    store.mergeStatic(v);  // heard at the store's latest time
    const auto i = *store.indexOf(2);
    EXPECT_EQ(store.fixCount(i), 0U);
    EXPECT_EQ(store.lastFixTime(i), kNoTime);
    EXPECT_FALSE(store.stateAt(i, 100 * kMillisPerMinute).has_value());
    std::vector<TrailPoint> trail;
    store.decimatedTrail(i, 0, INT64_MAX, 0.01, trail);
    EXPECT_TRUE(trail.empty());
    EXPECT_EQ(store.evictStale(120 * kMillisPerMinute), 0U);
    EXPECT_EQ(store.evictStale(200 * kMillisPerMinute), 2U);
}

TEST(TrackStore, AtMost32BytesPerFixAfterCompact) {
    TrackStore store;
    for (int i = 0; i < 100000; ++i)
        store.addFix(fix(1 + i % 50, i * 1000LL, 12.0, 45.0 + i * 1e-6));
    store.compact();
    EXPECT_EQ(store.fixMemoryBytes(), store.totalFixes() * 23);
    EXPECT_LE(store.fixMemoryBytes() / store.totalFixes(), 32U);
}

TEST(TrackStore, TrackLength) {
    TrackStore store;
    store.addFix(fix(1, 0, 0, 0));
    store.addFix(fix(1, 1, 1.0 / 60.0, 0));
    EXPECT_NEAR(store.trackLengthNm(0), 1.0, 0.01);
}
