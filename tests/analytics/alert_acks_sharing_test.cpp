// Acknowledgements shared between stations, without a server: a fake AlertSharing stands for
// station::AlertLink (tests/station/alerts_test.cpp runs the real one).
#include <gtest/gtest.h>

#include "seawatch/analytics/alert_acks.hpp"

namespace {

using namespace seawatch;
using analytics::Event;
using analytics::SharedAck;

struct Sent {
    std::vector<std::string> published;
    std::vector<SharedAck> acknowledged;
    std::vector<SharedAck> incoming;
};

class FakeSharing final : public analytics::AlertSharing {
  public:
    explicit FakeSharing(Sent& sent) : sent_(sent) {}
    void publish(std::span<const Event> events) override {
        for (const Event& e : events) sent_.published.push_back(analytics::toJsonLine(e));
    }
    void acknowledge(const std::string& key, const std::string& by, time::UnixMillis at) override {
        sent_.acknowledged.push_back({key, "", by, at});
    }
    std::vector<SharedAck> drainAcks() override { return std::exchange(sent_.incoming, {}); }
    analytics::SharingState state() const override { return {}; }

  private:
    Sent& sent_;
};

Event cpa(time::UnixMillis t, ais::Mmsi a, ais::Mmsi b) {
    Event e;
    e.type = analytics::EventType::Cpa;
    e.time = t;
    e.mmsi = {a, b};
    e.lat = 12.5;
    e.lon = 45.1;
    e.numbers = {{"cpa_nm", 0.4}, {"tcpa_min", 7.0}};
    return e;
}

TEST(SharedAlertAcknowledgements, PublishEveryAlertAndEveryLocalAcknowledgement) {
    std::vector<Event> events{cpa(1000, 1, 2), cpa(2000, 3, 4)};
    analytics::AlertAcknowledgements acks(events.size());
    ASSERT_TRUE(acks.acknowledge(0, "before sharing", 500).ok());
    Sent sent;
    acks.shareWith(std::make_unique<FakeSharing>(sent), events);
    ASSERT_EQ(sent.published.size(), 2u);
    EXPECT_EQ(sent.published[1], analytics::toJsonLine(events[1]));
    // The acknowledgement made before sharing began goes out too.
    ASSERT_EQ(sent.acknowledged.size(), 1u);
    EXPECT_EQ(sent.acknowledged[0].eventKey, sent.published[0]);

    ASSERT_TRUE(acks.acknowledge(1, "oow", 2500).ok());
    ASSERT_EQ(sent.acknowledged.size(), 2u);
    EXPECT_EQ(sent.acknowledged[1].eventKey, sent.published[1]);
    EXPECT_EQ(sent.acknowledged[1].by, "oow");
    EXPECT_EQ(sent.acknowledged[1].at, 2500);

    const std::vector<Event> later{cpa(3000, 5, 6)};
    ASSERT_TRUE(acks.extend(later).ok());
    ASSERT_EQ(sent.published.size(), 3u);
    EXPECT_EQ(sent.published[2], analytics::toJsonLine(later[0]));
}

TEST(SharedAlertAcknowledgements, AnotherStationsAcknowledgementAppliesOnceEvenBeforeTheAlert) {
    std::vector<Event> events{cpa(1000, 1, 2), cpa(2000, 3, 4)};
    analytics::AlertAcknowledgements acks(events.size());
    Sent sent;
    acks.shareWith(std::make_unique<FakeSharing>(sent), events);
    ASSERT_TRUE(acks.acknowledge(0, "me", 1500).ok());

    const Event notYetRaised = cpa(3000, 5, 6);
    sent.incoming = {
        {analytics::toJsonLine(events[1]), "djibouti", "Lt Okafor", 2100},
        // This station's own acknowledgement, echoed back by the server: changes nothing.
        {analytics::toJsonLine(events[0]), "bahrain", "me", 1500},
        {analytics::toJsonLine(notYetRaised), "djibouti", "PO Ali", 3100},
        {"{\"type\":\"unknown\"}", "djibouti", "x", 1},
    };
    EXPECT_EQ(acks.applyShared(), 1u);
    EXPECT_TRUE(acks.isAcknowledged(1));
    EXPECT_EQ(acks.acknowledgedBy(1), "Lt Okafor (djibouti)");
    EXPECT_EQ(acks.acknowledgedAt(1), 2100);
    EXPECT_EQ(acks.acknowledgedBy(0), "me");
    EXPECT_EQ(acks.applyShared(), 0u);

    // The alert this picture raises later arrives acknowledged; nothing goes back out.
    const std::size_t acknowledgementsSent = sent.acknowledged.size();
    ASSERT_TRUE(acks.extend(std::vector<Event>{notYetRaised}).ok());
    EXPECT_TRUE(acks.isAcknowledged(2));
    EXPECT_EQ(acks.acknowledgedBy(2), "PO Ali (djibouti)");
    EXPECT_EQ(sent.acknowledged.size(), acknowledgementsSent);

    // Handing the sharing back stops it: later acknowledgements stay local.
    auto released = acks.releaseSharing();
    ASSERT_NE(released, nullptr);
    EXPECT_EQ(acks.sharing(), nullptr);
    EXPECT_EQ(acks.applyShared(), 0u);
}

}  // namespace
