// The coordination log on a real server: the author is the role, releasability is enforced
// by row-level security, resends are idempotent, and a reader never skips a late commit.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "pg_test_cluster.hpp"
#include "seawatch/station/coordination_log.hpp"
#include "seawatch/station/log_follower.hpp"
#include "seawatch/station/schema.hpp"

namespace {

using namespace seawatch::station;
using seawatch::testing::PgTest;

LogEntry entry(const std::string& text, std::vector<std::string> releasableTo = {"all"}) {
    LogEntry e;
    e.id = makeUuid();
    e.text = text;
    e.releasableTo = std::move(releasableTo);
    return e;
}

std::vector<std::string> texts(const std::vector<LogEntry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.text);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<LogEntry> readAll(const std::string& uri) {
    auto conn = openStation(uri);
    EXPECT_TRUE(conn) << conn.error();
    if (!conn) return {};
    LogCursor cursor;
    auto rows = cursor.start(*conn, std::nullopt, 0);
    EXPECT_TRUE(rows) << rows.error();
    return rows ? *rows : std::vector<LogEntry>{};
}

using StationLog = PgTest;

TEST_F(StationLog, TheServerNamesTheAuthorAndFieldsRoundTrip) {
    const std::string nato = role("nato");
    const std::string frigate = makeStation("frigate", {nato});
    auto conn = openStation(stationUri(frigate));
    ASSERT_TRUE(conn) << conn.error();
    LogEntry e = entry("Skiff with ladders sighted, 2 POB", {nato});
    e.lat = 12.5;
    e.lon = 47.25;
    e.ref = "mmsi:636012345";
    e.time = seawatch::time::parseIso8601("2009-11-15T12:50:00Z").value();
    auto posted = postEntry(*conn, e);
    ASSERT_TRUE(posted) << posted.error();
    EXPECT_TRUE(*posted);

    // A client that writes the author itself is overruled by the server.
    ASSERT_TRUE(conn->exec(
        "INSERT INTO coordination_log (id, station, text) VALUES ($1::uuid, 'someone_else', 'x')",
        {makeUuid()}));
    // And the log is append-only for stations.
    PgFailure failure;
    EXPECT_FALSE(conn->exec("UPDATE coordination_log SET text = 'changed'", {}, &failure));
    EXPECT_EQ(failure.kind, FailureKind::NoRights);

    const auto rows = readAll(stationUri(frigate));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].id, e.id);
    EXPECT_EQ(rows[0].station, frigate);
    EXPECT_EQ(rows[0].text, e.text);
    EXPECT_EQ(rows[0].time, e.time);
    ASSERT_TRUE(rows[0].lat);
    EXPECT_DOUBLE_EQ(*rows[0].lat, 12.5);
    EXPECT_DOUBLE_EQ(*rows[0].lon, 47.25);
    EXPECT_EQ(rows[0].releasableTo, std::vector<std::string>{nato});
    EXPECT_EQ(rows[0].ref, "mmsi:636012345");
    EXPECT_EQ(rows[1].station, frigate);
    EXPECT_GT(rows[1].seq, rows[0].seq);
}

TEST_F(StationLog, ReleasabilityIsEnforcedByTheServer) {
    const std::string nato = role("nato");
    const std::string eu = role("eu");
    const std::string natoShip = makeStation("natoship", {nato});
    const std::string euShip = makeStation("euship", {eu});
    const std::string both = makeStation("both", {nato, eu});
    const std::string loner = makeStation("loner", {});

    auto post = [&](const std::string& station, const std::string& text,
                    std::vector<std::string> groups) {
        auto conn = openStation(stationUri(station));
        ASSERT_TRUE(conn) << conn.error();
        auto ok = postEntry(*conn, entry(text, std::move(groups)));
        ASSERT_TRUE(ok) << ok.error();
    };
    post(natoShip, "nato only", {nato});
    post(euShip, "eu only", {eu});
    post(loner, "for everyone", {"all"});
    post(both, "nato or eu", {nato, eu});

    using V = std::vector<std::string>;
    EXPECT_EQ(texts(readAll(stationUri(natoShip))), (V{"for everyone", "nato only", "nato or eu"}));
    EXPECT_EQ(texts(readAll(stationUri(euShip))), (V{"eu only", "for everyone", "nato or eu"}));
    EXPECT_EQ(texts(readAll(stationUri(both))),
              (V{"eu only", "for everyone", "nato only", "nato or eu"}));
    EXPECT_EQ(texts(readAll(stationUri(loner))), (V{"for everyone"}));

    // The author always sees its own rows, even when not in the group it released them to.
    post(loner, "loner to nato", {nato});
    EXPECT_EQ(texts(readAll(stationUri(loner))), (V{"for everyone", "loner to nato"}));
    EXPECT_EQ(texts(readAll(stationUri(euShip))), (V{"eu only", "for everyone", "nato or eu"}));
}

TEST_F(StationLog, ResendingAnEntryStoresItOnce) {
    const std::string ship = makeStation("ship", {});
    auto conn = openStation(stationUri(ship));
    ASSERT_TRUE(conn) << conn.error();
    const LogEntry e = entry("Holding position");
    auto first = postEntry(*conn, e);
    auto second = postEntry(*conn, e);
    ASSERT_TRUE(first && second);
    EXPECT_TRUE(*first);
    EXPECT_FALSE(*second);
    EXPECT_EQ(readAll(stationUri(ship)).size(), 1u);
}

TEST_F(StationLog, BadEntriesAndRolesWithoutRightsGetOneSentence) {
    const std::string ship = makeStation("ship", {});
    auto conn = openStation(stationUri(ship));
    ASSERT_TRUE(conn) << conn.error();
    PgFailure failure;
    auto unknownGroup = postEntry(*conn, entry("x", {"nosuchgroup"}), &failure);
    ASSERT_FALSE(unknownGroup);
    EXPECT_EQ(failure.kind, FailureKind::BadInput);
    EXPECT_NE(unknownGroup.error().find("no such station group"), std::string::npos)
        << unknownGroup.error();
    LogEntry badRef = entry("x");
    badRef.ref = "mmsi:12";
    EXPECT_FALSE(postEntry(*conn, badRef));
    EXPECT_FALSE(postEntry(*conn, entry("")));

    // A login role that is not a station can read nothing and post nothing.
    auto admin = seawatch::station::PgConnection::open(adminUri());
    ASSERT_TRUE(admin);
    const std::string outsider = role("outsider");
    ASSERT_TRUE(admin->execScript("CREATE ROLE " + outsider + " LOGIN PASSWORD 'pw'"));
    pg_->addPassword(outsider, "pw");
    auto refused = openStation(stationUri(outsider), &failure);
    ASSERT_FALSE(refused);
    EXPECT_EQ(failure.kind, FailureKind::NoRights);
    EXPECT_NE(refused.error().find("is not a seawatch station"), std::string::npos)
        << refused.error();
    auto asOutsider = PgConnection::open(stationUri(outsider));
    ASSERT_TRUE(asOutsider) << asOutsider.error();
    auto denied = postEntry(*asOutsider, entry("hello"), &failure);
    ASSERT_FALSE(denied);
    EXPECT_EQ(failure.kind, FailureKind::NoRights);
    EXPECT_NE(denied.error().find("is not a station"), std::string::npos) << denied.error();
}

TEST_F(StationLog, ACursorDeliversALateCommitOnceAndSkipsNothing) {
    const std::string ship = makeStation("ship", {});
    auto reader = openStation(stationUri(ship));
    auto slow = openStation(stationUri(ship));
    auto fast = openStation(stationUri(ship));
    ASSERT_TRUE(reader && slow && fast);
    LogCursor cursor;
    ASSERT_TRUE(cursor.start(*reader, std::nullopt, 0));

    // `slow` takes the lower arrival number but commits after `fast`.
    ASSERT_TRUE(slow->execScript("BEGIN"));
    ASSERT_TRUE(postEntry(*slow, entry("slow")));
    ASSERT_TRUE(postEntry(*fast, entry("fast")));
    auto firstBatch = cursor.fetchNew(*reader);
    ASSERT_TRUE(firstBatch) << firstBatch.error();
    EXPECT_EQ(texts(*firstBatch), std::vector<std::string>{"fast"});
    ASSERT_TRUE(slow->execScript("COMMIT"));
    auto secondBatch = cursor.fetchNew(*reader);
    ASSERT_TRUE(secondBatch) << secondBatch.error();
    EXPECT_EQ(texts(*secondBatch), std::vector<std::string>{"slow"});
    auto thirdBatch = cursor.fetchNew(*reader);
    ASSERT_TRUE(thirdBatch);
    EXPECT_TRUE(thirdBatch->empty());
}

// Collects what a follower delivers, for a test to wait on.
struct Collected {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<LogEntry> entries;
    std::vector<std::string> statuses;

    bool waitFor(std::size_t count, std::chrono::seconds limit) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, limit, [&] { return entries.size() >= count; });
    }
};

TEST_F(StationLog, AFollowerSeesNewEntriesAndSurvivesAServerCrash) {
    const std::string nato = role("nato");
    const std::string watcher = makeStation("watcher", {nato});
    const std::string poster = makeStation("poster", {nato});
    const std::string priv = role("priv");
    const std::string stranger = makeStation("stranger", {priv});

    Collected got;
    std::atomic<bool> stop{false};
    FollowOptions options;
    options.target = stationUri(watcher);
    options.firstBackoff = std::chrono::milliseconds(100);
    std::thread follower([&] {
        auto ok = followLog(
            options, stop,
            [&](const std::vector<LogEntry>& batch) {
                std::lock_guard lock(got.mutex);
                got.entries.insert(got.entries.end(), batch.begin(), batch.end());
                got.changed.notify_all();
                return true;
            },
            [&](const std::string& status) {
                std::lock_guard lock(got.mutex);
                got.statuses.push_back(status);
            });
        EXPECT_TRUE(ok) << ok.error();
    });

    auto post = [&](const std::string& station, const std::string& text,
                    std::vector<std::string> groups) {
        auto conn = openStation(stationUri(station));
        ASSERT_TRUE(conn) << conn.error();
        ASSERT_TRUE(postEntry(*conn, entry(text, std::move(groups))));
    };
    post(poster, "one", {nato});
    post(stranger, "not for nato", {priv});
    ASSERT_TRUE(got.waitFor(1, std::chrono::seconds(20)));

    ASSERT_TRUE(pg_->kill());
    ASSERT_TRUE(pg_->restart());
    post(poster, "two", {"all"});
    ASSERT_TRUE(got.waitFor(2, std::chrono::seconds(30)));
    stop = true;
    follower.join();

    std::lock_guard lock(got.mutex);
    EXPECT_EQ(texts(got.entries), (std::vector<std::string>{"one", "two"}));
    EXPECT_EQ(got.entries[0].station, poster);
    const bool reconnected = std::any_of(
        got.statuses.begin(), got.statuses.end(),
        [](const std::string& s) { return s.find("reconnected") != std::string::npos; });
    EXPECT_TRUE(reconnected);
}

}  // namespace
