#include <gtest/gtest.h>

#include "seawatch/time/utc.hpp"

using namespace seawatch::time;

TEST(Utc, ParsesDateTimeWithZone) {
    EXPECT_EQ(parseIso8601("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(parseIso8601("2009-04-08T07:30:00Z"), 1239175800000);
    EXPECT_EQ(parseIso8601("2009-04-08 07:30"), 1239175800000);
    EXPECT_EQ(parseIso8601("2009-04-08T10:30:00+03:00"), 1239175800000);
    EXPECT_EQ(parseIso8601("2009-04-08T07:30:00.250Z"), 1239175800250);
    EXPECT_EQ(parseIso8601("2009-04-08"), 1239148800000);
}

TEST(Utc, RejectsMalformed) {
    EXPECT_FALSE(parseIso8601(""));
    EXPECT_FALSE(parseIso8601("2009-13-01"));
    EXPECT_FALSE(parseIso8601("2009-02-30"));
    EXPECT_FALSE(parseIso8601("2009-04-08T25:00"));
    EXPECT_FALSE(parseIso8601("08/04/2009"));
    EXPECT_FALSE(parseIso8601("2009-04-08T07:30:00Zjunk"));
}

TEST(Utc, FormatsRoundTrip) {
    EXPECT_EQ(formatIso8601(1239175800000), "2009-04-08T07:30:00Z");
    EXPECT_EQ(formatIso8601(1239175800250), "2009-04-08T07:30:00.250Z");
    EXPECT_EQ(formatIso8601(-1000), "1969-12-31T23:59:59Z");
    for (UnixMillis t = -86400000LL * 800; t < 86400000LL * 30000; t += 86400000LL * 37 + 1234) {
        EXPECT_EQ(parseIso8601(formatIso8601(t)), t);
    }
    EXPECT_TRUE(isDateOnly("2011-02-22"));
    EXPECT_FALSE(isDateOnly("2011-02-22T10:00Z"));
}
