#include "seawatch/common/text_encoding.hpp"

#include <gtest/gtest.h>

using namespace seawatch;

TEST(TextEncoding, RecognisesUtf8) {
    EXPECT_TRUE(isValidUtf8(""));
    EXPECT_TRUE(isValidUtf8("plain ASCII text, long enough to take the fast path"));
    EXPECT_TRUE(
        isValidUtf8("12\xC2\xB0"
                    "00'N caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x9A\xA2"));
    EXPECT_FALSE(isValidUtf8("caf\xE9"));           // Latin-1 e acute
    EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // a surrogate
    EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(isValidUtf8("abc\xE2\x82"));       // cut short
    EXPECT_FALSE(isValidUtf8("abcdefgh\x80"));      // a lone continuation after ASCII
}

TEST(TextEncoding, Windows1252FallBack) {
    // "12°00'N" and "café" as a Windows tool writes them, and its curly quotes and euro.
    EXPECT_EQ(windows1252ToUtf8("12\xB0"
                                "00'N caf\xE9"),
              "12\xC2\xB0"
              "00'N caf\xC3\xA9");
    EXPECT_EQ(windows1252ToUtf8("\x93quoted\x94 \x80"),
              "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC");
    std::string text = "M/V S\xC3\xA9n\xC3\xA9gal";  // already UTF-8: untouched
    EXPECT_FALSE(makeUtf8(text));
    text = "M/V S\xE9n\xE9gal";
    EXPECT_TRUE(makeUtf8(text));
    EXPECT_EQ(text, "M/V S\xC3\xA9n\xC3\xA9gal");
    EXPECT_TRUE(isValidUtf8(windows1252ToUtf8("\x81\x8D\x8F\x90\x9D\xFF")));
}
