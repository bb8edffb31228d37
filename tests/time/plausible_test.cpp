#include <gtest/gtest.h>

#include "seawatch/time/plausible.hpp"

using namespace seawatch::time;

TEST(PlausibleYears, DefaultRangeIs1990Through2100) {
    const PlausibleYears years;
    EXPECT_TRUE(years.contains(*parseIso8601("1990-01-01T00:00:00Z")));
    EXPECT_TRUE(years.contains(*parseIso8601("2009-11-15T12:00:00Z")));
    EXPECT_TRUE(years.contains(*parseIso8601("2100-12-31T23:59:59Z")));
    EXPECT_FALSE(years.contains(*parseIso8601("1989-12-31T23:59:59Z")));
    EXPECT_FALSE(years.contains(*parseIso8601("2101-01-01T00:00:00Z")));
    EXPECT_FALSE(years.contains(*parseIso8601("9999-12-31T23:59:59Z")));
    EXPECT_FALSE(years.contains(fromCivil({10, 11, 15, 0, 0, 0, 0})));  // $PGHP year "10"
    EXPECT_EQ(years.describe(), "1990-2100");
}

TEST(PlausibleYears, ParsesARangeOption) {
    auto r = parsePlausibleYears("1970-2200");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->first, 1970);
    EXPECT_EQ(r->last, 2200);
    EXPECT_FALSE(parsePlausibleYears("2100-1990"));
    EXPECT_FALSE(parsePlausibleYears("1990"));
    EXPECT_FALSE(parsePlausibleYears("19x0-2100"));
}
