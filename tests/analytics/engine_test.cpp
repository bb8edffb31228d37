#include "seawatch/analytics/engine.hpp"
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY

#include <gtest/gtest.h>

#include <filesystem>
#include <limits>

#include "seawatch/zones/zone_loader.hpp"
#include "track_builder.hpp"

using namespace seawatch;
using namespace seawatch::analytics;
using seawatch::testing::append;
using seawatch::testing::staticData;
using seawatch::testing::straightTrack;
namespace fs = std::filesystem;

namespace {

constexpr time::UnixMillis kMinute = time::kMillisPerMinute;
constexpr time::UnixMillis kSecond = time::kMillisPerSecond;

time::UnixMillis at(const char* iso) {
    return *time::parseIso8601(iso);
}
const time::UnixMillis kT0 = at("2009-11-15T06:00:00Z");

fs::path dataFile(const char* name) {
    return fs::path(SEAWATCH_SOURCE_DIR) / "data/zones" / name;
}

std::vector<zones::Zone> bundledZones() {
    auto load =
        zones::loadZoneFiles({dataFile("irtc.geojson"), dataFile("patrol_sectors.geojson")});
    EXPECT_TRUE(load.ok());
    return load->zones;
}

zones::Corridor bundledCorridor() {
    return *zones::findCorridor(bundledZones());
}

std::vector<Event> ofType(const std::vector<Event>& events, EventType type) {
    std::vector<Event> out;
    for (const Event& e : events)
        if (e.type == type) out.push_back(e);
    return out;
}

AnalyticsInputs inputsWith(std::vector<zones::Zone> zones) {
    AnalyticsInputs inputs;
    inputs.zones = std::move(zones);
    return inputs;
}

zones::Zone box(const char* name, zones::ZoneKind kind, double w, double s, double e, double n) {
    zones::Zone z;
    z.name = name;
    z.kind = kind;
    z.polygons = {zones::Polygon{{{w, s}, {e, s}, {e, n}, {w, n}}, {}}};
    return z;
}

}  // namespace

TEST(Engine, ZoneEntryAndExitThroughAHoleWithinOneFixInterval) {
    zones::Zone donut = box("Donut", zones::ZoneKind::Exclusion, 48.0, 12.0, 48.5, 12.5);
    donut.owner = "CTF-151";
    donut.polygons[0].holes = {{{48.2, 12.2}, {48.3, 12.2}, {48.3, 12.3}, {48.2, 12.3}}};
    const geo::LonLat start{47.9, 12.25};
    auto fixes = straightTrack(1001, start, 90.0, 10.0, kT0, kT0 + 240 * kMinute, kMinute);
    auto run = analyzeFixes(inputsWith({donut}), {}, fixes);
    std::vector<Event> zoneEvents;
    for (const Event& e : run.events)
        if (e.type == EventType::ZoneEnter || e.type == EventType::ZoneExit)
            zoneEvents.push_back(e);
    ASSERT_EQ(zoneEvents.size(), 4u);
    const EventType expected[] = {EventType::ZoneEnter, EventType::ZoneExit, EventType::ZoneEnter,
                                  EventType::ZoneExit};
    const double crossingLon[] = {48.0, 48.2, 48.3, 48.5};
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(zoneEvents[i].type, expected[i]);
        EXPECT_EQ(zoneEvents[i].zone, "Donut");
        EXPECT_EQ(zoneEvents[i].unit, "CTF-151");
        // True crossing time along the track; the event comes at the first fix beyond it.
        const double nm = geo::distanceNm(start, {crossingLon[i], 12.25});
        const auto truth = kT0 + static_cast<time::UnixMillis>(nm / 10.0 * 3.6e6);
        EXPECT_GE(zoneEvents[i].time, truth);
        EXPECT_LE(zoneEvents[i].time - truth, kMinute) << i;
    }
    EXPECT_NEAR(*zoneEvents[1].number("dwell_min"),
                static_cast<double>(zoneEvents[1].time - zoneEvents[0].time) / kMinute, 1e-9);
}

TEST(Engine, WrongWayInALaneIsReportedOnce) {
    const zones::Corridor corridor = bundledCorridor();
    const auto& lane = corridor.westbound;
    const geo::LonLat start = lane.centreline.pointAt(200.0);
    // Sailing 072 (eastbound) in the westbound lane for two hours, fixes every 30 s.
    auto fixes = straightTrack(2002, start, 72.0, 12.0, kT0, kT0 + 120 * kMinute, 30 * kSecond);
    auto run = analyzeFixes(inputsWith(bundledZones()), {}, fixes);
    const auto wrongWay = ofType(run.events, EventType::LaneWrongWay);
    ASSERT_EQ(wrongWay.size(), 1u);
    EXPECT_EQ(wrongWay[0].zone, "IRTC westbound lane");
    EXPECT_EQ(wrongWay[0].time, kT0);
    EXPECT_NEAR(*wrongWay[0].number("xtd_nm"), 0.0, 0.05);
    EXPECT_DOUBLE_EQ(*wrongWay[0].number("lane_course_deg"), 252.0);
    EXPECT_TRUE(ofType(run.events, EventType::LaneExit).empty());
}

TEST(Engine, RightWayInTheLaneRaisesNothing) {
    const zones::Corridor corridor = bundledCorridor();
    const geo::LonLat start = corridor.eastbound.centreline.pointAt(100.0);
    const double course =
        geo::initialBearingDeg(start, corridor.eastbound.centreline.pointAt(101.0));
    auto fixes = straightTrack(2003, start, course, 12.0, kT0, kT0 + 120 * kMinute, 30 * kSecond);
    auto run = analyzeFixes(inputsWith(bundledZones()), {}, fixes);
    EXPECT_TRUE(ofType(run.events, EventType::LaneWrongWay).empty());
    EXPECT_TRUE(ofType(run.events, EventType::LaneExit).empty());
}

TEST(Engine, LeavingTheLaneMidCorridorGivesLaneExitWithCrossTrack) {
    const zones::Corridor corridor = bundledCorridor();
    const geo::LonLat start = corridor.eastbound.centreline.pointAt(100.0);
    // 30° to starboard of the lane course: out of the south edge (2.5 nm) in ~25 min.
    auto fixes = straightTrack(2004, start, 102.0, 12.0, kT0, kT0 + 60 * kMinute, 30 * kSecond);
    auto run = analyzeFixes(inputsWith(bundledZones()), {}, fixes);
    const auto exits = ofType(run.events, EventType::LaneExit);
    ASSERT_EQ(exits.size(), 1u);
    EXPECT_EQ(exits[0].zone, "IRTC eastbound lane");
    // Half of 5 nm measured north-south is 2.38 nm across a lane sloping 17.8° from east;
    // the first fix outside is at most one 30 s step (0.05 nm across) beyond the edge.
    EXPECT_GT(*exits[0].number("xtd_nm"), 2.38);  // positive: right of (south of) the lane
    EXPECT_LT(*exits[0].number("xtd_nm"), 2.44);
    EXPECT_NEAR(*exits[0].number("along_nm"), 104.3, 0.5);
}

TEST(Engine, ArrivingAtTheCorridorEndIsNotALaneExit) {
    const zones::Corridor corridor = bundledCorridor();
    const auto& line = corridor.eastbound.centreline;
    const geo::LonLat start = line.pointAt(line.lengthNm() - 10.0);
    auto fixes = straightTrack(2005, start, 73.0, 12.0, kT0, kT0 + 90 * kMinute, kMinute);
    auto run = analyzeFixes(inputsWith(bundledZones()), {}, fixes);
    EXPECT_TRUE(ofType(run.events, EventType::LaneExit).empty());
}

TEST(Engine, CpaEventMatchesTheGeometryOnce) {
    // Head-on, 0.3 nm apart laterally, 10 nm apart, 12 kn each: CPA 0.3 nm at T0 + 25 min.
    const geo::LonLat a0{60.0, 10.0};
    const geo::LonLat b0 = geo::destination(geo::destination(a0, 90.0, 10.0), 0.0, 0.3);
    std::vector<ais::PositionFix> fixes;
    append(fixes, straightTrack(3001, a0, 90.0, 12.0, kT0, kT0 + 60 * kMinute, 10 * kSecond));
    append(fixes, straightTrack(3002, b0, 270.0, 12.0, kT0, kT0 + 60 * kMinute, 10 * kSecond));
    auto run = analyzeFixes(inputsWith({}), {}, fixes);
    const auto cpa = ofType(run.events, EventType::Cpa);
    ASSERT_EQ(cpa.size(), 1u);
    EXPECT_EQ(cpa[0].mmsi, (std::vector<ais::Mmsi>{3001, 3002}));
    EXPECT_NEAR(*cpa[0].number("cpa_nm"), 0.3, 0.05);
    const double cpaTime =
        static_cast<double>(cpa[0].time - kT0) / kMinute + *cpa[0].number("tcpa_min");
    EXPECT_NEAR(cpaTime, 25.0, 1.0);
    EXPECT_LE(*cpa[0].number("range_nm"), 6.0);  // found through the grid, within range
    EXPECT_TRUE(ofType(run.events, EventType::SuspiciousApproach).empty());  // no static: but
    // both unidentified, neither a merchant
}

TEST(Engine, SmallCraftClosingFastOnAMerchantIsSuspicious) {
    const geo::LonLat merchant0{50.0, 13.0};
    const geo::LocalPlane plane(merchant0);
    const geo::LonLat skiff0 = plane.toLonLat(0.0, -5.0);
    // Skiff velocity = merchant's (12 kn east) + 20 kn straight at it: CPA 0 in 15 min.
    const double skiffCourse = std::atan2(12.0, 20.0) * geo::kRadToDeg;
    const double skiffSpeed = std::hypot(12.0, 20.0);
    std::vector<ais::PositionFix> fixes;
    append(fixes,
           straightTrack(4001, merchant0, 90.0, 12.0, kT0, kT0 + 12 * kMinute, 10 * kSecond));
    append(fixes, straightTrack(4002, skiff0, skiffCourse, skiffSpeed, kT0, kT0 + 12 * kMinute,
                                10 * kSecond));
    // A warship doing the same must not be flagged.
    append(fixes, straightTrack(4003, plane.toLonLat(0.0, -5.5), skiffCourse, skiffSpeed, kT0,
                                kT0 + 12 * kMinute, 10 * kSecond));
    const std::vector<ais::VesselStatic> statics{staticData(4001, 70, 180),
                                                 staticData(4003, 35, 120)};
    auto run = analyzeFixes(inputsWith({}), statics, fixes);
    const auto approach = ofType(run.events, EventType::SuspiciousApproach);
    ASSERT_EQ(approach.size(), 1u);
    EXPECT_EQ(approach[0].mmsi, (std::vector<ais::Mmsi>{4002, 4001}));  // approacher first
    EXPECT_NEAR(*approach[0].number("closing_kn"), 20.0, 0.3);
    EXPECT_NEAR(*approach[0].number("cpa_nm"), 0.0, 0.05);
    EXPECT_NEAR(*approach[0].number("tcpa_min"), 15.0, 0.2);
    EXPECT_EQ(approach[0].time, kT0);
}

TEST(Engine, SlowSmallCraftIsNotSuspicious) {
    const geo::LonLat merchant0{50.0, 13.0};
    const geo::LocalPlane plane(merchant0);
    std::vector<ais::PositionFix> fixes;
    // A fishing boat lying stopped 0.5 nm off the merchant's track: closing at 12 kn < 8? no,
    // the merchant closes at 12 kn but CPA is 0.5 nm; make it 1.5 nm so CPA is too large.
    append(fixes,
           straightTrack(4101, merchant0, 90.0, 12.0, kT0, kT0 + 20 * kMinute, 10 * kSecond));
    append(fixes, straightTrack(4102, plane.toLonLat(3.0, 1.5), 0.0, 0.0, kT0, kT0 + 20 * kMinute,
                                10 * kSecond));
    auto run = analyzeFixes(inputsWith({}), {staticData(4101, 80, 250)}, fixes);
    EXPECT_TRUE(ofType(run.events, EventType::SuspiciousApproach).empty());
}

TEST(Engine, LoiteringAwayFromAnchoragesOnly) {
    const geo::LonLat drift{52.0, 10.0};
    auto fixes = straightTrack(5001, drift, 180.0, 0.5, kT0, kT0 + 240 * kMinute, kMinute);
    auto run = analyzeFixes(inputsWith({}), {}, fixes);
    const auto loiter = ofType(run.events, EventType::Loitering);
    ASSERT_EQ(loiter.size(), 1u);
    EXPECT_GE(loiter[0].time, kT0 + 180 * kMinute);
    EXPECT_LE(loiter[0].time, kT0 + 186 * kMinute);
    EXPECT_NEAR(*loiter[0].number("mean_speed_kn"), 0.5, 0.05);

    auto anchored = analyzeFixes(
        inputsWith({box("Anchorage", zones::ZoneKind::Anchorage, 51.9, 9.9, 52.1, 10.1)}), {},
        fixes);
    EXPECT_TRUE(ofType(anchored.events, EventType::Loitering).empty());

    AnalyticsInputs coastal = inputsWith({});
    coastal.land = {zones::Polygon{{{52.05, 9.0}, {53.0, 9.0}, {53.0, 11.0}, {52.05, 11.0}}, {}}};
    auto nearCoast = analyzeFixes(coastal, {}, fixes);  // 3 nm from land: inside the buffer
    EXPECT_TRUE(ofType(nearCoast.events, EventType::Loitering).empty());
}

TEST(Engine, SilenceIsNotLoitering) {
    // Seen twice, five hours apart and 2 nm apart: no evidence of loitering in between.
    auto before = straightTrack(5003, {52.0, 10.0}, 180.0, 0.0, kT0, kT0 + 10 * kMinute, kMinute);
    auto after = straightTrack(5003, geo::destination({52.0, 10.0}, 180.0, 2.0), 180.0, 0.0,
                               kT0 + 300 * kMinute, kT0 + 310 * kMinute, kMinute);
    append(before, after);
    auto run = analyzeFixes(inputsWith({}), {}, before);
    EXPECT_TRUE(ofType(run.events, EventType::Loitering).empty());
}

TEST(Engine, TransitingVesselDoesNotLoiter) {
    auto fixes = straightTrack(5002, {52.0, 10.0}, 45.0, 10.0, kT0, kT0 + 300 * kMinute, kMinute);
    auto run = analyzeFixes(inputsWith({}), {}, fixes);
    EXPECT_TRUE(ofType(run.events, EventType::Loitering).empty());
}

TEST(Engine, EncounterAfterThirtyMinutesAlongside) {
    const geo::LonLat a0{55.0, 8.0};
    const geo::LonLat b0 = geo::destination(a0, 0.0, 0.1);
    std::vector<ais::PositionFix> fixes;
    append(fixes, straightTrack(6001, a0, 90.0, 3.0, kT0, kT0 + 45 * kMinute, 20 * kSecond));
    append(fixes, straightTrack(6002, b0, 90.0, 3.0, kT0, kT0 + 45 * kMinute, 20 * kSecond));
    auto run = analyzeFixes(inputsWith({}), {}, fixes);
    const auto encounters = ofType(run.events, EventType::Encounter);
    ASSERT_EQ(encounters.size(), 1u);
    EXPECT_EQ(encounters[0].time, kT0 + 30 * kMinute);
    EXPECT_NEAR(*encounters[0].number("min_range_nm"), 0.1, 0.005);
    EXPECT_EQ(ofType(run.events, EventType::Cpa).size(), 1u);  // one ongoing condition, one event
}

TEST(Engine, FlickeringCpaIsNotRepeatedWithinTheQuietPeriod) {
    // Two ships converge, the track of one jumps so the CPA briefly passes, then they
    // converge again: one alert, not two, inside 30 minutes.
    const geo::LonLat a0{60.0, 10.0};
    const geo::LonLat b0 = geo::destination(a0, 90.0, 5.0);
    std::vector<ais::PositionFix> fixes;
    append(fixes, straightTrack(3101, a0, 90.0, 6.0, kT0, kT0 + 20 * kMinute, 30 * kSecond));
    auto b = straightTrack(3102, b0, 270.0, 6.0, kT0, kT0 + 20 * kMinute, 30 * kSecond);
    // For three minutes B reports heading away (a bad COG), ending the condition.
    for (auto& f : b)
        if (f.time >= kT0 + 8 * kMinute && f.time < kT0 + 10 * kMinute) f.courseDeg = 90.0F;
    append(fixes, b);
    auto run = analyzeFixes(inputsWith({}), {}, fixes);
    EXPECT_EQ(ofType(run.events, EventType::Cpa).size(), 1u);
    AnalyticsInputs noQuiet = inputsWith({});
    noQuiet.config.realertMin = 0.0;
    EXPECT_EQ(ofType(analyzeFixes(noQuiet, {}, fixes).events, EventType::Cpa).size(), 2u);
}

TEST(Engine, BaseStationsAidsAndAircraftAreNotVessels) {
    auto ship =
        straightTrack(3201, {50.0, 12.0}, 90.0, 12.0, kT0, kT0 + 20 * kMinute, 30 * kSecond);
    auto station = straightTrack(3202, geo::destination({50.0, 12.0}, 90.0, 3.0), 0.0, 0.0, kT0,
                                 kT0 + 20 * kMinute, 30 * kSecond);
    for (auto& f : station) f.messageType = 4;
    auto aircraft = straightTrack(111232501, geo::destination({50.0, 12.0}, 90.0, 5.0), 270.0,
                                  120.0, kT0, kT0 + 2 * kMinute, 10 * kSecond);
    for (auto& f : aircraft) f.messageType = 9;
    std::vector<ais::PositionFix> fixes;
    append(fixes, ship);
    append(fixes, station);
    append(fixes, aircraft);
    auto run = analyzeFixes(inputsWith({}), {staticData(3201, 70, 200)}, fixes);
    EXPECT_TRUE(run.events.empty());
    EXPECT_EQ(run.fixesIgnored, station.size() + aircraft.size());
    EXPECT_EQ(run.fixesUsed, ship.size());
}

TEST(Engine, UnescortedMerchantIsFlaggedAfterTheGracePeriod) {
    auto schedule = zones::loadSchedule(dataFile("schedule_gulf_of_aden_2009.json"));
    ASSERT_TRUE(schedule.ok());
    const zones::Corridor corridor = bundledCorridor();
    const auto& line = corridor.eastbound.centreline;
    const double course = geo::initialBearingDeg(line.pointAt(0), line.pointAt(10));
    const time::UnixMillis groupDeparts = at("2009-11-15T06:00:00Z");  // GT-E16-1115
    std::vector<ais::PositionFix> fixes;
    // 5001 sails with the 16 kn group; 5002 leaves A three hours later on its own.
    append(fixes, straightTrack(7001, line.pointAt(0.5), course, 16.0, groupDeparts,
                                groupDeparts + 120 * kMinute, kMinute));
    const time::UnixMillis late = at("2009-11-15T09:00:00Z");
    append(fixes, straightTrack(7002, line.pointAt(0.5), course, 12.0, late, late + 120 * kMinute,
                                kMinute));
    AnalyticsInputs inputs = inputsWith(bundledZones());
    inputs.schedule = *schedule;
    auto run = analyzeFixes(inputs, {staticData(7001, 70, 200), staticData(7002, 84, 240)}, fixes,
                            at("2009-11-15T06:00:00Z"), at("2009-11-15T11:00:00Z"));
    const auto unescorted = ofType(run.events, EventType::UnescortedTransit);
    ASSERT_EQ(unescorted.size(), 1u);
    EXPECT_EQ(unescorted[0].mmsi, std::vector<ais::Mmsi>{7002});
    EXPECT_EQ(unescorted[0].time, late + 30 * kMinute);
    EXPECT_EQ(unescorted[0].unit, "JMSDF escort (destroyer)");
    EXPECT_GT(*unescorted[0].number("nearest_group_nm"), 10.0);
    // The engine measures only the groups its bound cannot rule out; the nearest is still
    // the one measuring every group under way finds, to the bit.
    const geo::LonLat p{unescorted[0].lon, unescorted[0].lat};
    double best = std::numeric_limits<double>::infinity();
    std::string unit;
    for (const zones::GroupTransit& group : schedule->transits) {
        if (group.direction != zones::LaneDirection::Eastbound) continue;
        const auto planned = zones::plannedPoint(group, corridor, unescorted[0].time);
        if (!planned) continue;
        if (const double d = geo::distanceNm(p, *planned); d < best) {
            best = d;
            unit = group.escortUnit;
        }
    }
    EXPECT_EQ(*unescorted[0].number("nearest_group_nm"), best);
    EXPECT_EQ(unescorted[0].unit, unit);
}

TEST(Engine, ScheduleEventsComeFromTheCoverage) {
    auto schedule = zones::loadSchedule(dataFile("schedule_gulf_of_aden_2009.json"));
    ASSERT_TRUE(schedule.ok());
    AnalyticsInputs inputs = inputsWith(bundledZones());
    inputs.schedule = *schedule;
    auto run = analyzeFixes(inputs, {}, {});
    ASSERT_EQ(run.events.size(), 1u);
    const Event& gap = run.events[0];
    EXPECT_EQ(gap.type, EventType::CoverageGap);
    EXPECT_EQ(gap.time, at("2009-11-15T10:00:00Z"));
    EXPECT_EQ(gap.zone, "IRTC Sector 4");
    EXPECT_DOUBLE_EQ(*gap.number("duration_min"), 240.0);
    EXPECT_TRUE(run.warnings.empty());
}

TEST(Engine, BadAndOutOfOrderFixesAreCountedAndSkipped) {
    Engine engine(inputsWith({}));
    auto fixes = straightTrack(8001, {50.0, 12.0}, 90.0, 10.0, kT0, kT0 + 5 * kMinute, kMinute);
    for (const auto& f : fixes) engine.ingest(f);
    ais::PositionFix bad = fixes.back();
    bad.lat = 91.0;  // AIS "not available"
    bad.time += kMinute;
    engine.ingest(bad);
    ais::PositionFix old = fixes.front();
    old.time = kT0 - kMinute;
    engine.ingest(old);
    EXPECT_EQ(engine.fixesUsed(), fixes.size());
    EXPECT_EQ(engine.skippedFixes(), 2u);
}

namespace {

// A little of everything on the bundled corridor and schedule.
std::vector<ais::PositionFix> mixedScenario(std::vector<ais::VesselStatic>& statics) {
    const zones::Corridor corridor = bundledCorridor();
    const auto& line = corridor.eastbound.centreline;
    const double course = geo::initialBearingDeg(line.pointAt(100), line.pointAt(101));
    std::vector<ais::PositionFix> fixes;
    const geo::LonLat m0 = line.pointAt(100.0);
    append(fixes, straightTrack(9001, m0, course, 12.0, kT0, kT0 + 180 * kMinute, 10 * kSecond));
    const geo::LocalPlane plane(m0);
    append(fixes, straightTrack(9002, plane.toLonLat(1.0, -4.0), 20.0, 22.0, kT0,
                                kT0 + 20 * kMinute, 10 * kSecond));
    append(fixes, straightTrack(9003, corridor.westbound.centreline.pointAt(300.0), 72.0, 14.0, kT0,
                                kT0 + 180 * kMinute, 30 * kSecond));
    append(fixes, straightTrack(9004, {50.5, 12.0}, 200.0, 0.8, kT0, kT0 + 240 * kMinute, kMinute));
    statics = {staticData(9001, 71, 190), staticData(9003, 80, 230)};
    return fixes;
}

std::string jsonl(const std::vector<Event>& events) {
    std::string out;
    for (const Event& e : events) out += toJsonLine(e) + "\n";
    return out;
}

}  // namespace

TEST(Engine, SameInputGivesByteIdenticalOutput) {
    std::vector<ais::VesselStatic> statics;
    const auto fixes = mixedScenario(statics);
    auto schedule = zones::loadSchedule(dataFile("schedule_gulf_of_aden_2009.json"));
    ASSERT_TRUE(schedule.ok());
    AnalyticsInputs inputs = inputsWith(bundledZones());
    inputs.schedule = *schedule;
    const auto first = analyzeFixes(inputs, statics, fixes);
    auto shuffled = fixes;  // a different file order, same times: stable sort by time
    std::reverse(shuffled.begin(), shuffled.end());
    std::stable_sort(shuffled.begin(), shuffled.end(),
                     [](const auto& a, const auto& b) { return a.mmsi < b.mmsi; });
    const auto second = analyzeFixes(inputs, statics, shuffled);
    EXPECT_EQ(jsonl(first.events), jsonl(second.events));
    EXPECT_GE(first.events.size(), 6u);
    for (EventType t : {EventType::SuspiciousApproach, EventType::LaneWrongWay,
                        EventType::Loitering, EventType::CoverageGap})
        EXPECT_FALSE(ofType(first.events, t).empty()) << eventTypeName(t);
}

TEST(Engine, TickingLikeTheConsoleGivesTheSameEventsAsTheBatch) {
    std::vector<ais::VesselStatic> statics;
    auto fixes = mixedScenario(statics);
    auto schedule = zones::loadSchedule(dataFile("schedule_gulf_of_aden_2009.json"));
    ASSERT_TRUE(schedule.ok());
    AnalyticsInputs inputs = inputsWith(bundledZones());
    inputs.schedule = *schedule;
    const time::UnixMillis end = kT0 + 240 * kMinute;
    const auto batch = analyzeFixes(inputs, statics, fixes, std::nullopt, end);

    std::stable_sort(fixes.begin(), fixes.end(),
                     [](const auto& a, const auto& b) { return a.time < b.time; });
    Engine engine(inputs);
    for (const auto& s : statics) engine.setStatic(s);
    std::vector<Event> live;
    std::size_t next = 0;
    // Playback frames of 7 minutes 13 seconds: never aligned with the tick grid.
    for (time::UnixMillis t = at("2009-11-15T00:00:00Z"); t <= end;
         t += 7 * kMinute + 13 * kSecond) {
        while (next < fixes.size() && fixes[next].time <= t) engine.ingest(fixes[next++]);
        engine.advanceTo(t);
        for (auto& e : engine.drainEvents()) live.push_back(std::move(e));
    }
    while (next < fixes.size()) engine.ingest(fixes[next++]);
    engine.advanceTo(end);
    for (auto& e : engine.drainEvents()) live.push_back(std::move(e));
    sortEvents(live);
    EXPECT_EQ(jsonl(live), jsonl(batch.events));
}

// Fixes dated before 1970 used to tick every minute of data time between them (the "all
// stale, jump ahead" check compared against a last fix time that started at 0).
TEST(EngineStepping, PreEpochFixesDoNotTickOverEmptyTime) {
    Engine engine(AnalyticsInputs{});
    const time::UnixMillis year1900 = at("1900-06-01T00:00:00Z");
    const time::UnixMillis year1901 = at("1901-06-01T00:00:00Z");
    std::vector<ais::PositionFix> fixes;
    append(fixes, straightTrack(211000001, {45.0, 12.0}, 90.0, 10.0, year1900, year1900, kMinute));
    append(fixes, straightTrack(211000001, {45.1, 12.0}, 90.0, 10.0, year1901, year1901, kMinute));
    for (const auto& fix : fixes) engine.ingest(fix);
    engine.advanceTo(year1901 + time::kMillisPerHour);
    // Each fix keeps the ticks alive for staleAfterMs at most (10 ticks of a minute).
    EXPECT_LE(engine.ticksRun(), 2 * 11U);
    EXPECT_EQ(engine.fixesUsed(), 2U);
}

TEST(EngineStepping, TicksAreBoundedByTheDataNotItsSpan) {
    Engine engine(AnalyticsInputs{});
    const time::UnixMillis first = at("2009-11-15T00:00:00Z");
    const time::UnixMillis last = at("2099-11-15T00:00:00Z");
    for (time::UnixMillis t : {first, first + kMinute, last}) {
        for (const auto& fix : straightTrack(211000001, {45.0, 12.0}, 90.0, 10.0, t, t, kMinute))
            engine.ingest(fix);
    }
    engine.advanceTo(last + time::kMillisPerDay);
    EXPECT_LE(engine.ticksRun(), 3 * 11U);
    EXPECT_GT(engine.ticksRun(), 0U);
}

TEST(EngineStepping, NoFixesNoTicks) {
    Engine engine(AnalyticsInputs{});
    engine.advanceTo(at("1950-01-01T00:00:00Z"));
    engine.advanceTo(at("2009-01-01T00:00:00Z"));
    EXPECT_EQ(engine.ticksRun(), 0U);
}
