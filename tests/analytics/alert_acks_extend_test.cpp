#include <gtest/gtest.h>

#include "seawatch/analytics/alert_acks.hpp"

using namespace seawatch;

TEST(AlertAcknowledgements, GrowWithALiveEventListAndKeepEarlierAcknowledgements) {
    analytics::AlertAcknowledgements acks(2);
    ASSERT_TRUE(acks.acknowledge(1, "watch officer", 1000).ok());
    std::vector<analytics::Event> added(3);
    added[0].type = analytics::EventType::Cpa;
    ASSERT_TRUE(acks.extend(added).ok());
    ASSERT_EQ(acks.acknowledged().size(), 5u);
    EXPECT_TRUE(acks.isAcknowledged(1));
    EXPECT_EQ(acks.acknowledgedBy(1), "watch officer");
    EXPECT_FALSE(acks.isAcknowledged(4));
    EXPECT_TRUE(acks.acknowledge(4, "relief", 2000).ok());
    EXPECT_EQ(acks.acknowledgedAt(4), 2000);
    EXPECT_FALSE(acks.acknowledge(5, "nobody", 0).ok());
}
