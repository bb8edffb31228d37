// The live picture: fixes handed over by feeds in batches, pumped under a time budget, give
// the batch analysis's events in the batch analysis's order, and the track store sees them all.
#include "seawatch/analytics/live_picture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <span>
#include <sstream>

#include "seawatch/analytics/alert_filter.hpp"
#include "seawatch/geo/geo.hpp"
#include "track_builder.hpp"

using namespace seawatch;
using namespace seawatch::analytics;
using seawatch::testing::append;
using seawatch::testing::staticData;
using seawatch::testing::straightTrack;

namespace {

constexpr time::UnixMillis kMinute = time::kMillisPerMinute;
constexpr time::UnixMillis kSecond = time::kMillisPerSecond;
const time::UnixMillis kT0 = *time::parseIso8601("2009-11-15T06:00:00Z");

std::string jsonl(std::span<const Event> events) {
    std::ostringstream out;
    writeEvents(out, events, EventFormat::Jsonl);
    return out.str();
}

zones::Zone box(const char* name, zones::ZoneKind kind, double w, double s, double e, double n) {
    zones::Zone z;
    z.name = name;
    z.kind = kind;
    z.polygons = {zones::Polygon{{{w, s}, {e, s}, {e, n}, {w, n}}, {}}};
    return z;
}

// A skiff closing fast on a merchant inside a reporting area, and a third vessel crossing
// its edge: approach, CPA, and zone entries and exits, over 40 minutes of 10 s fixes.
struct Traffic {
    std::vector<ais::PositionFix> fixes;  // in time order
    std::vector<ais::VesselStatic> statics;
    AnalyticsInputs inputs;
};

Traffic approachTraffic() {
    Traffic t;
    const geo::LonLat merchant0{50.0, 13.0};
    const geo::LocalPlane plane(merchant0);
    const double skiffCourse = std::atan2(12.0, 20.0) * geo::kRadToDeg;
    const double skiffSpeed = std::hypot(12.0, 20.0);
    append(t.fixes,
           straightTrack(4001, merchant0, 90.0, 12.0, kT0, kT0 + 40 * kMinute, 10 * kSecond));
    append(t.fixes, straightTrack(4002, plane.toLonLat(0.0, -5.0), skiffCourse, skiffSpeed, kT0,
                                  kT0 + 40 * kMinute, 10 * kSecond));
    append(t.fixes, straightTrack(4003, {49.9, 13.2}, 180.0, 9.0, kT0 + 3 * kSecond,
                                  kT0 + 40 * kMinute, 10 * kSecond));
    std::stable_sort(t.fixes.begin(), t.fixes.end(),
                     [](const auto& a, const auto& b) { return a.time < b.time; });
    t.statics = {staticData(4001, 70, 180), staticData(4003, 30, 15)};
    t.statics[0].name = "ASTRAEA TRADER";
    t.inputs.zones = {
        box("Reporting area", zones::ZoneKind::ReportingArea, 49.8, 12.9, 50.2, 13.1)};
    return t;
}

// Hands the traffic to the picture's inbox the way feeds do, `perBatch` fixes at a time, a
// vessel's static report in the batch of its first fix.
void deliver(LivePicture& picture, const Traffic& t, std::size_t perBatch, time::UnixMillis upTo,
             std::size_t& next) {
    ais::InboxBatch batch;
    std::set<ais::Mmsi> introduced;
    for (const auto& f : std::span(t.fixes).first(next)) introduced.insert(f.mmsi);
    while (next < t.fixes.size() && t.fixes[next].time <= upTo) {
        const ais::PositionFix& f = t.fixes[next++];
        if (introduced.insert(f.mmsi).second) {
            for (const auto& s : t.statics)
                if (s.mmsi == f.mmsi) batch.statics.push_back(s);
        }
        batch.fixes.push_back(f);
        if (batch.fixes.size() >= perBatch) picture.inbox().pushBatch(batch);
    }
    picture.inbox().pushBatch(batch);
}

bool sortedByTime(const std::vector<Event>& events) {
    return std::is_sorted(events.begin(), events.end(), eventLess);
}

}  // namespace

TEST(LivePicture, FedInBatchesUnderABudgetItRaisesTheBatchAnalysisEvents) {
    const Traffic t = approachTraffic();
    const AnalysisRun batch = analyzeFixes(t.inputs, t.statics, t.fixes);
    ASSERT_FALSE(batch.events.empty());
    bool approach = false;
    for (const auto& e : batch.events) approach |= e.type == EventType::SuspiciousApproach;
    ASSERT_TRUE(approach) << jsonl(batch.events);

    LivePicture picture(t.inputs);
    std::size_t next = 0;
    // Frames of 47 s of traffic, never aligned with the engine's minute ticks, each pumped
    // with no budget at all: every pump does the least it can and leaves the rest.
    for (time::UnixMillis frame = kT0; next < t.fixes.size(); frame += 47 * kSecond) {
        deliver(picture, t, 17, frame, next);
        int pumps = 0;
        while (picture.pump(std::chrono::nanoseconds(0)).pending > 0) ++pumps;
        EXPECT_LT(pumps, 10);
        EXPECT_TRUE(sortedByTime(picture.events()));  // the alerts panel needs it, every frame
    }
    while (picture.pump(std::chrono::nanoseconds(0)).pending > 0) {
    }
    picture.finish();
    EXPECT_EQ(jsonl(picture.events()), jsonl(batch.events));
    EXPECT_EQ(picture.tracks().totalFixes(), t.fixes.size());
    EXPECT_EQ(picture.tracks().vesselCount(), 3u);
    EXPECT_EQ(picture.acknowledgements().acknowledged().size(), picture.events().size());
    const auto merchant = picture.tracks().indexOf(4001);
    ASSERT_TRUE(merchant);
    EXPECT_EQ(picture.tracks().staticData(*merchant).name, "ASTRAEA TRADER");
}

TEST(LivePicture, APumpStopsAtItsBudgetAndTheNextCarriesOn) {
    const Traffic t = approachTraffic();
    LivePicture picture(t.inputs);
    std::size_t next = 0;
    deliver(picture, t, 1000, kT0 + 40 * kMinute, next);
    ASSERT_EQ(next, t.fixes.size());
    const PumpReport first = picture.pump(std::chrono::nanoseconds(0));
    EXPECT_GT(first.items, 0u);
    EXPECT_GT(first.pending, 0u);
    EXPECT_EQ(first.items + first.pending, t.fixes.size() + t.statics.size());
    EXPECT_EQ(picture.tracks().totalFixes(), first.items);
    const PumpReport rest = picture.pump(std::chrono::seconds(10));
    EXPECT_EQ(rest.pending, 0u);
    EXPECT_EQ(picture.tracks().totalFixes(), t.fixes.size());
}

TEST(LivePicture, AlertTextNamesTheVesselsInSentences) {
    const Traffic t = approachTraffic();
    LivePicture picture(t.inputs);
    std::size_t next = 0;
    deliver(picture, t, 100, kT0 + 40 * kMinute, next);
    picture.pump(std::chrono::seconds(10));
    picture.finish();
    const VesselNames names = vesselNames(picture.tracks());
    std::string approach;
    for (const auto& e : picture.events())
        if (e.type == EventType::SuspiciousApproach) approach = alertSentence(e, names);
    // The skiff sends no static data: its MMSI stands in; the merchant goes by its name.
    EXPECT_EQ(approach.rfind("MMSI 4002: CPA ", 0), 0u) << approach;
    EXPECT_NE(approach.find(" with ASTRAEA TRADER"), std::string::npos) << approach;
    EXPECT_EQ(severityOf(EventType::SuspiciousApproach), Severity::Alarm);
    EXPECT_EQ(severityOf(EventType::UnescortedTransit), Severity::Warning);
    EXPECT_TRUE(isRoutine(EventType::ZoneEnter));
    EXPECT_FALSE(isRoutine(EventType::Cpa));
    EXPECT_EQ(routineTypeMask(), typeBit(EventType::ZoneEnter) | typeBit(EventType::ZoneExit));
}
