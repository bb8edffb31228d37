// The console's link to the coordination log: another station's post arrives without a
// restart; a post made while the server is down is queued, sent when it is back, and stored
// once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include "pg_test_cluster.hpp"
#include "seawatch/station/coordination_link.hpp"

namespace {

using namespace seawatch::station;
using seawatch::testing::PgTest;
namespace fs = std::filesystem;

using StationLink = PgTest;

// Drains `link` into `seen` until `done` holds or the time is up.
bool drainUntil(CoordinationLink& link, std::vector<LogEntry>& seen,
                const std::function<bool()>& done, std::chrono::seconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        auto fresh = link.drain();
        seen.insert(seen.end(), fresh.begin(), fresh.end());
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::size_t countText(const std::vector<LogEntry>& entries, const std::string& text) {
    return static_cast<std::size_t>(std::count_if(
        entries.begin(), entries.end(), [&](const LogEntry& e) { return e.text == text; }));
}

fs::path outboxFor(const std::string& name) {
    return fs::temp_directory_path() /
           ("seawatch_link_" + std::to_string(::getpid()) + "_" + name + ".gpkg");
}

TEST_F(StationLink, AnotherStationsPostArrivesAndOwnPostsComeBackStamped) {
    const std::string group = role("ctf151");
    const std::string bahrain = makeStation("bahrain", {group});
    const std::string djibouti = makeStation("djibouti", {group});
    fs::remove(outboxFor("a"));
    fs::remove(outboxFor("b"));
    auto a = CoordinationLink::open(stationUri(bahrain), outboxFor("a"));
    ASSERT_TRUE(a) << a.error();
    auto b = CoordinationLink::open(stationUri(djibouti), outboxFor("b"));
    ASSERT_TRUE(b) << b.error();

    LogEntry e;
    e.text = "Skiff with ladders sighted, 2 nm off MV ASTRAEA";
    e.lat = 12.6;
    e.lon = 47.9;
    e.releasableTo = {group};
    e.ref = "mmsi:235000123";
    auto id = (*a)->post(e);
    ASSERT_TRUE(id) << id.error();

    std::vector<LogEntry> seenByB, seenByA;
    ASSERT_TRUE(drainUntil(
        **b, seenByB, [&] { return countText(seenByB, e.text) == 1; }, std::chrono::seconds(20)))
        << (*b)->state().status;
    const LogEntry& got = *std::find_if(seenByB.begin(), seenByB.end(),
                                        [&](const LogEntry& x) { return x.text == e.text; });
    EXPECT_EQ(got.id, *id);
    EXPECT_EQ(got.station, bahrain);  // stamped by the server, not claimed by the client
    ASSERT_TRUE(got.lat && got.lon);
    EXPECT_DOUBLE_EQ(*got.lat, 12.6);
    EXPECT_EQ(got.ref, "mmsi:235000123");
    ASSERT_TRUE(drainUntil(
        **a, seenByA, [&] { return countText(seenByA, e.text) == 1; }, std::chrono::seconds(20)));
    EXPECT_EQ((*a)->state().queued, 0u);
    EXPECT_TRUE((*a)->state().following);
    fs::remove(outboxFor("a"));
    fs::remove(outboxFor("b"));
}

TEST_F(StationLink, APostWhileTheServerIsDownIsQueuedAndSentOnce) {
    const std::string group = role("eu");
    const std::string poster = makeStation("poster", {group});
    const std::string reader = makeStation("reader", {group});
    fs::remove(outboxFor("p"));
    fs::remove(outboxFor("r"));
    auto p = CoordinationLink::open(stationUri(poster), outboxFor("p"));
    ASSERT_TRUE(p) << p.error();
    std::vector<LogEntry> seenByP;
    ASSERT_TRUE(drainUntil(
        **p, seenByP, [&] { return (*p)->state().following; }, std::chrono::seconds(20)));

    ASSERT_TRUE(pg_->kill());
    LogEntry e;
    e.text = "Escort group ready at point A";
    auto id = (*p)->post(e);
    ASSERT_TRUE(id) << id.error();  // accepted and kept, though the server is away
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_GE((*p)->state().queued, 1u);
    ASSERT_TRUE(pg_->restart());

    auto r = CoordinationLink::open(stationUri(reader), outboxFor("r"));
    ASSERT_TRUE(r) << r.error();
    std::vector<LogEntry> seenByR;
    ASSERT_TRUE(drainUntil(
        **r, seenByR, [&] { return countText(seenByR, e.text) >= 1; }, std::chrono::seconds(30)))
        << (*p)->state().status;
    ASSERT_TRUE(drainUntil(
        **p, seenByP, [&] { return (*p)->state().queued == 0; }, std::chrono::seconds(20)));
    // Give a duplicate the time to show, then count: stored once.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    auto more = (*r)->drain();
    seenByR.insert(seenByR.end(), more.begin(), more.end());
    EXPECT_EQ(countText(seenByR, e.text), 1u);
    EXPECT_TRUE((*p)->state().refused.empty());
    fs::remove(outboxFor("p"));
    fs::remove(outboxFor("r"));
}

TEST_F(StationLink, ABadPostIsOneSentenceAndNothingIsQueued) {
    const std::string station = makeStation("solo", {});
    fs::remove(outboxFor("s"));
    auto link = CoordinationLink::open(stationUri(station), outboxFor("s"));
    ASSERT_TRUE(link) << link.error();
    LogEntry e;
    e.text = "position off the chart";
    e.lat = 123.0;
    e.lon = 45.0;
    auto id = (*link)->post(e);
    ASSERT_FALSE(id);
    EXPECT_NE(id.error().find("position"), std::string::npos) << id.error();
    EXPECT_EQ((*link)->state().queued, 0u);
    auto bad = CoordinationLink::open("postgresql://watch:secret@localhost/x", outboxFor("s"));
    ASSERT_FALSE(bad);  // a password on the command line is refused, not used
    fs::remove(outboxFor("s"));
}

}  // namespace
