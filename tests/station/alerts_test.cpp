// Live alerts and acknowledgements shared on a real station: one row per alert however many
// stations raise it, another station's acknowledgement arrives live, releasability holds
// for alerts and their acknowledgements, and nothing is lost while the server is away.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app/cli_support.hpp"
#include "pg_test_cluster.hpp"
#include "seawatch/analytics/alert_acks.hpp"
#include "seawatch/station/alert_link.hpp"
#include "seawatch/station/shared_alerts.hpp"

namespace {

namespace fs = std::filesystem;
using namespace seawatch;
using namespace seawatch::station;
using seawatch::testing::PgTest;

analytics::Event cpa(time::UnixMillis t, ais::Mmsi a, ais::Mmsi b) {
    analytics::Event e;
    e.type = analytics::EventType::Cpa;
    e.time = t;
    e.mmsi = {a, b};
    e.lat = 12.5;
    e.lon = 45.1;
    e.numbers = {{"cpa_nm", 0.4}, {"tcpa_min", 7.0}};
    return e;
}

const time::UnixMillis kT0 = time::parseIso8601("2009-11-15T12:50:00Z").value();

class StationAlerts : public PgTest {
  protected:
    void SetUp() override {
        PgTest::SetUp();
        dir_ = seawatch::testing::scratchDir("station_alerts") / db_;
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    AlertLinkOptions quick(std::vector<std::string> releasableTo = {"all"}) const {
        AlertLinkOptions o;
        o.releasableTo = std::move(releasableTo);
        o.firstBackoff = std::chrono::milliseconds(50);
        o.maxBackoff = std::chrono::milliseconds(200);
        o.resendEvery = std::chrono::milliseconds(200);
        return o;
    }

    std::unique_ptr<AlertLink> link(const std::string& station, const std::string& outbox,
                                    std::vector<std::string> releasableTo = {"all"}) {
        auto opened = AlertLink::open(stationUri(station), dir_ / outbox, quick(releasableTo));
        EXPECT_TRUE(opened) << opened.error();
        return opened ? std::move(*opened) : nullptr;
    }

    std::vector<StationAlert> alertsSeenBy(const std::string& station) {
        auto conn = openStation(stationUri(station));
        EXPECT_TRUE(conn) << conn.error();
        if (!conn) return {};
        auto alerts = listAlerts(*conn);
        EXPECT_TRUE(alerts) << alerts.error();
        return alerts ? *alerts : std::vector<StationAlert>{};
    }

    std::vector<StationAck> acksSeenBy(const std::string& station) {
        auto conn = openStation(stationUri(station));
        EXPECT_TRUE(conn) << conn.error();
        if (!conn) return {};
        AckCursor cursor;
        auto acks = cursor.start(*conn, 0);
        EXPECT_TRUE(acks) << acks.error();
        return acks ? *acks : std::vector<StationAck>{};
    }

    fs::path dir_;
};

// Waits (applying what arrives) until `index` is acknowledged, or 20 s.
bool waitForAck(analytics::AlertAcknowledgements& acks, std::size_t index) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < end) {
        acks.applyShared();
        if (acks.isAcknowledged(index)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

TEST_F(StationAlerts, TwoStationsStoreOneAlertAndSeeEachOthersAcknowledgementLive) {
    const std::string bahrain = makeStation("bahrain", {});
    const std::string djibouti = makeStation("djibouti", {});
    const std::vector<analytics::Event> events{cpa(kT0, 538004417, 636012345),
                                               cpa(kT0 + 60000, 1, 2)};

    analytics::AlertAcknowledgements atBahrain(events.size());
    analytics::AlertAcknowledgements atDjibouti(events.size());
    auto bahrainLink = link(bahrain, "bahrain.gpkg");
    auto djiboutiLink = link(djibouti, "djibouti.gpkg");
    ASSERT_TRUE(bahrainLink && djiboutiLink);
    AlertLink* bahrainRaw = bahrainLink.get();
    atBahrain.shareWith(std::move(bahrainLink), events);
    atDjibouti.shareWith(std::move(djiboutiLink), events);
    ASSERT_TRUE(bahrainRaw->waitUntilSent(std::chrono::seconds(20)));

    ASSERT_TRUE(atBahrain.acknowledge(1, "Lt Harris", kT0 + 120000).ok());
    ASSERT_TRUE(waitForAck(atDjibouti, 1));
    EXPECT_EQ(atDjibouti.acknowledgedBy(1), "Lt Harris (" + bahrain + ")");
    EXPECT_EQ(atDjibouti.acknowledgedAt(1), kT0 + 120000);
    EXPECT_FALSE(atDjibouti.isAcknowledged(0));

    // Both raised both alerts: one row each on the server, the acknowledgement stored once.
    const auto alerts = alertsSeenBy(djibouti);
    ASSERT_EQ(alerts.size(), 2u);
    EXPECT_EQ(alerts[0].event, analytics::toJsonLine(events[0]));
    EXPECT_EQ(alerts[0].type, "cpa");
    ASSERT_TRUE(alerts[0].lat);
    EXPECT_DOUBLE_EQ(*alerts[0].lat, 12.5);
    const auto acks = acksSeenBy(djibouti);
    ASSERT_EQ(acks.size(), 1u);
    EXPECT_EQ(acks[0].station, bahrain);
    EXPECT_EQ(acks[0].by, "Lt Harris");
}

TEST_F(StationAlerts, AlertsAndTheirAcknowledgementsFollowReleasability) {
    const std::string nato = role("nato");
    const std::string author = makeStation("author", {nato});
    const std::string member = makeStation("member", {nato});
    const std::string outsider = makeStation("outsider", {});
    const std::vector<analytics::Event> events{cpa(kT0, 1, 2)};

    analytics::AlertAcknowledgements acks(events.size());
    auto authorLink = link(author, "author.gpkg", {nato});
    ASSERT_TRUE(authorLink);
    AlertLink* raw = authorLink.get();
    acks.shareWith(std::move(authorLink), events);
    ASSERT_TRUE(acks.acknowledge(0, "duty officer", kT0 + 1000).ok());
    ASSERT_TRUE(raw->waitUntilSent(std::chrono::seconds(20)));
    EXPECT_TRUE(raw->state().refused.empty());

    EXPECT_EQ(alertsSeenBy(author).size(), 1u);
    EXPECT_EQ(alertsSeenBy(member).size(), 1u);
    EXPECT_EQ(acksSeenBy(member).size(), 1u);
    EXPECT_TRUE(alertsSeenBy(outsider).empty());
    EXPECT_TRUE(acksSeenBy(outsider).empty());

    // The outsider raising the same alert itself stores nothing new and gives it no access.
    auto conn = openStation(stationUri(outsider));
    ASSERT_TRUE(conn) << conn.error();
    auto again = storeAlert(*conn, stationAlertFrom(events[0], {"all"}));
    ASSERT_TRUE(again) << again.error();
    EXPECT_FALSE(*again);
    EXPECT_TRUE(alertsSeenBy(outsider).empty());

    // An alert released to a group that does not exist is refused in one sentence.
    PgFailure failure;
    auto unknown =
        storeAlert(*conn, stationAlertFrom(cpa(kT0 + 5, 3, 4), {"nosuchgroup"}), &failure);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(failure.kind, FailureKind::BadInput);
    EXPECT_NE(unknown.error().find("no such station group"), std::string::npos) << unknown.error();
}

TEST_F(StationAlerts, WhatIsRaisedWhileTheServerIsAwayIsQueuedAndSentOnce) {
    const std::string ship = makeStation("ship", {});
    const std::vector<analytics::Event> events{cpa(kT0, 1, 2), cpa(kT0 + 1000, 3, 4)};
    ASSERT_TRUE(pg_->kill());
    {
        analytics::AlertAcknowledgements acks(events.size());
        auto away = link(ship, "ship.gpkg");
        ASSERT_TRUE(away);
        AlertLink* raw = away.get();
        acks.shareWith(std::move(away), events);
        ASSERT_TRUE(acks.acknowledge(0, "oow", kT0 + 2000).ok());
        EXPECT_FALSE(raw->waitUntilSent(std::chrono::seconds(5)));
        const analytics::SharingState state = raw->state();
        EXPECT_EQ(state.queued, 3u);
        EXPECT_TRUE(state.failed.empty()) << state.failed;
    }  // the console closes with everything still queued
    ASSERT_TRUE(pg_->restart());

    // The next run with the same station sends what the last one queued, and its own.
    analytics::AlertAcknowledgements acks(events.size());
    auto back = link(ship, "ship.gpkg");
    ASSERT_TRUE(back);
    AlertLink* raw = back.get();
    acks.shareWith(std::move(back), events);
    ASSERT_TRUE(raw->waitUntilSent(std::chrono::seconds(30)));
    EXPECT_EQ(raw->state().queued, 0u);
    EXPECT_EQ(alertsSeenBy(ship).size(), 2u);
    const auto stored = acksSeenBy(ship);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].by, "oow");
}

}  // namespace
