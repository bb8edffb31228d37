#include "seawatch/common/json_limits.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace seawatch;

TEST(JsonLimits, DeepNestingIsRefusedWithItsPath) {
    // The audit's crash: an ASAM field nested 80,000 arrays deep (160 KB).
    const std::string deep =
        "{\"asam\":[{\"victim\":" + std::string(80000, '[') + std::string(80000, ']') + "}]}";
    const Status s = checkJsonLimits(deep);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().find("nesting deeper than 64 levels"), std::string::npos) << s.error();
    EXPECT_EQ(s.error().rfind("nesting deeper than 64 levels at asam[0].victim[0][0]", 0), 0U)
        << s.error();
}

TEST(JsonLimits, OrdinaryDocumentsPass) {
    EXPECT_TRUE(checkJsonLimits(R"({"a": [1, 2, {"b": null}], "c": "x"})"));
    EXPECT_TRUE(checkJsonLimits("[[[[]]]]", {4, 100, false}));
    EXPECT_FALSE(checkJsonLimits("[[[[[]]]]]", {4, 100, false}));
}

TEST(JsonLimits, DuplicateKeysAreNamedWhenAsked) {
    const std::string text =
        R"({"tracks": [{"name": "A"}, {"name": "B", "mmsi": 1, "name": "C"}]})";
    EXPECT_TRUE(checkJsonLimits(text));
    JsonLimits strict;
    strict.rejectDuplicateKeys = true;
    const Status s = checkJsonLimits(text, strict);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error(), "tracks[1].name: key given twice (only one value would be kept)");
}

TEST(JsonLimits, SizeLimit) {
    JsonLimits small;
    small.maxBytes = 10;
    const Status s = checkJsonLimits("[1,2,3,4,5,6,7]", small);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().find("limit of 10"), std::string::npos);
}

TEST(JsonLimits, SyntaxErrorsAreLeftToTheParser) {
    EXPECT_TRUE(checkJsonLimits("{\"a\": [1, 2"));
}
