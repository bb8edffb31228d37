#include "seawatch/analytics/alert_filter.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "seawatch/analytics/alert_acks.hpp"

#include "track_builder.hpp"

using namespace seawatch;
using namespace seawatch::analytics;

namespace {

constexpr time::UnixMillis kMinute = time::kMillisPerMinute;
constexpr time::UnixMillis kStart = 1'258'243'200'000;  // 2009-11-15T00:00:00Z

Event event(EventType type, time::UnixMillis t, std::vector<ais::Mmsi> mmsi = {},
            std::string zone = {}, std::string unit = {}) {
    Event e;
    e.type = type;
    e.time = t;
    e.mmsi = std::move(mmsi);
    e.zone = std::move(zone);
    e.unit = std::move(unit);
    return e;
}

std::vector<Event> sampleEvents() {
    std::vector<Event> events{
        event(EventType::ZoneEnter, kStart, {538004417}, "IRTC Sector 6"),
        event(EventType::Loitering, kStart + 10 * kMinute, {470123000}),
        event(EventType::CoverageGap, kStart + 20 * kMinute, {}, "IRTC Sector 4"),
        event(EventType::Cpa, kStart + 40 * kMinute, {215774000, 370611000}),
        event(EventType::SuspiciousApproach, kStart + 50 * kMinute, {999000001, 215774000}),
        event(EventType::UnescortedTransit, kStart + 90 * kMinute, {311000222}, "", "GT-E12"),
    };
    sortEvents(events);
    return events;
}

}  // namespace

TEST(AlertFilter, KeepsEventsUpToNowNewestFirst) {
    const auto events = sampleEvents();
    AlertQuery query;
    query.now = kStart + 45 * kMinute;
    EXPECT_EQ(filterAlerts(events, query), (std::vector<std::size_t>{3, 2, 1, 0}));
    query.now = kStart + 40 * kMinute;  // an event at exactly now is live
    EXPECT_EQ(filterAlerts(events, query).front(), 3u);
    query.now = kStart - 1;
    EXPECT_TRUE(filterAlerts(events, query).empty());
}

TEST(AlertFilter, MaxAgeDropsOlderEvents) {
    const auto events = sampleEvents();
    AlertQuery query;
    query.now = kStart + 50 * kMinute;
    query.maxAge = 30 * kMinute;
    EXPECT_EQ(filterAlerts(events, query), (std::vector<std::size_t>{4, 3, 2}));
}

TEST(AlertFilter, FiltersByTypeMask) {
    const auto events = sampleEvents();
    AlertQuery query;
    query.now = kStart + 120 * kMinute;
    query.typeMask = typeBit(EventType::Cpa) | typeBit(EventType::SuspiciousApproach);
    EXPECT_EQ(filterAlerts(events, query), (std::vector<std::size_t>{4, 3}));
    query.typeMask = defaultAlertTypeMask();
    const auto shown = filterAlerts(events, query);
    EXPECT_EQ(shown.size(), 5u);
    EXPECT_EQ(std::find(shown.begin(), shown.end(), 0u), shown.end()) << "zone entry is routine";
}

TEST(AlertFilter, MatchesTextCaseInsensitivelyInMmsiZoneUnitAndType) {
    const auto events = sampleEvents();
    AlertQuery query;
    query.now = kStart + 120 * kMinute;
    query.text = "215774";
    EXPECT_EQ(filterAlerts(events, query), (std::vector<std::size_t>{4, 3}));
    query.text = "sector 4";
    EXPECT_EQ(filterAlerts(events, query), (std::vector<std::size_t>{2}));
    query.text = "gt-e12";
    EXPECT_EQ(filterAlerts(events, query), (std::vector<std::size_t>{5}));
    query.text = "suspicious approach";  // the label as the panel shows it
    EXPECT_EQ(filterAlerts(events, query), (std::vector<std::size_t>{4}));
    query.text = "nothing like this";
    EXPECT_TRUE(filterAlerts(events, query).empty());
}

TEST(AlertFilter, UnacknowledgedOnlyAndTheStatusCount) {
    const auto events = sampleEvents();
    std::vector<bool> acknowledged(events.size(), false);
    acknowledged[3] = true;
    AlertQuery query;
    query.now = kStart + 60 * kMinute;
    query.unacknowledgedOnly = true;
    EXPECT_EQ(filterAlerts(events, query, acknowledged), (std::vector<std::size_t>{4, 2, 1, 0}));
    // Default types leave out the zone entry; the acknowledged CPA is not open.
    EXPECT_EQ(countUnacknowledged(events, query.now, acknowledged), 3u);
    EXPECT_EQ(countUnacknowledged(events, query.now, acknowledged, kAllAlertTypes), 4u);
    EXPECT_EQ(countUnacknowledged(events, kStart - 1, acknowledged), 0u);
}

TEST(AlertFilter, FadesWithAgeOverTheWindow) {
    EXPECT_FLOAT_EQ(alertFade(kStart, kStart), 1.0f);
    EXPECT_NEAR(alertFade(kStart, kStart + 15 * kMinute), 0.625f, 1e-4);
    EXPECT_FLOAT_EQ(alertFade(kStart, kStart + 30 * kMinute), 0.25f);
    EXPECT_FLOAT_EQ(alertFade(kStart, kStart + 31 * kMinute), 0.0f);
    EXPECT_FLOAT_EQ(alertFade(kStart, kStart - 1), 0.0f);
}

TEST(AlertFilter, DescribesCpaAndGaps) {
    Event cpa = event(EventType::Cpa, kStart);
    cpa.numbers = {{"cpa_nm", 0.42}, {"tcpa_min", 7.2}, {"range_nm", 3.0}};
    EXPECT_EQ(describeAlert(cpa), "CPA 0.42 nm in 7 min");
    Event gap = event(EventType::CoverageGap, kStart);
    gap.numbers = {{"from_nm", 200}, {"to_nm", 240}, {"duration_min", 180}};
    EXPECT_EQ(describeAlert(gap), "no unit over 200-240 nm for 180 min");
    EXPECT_EQ(alertTypeLabel(EventType::LaneWrongWay), "Wrong way in lane");
    EXPECT_EQ(alertTypeLabel(EventType::Cpa), "CPA");
}

TEST(AlertFilter, PredictsTheCpaLineOfTwoConvergingVessels) {
    ais::TrackStore tracks;
    // A heads east at 10 kn; B is 10 nm east of A heading west at 10 kn, 0.5 nm north.
    const geo::LonLat a0{48.0, 12.5};
    const geo::LonLat b0 = geo::destination(geo::destination(a0, 90, 10.0), 0, 0.5);
    for (const auto& f :
         seawatch::testing::straightTrack(1, a0, 90, 10, kStart, kStart + 60 * kMinute, kMinute))
        tracks.addFix(f);
    for (const auto& f :
         seawatch::testing::straightTrack(2, b0, 270, 10, kStart, kStart + 60 * kMinute, kMinute))
        tracks.addFix(f);
    const auto line = predictCpaLine(tracks, 1, 2, kStart);
    ASSERT_TRUE(line.has_value());
    EXPECT_NEAR(line->cpa.cpaNm, 0.5, 0.02);
    EXPECT_NEAR(line->cpa.tcpaMin, 30.0, 0.5);  // 10 nm closing at 20 kn
    // Each has run 5 nm to its CPA point; the points are 0.5 nm apart.
    EXPECT_NEAR(geo::distanceNm(line->firstNow, line->firstAtCpa), 5.0, 0.05);
    EXPECT_NEAR(geo::distanceNm(line->firstAtCpa, line->secondAtCpa), 0.5, 0.02);
    EXPECT_EQ(formatCpa(line->cpa).substr(0, 8), "CPA 0.50");
    EXPECT_FALSE(predictCpaLine(tracks, 1, 3, kStart).has_value()) << "unknown vessel";
    EXPECT_FALSE(predictCpaLine(tracks, 1, 2, kStart - kMinute).has_value()) << "before any fix";
}

TEST(AlertAcknowledgements, PersistInTheWorkspaceAcrossReopening) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("seawatch-acks-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto workspace = dir / "workspace.gpkg";
    const auto events = sampleEvents();
    {
        auto acks = AlertAcknowledgements::open(workspace, events);
        ASSERT_TRUE(acks.ok()) << acks.error();
        EXPECT_TRUE(acks->persistent());
        EXPECT_EQ(countUnacknowledged(events, kStart + 120 * kMinute, acks->acknowledged(),
                                      kAllAlertTypes),
                  events.size());
        ASSERT_TRUE(acks->acknowledge(3, "duty officer", kStart + 41 * kMinute).ok());
        EXPECT_FALSE(acks->acknowledge(events.size(), "x", 0).ok()) << "out of range";
    }
    auto reopened = AlertAcknowledgements::open(workspace, events);
    ASSERT_TRUE(reopened.ok()) << reopened.error();
    for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(reopened->isAcknowledged(i), i == 3);
    EXPECT_EQ(reopened->acknowledgedBy(3), "duty officer");
    EXPECT_EQ(reopened->acknowledgedAt(3), kStart + 41 * kMinute);
    std::filesystem::remove_all(dir);
}
