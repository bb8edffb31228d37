#include <gtest/gtest.h>

#include "seawatch/render/canvas.hpp"

using namespace seawatch::render;

TEST(Canvas, BuildsTrianglesWithoutAContext) {
    auto fonts = FontAtlas::create();
    ASSERT_TRUE(fonts);
    EXPECT_GT(fonts->width(), 0);
    Canvas canvas(fonts.get());
    canvas.line({0, 0}, {10, 0}, 2.0f, {255, 0, 0, 255});
    EXPECT_EQ(canvas.vertices().size(), 4u);
    EXPECT_EQ(canvas.indices().size(), 6u);
    // A 2 px line is 1 px either side of its axis.
    EXPECT_FLOAT_EQ(std::abs(canvas.vertices()[0].y), 1.0f);
    canvas.clear();
    const auto size = canvas.measureText(
        "12\xC2\xB0"
        "30'N",
        14.0f);
    EXPECT_GT(size.x, 30.0);
    EXPECT_LT(size.x, 80.0);
    canvas.text({100, 100}, "Aden", {.sizePx = 14.0f, .anchor = TextAnchor::Center});
    EXPECT_EQ(canvas.indices().size(), 4u * 6u);  // four glyph quads
    for (const auto& v : canvas.vertices()) {
        EXPECT_NEAR(v.x, 100.0, size.x);
        EXPECT_NEAR(v.y, 100.0, 14.0);
    }
}

TEST(Canvas, Utf8DecodingSurvivesMalformedBytes) {
    std::size_t pos = 0;
    const std::string degree = "\xC2\xB0";
    EXPECT_EQ(nextCodepoint(degree, pos), U'\u00B0');
    EXPECT_EQ(pos, 2u);
    const std::string truncated = "\xE2\x80";
    pos = 0;
    EXPECT_EQ(nextCodepoint(truncated, pos), U'\uFFFD');
    EXPECT_EQ(pos, truncated.size());
    const std::string stray =
        "\x80"
        "A";
    pos = 0;
    EXPECT_EQ(nextCodepoint(stray, pos), U'\uFFFD');
    EXPECT_EQ(nextCodepoint(stray, pos), U'A');
}
