#include <gtest/gtest.h>

#include <cmath>

#include "seawatch/charts/palette.hpp"

using namespace seawatch::charts;

namespace {
const PaletteKind kAll[] = {PaletteKind::Day, PaletteKind::Dusk, PaletteKind::Night};
bool same(Rgba a, Rgba b) {
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}
}  // namespace

TEST(Palette, NamesParseBackAndNothingElseDoes) {
    for (PaletteKind k : kAll) {
        EXPECT_EQ(parsePaletteKind(paletteKindName(k)), k);
        EXPECT_EQ(palette(k).kind, k);
    }
    EXPECT_EQ(parsePaletteKind("NIGHT"), PaletteKind::Night);
    EXPECT_FALSE(parsePaletteKind("noon").has_value());
    EXPECT_FALSE(parsePaletteKind("").has_value());
}

TEST(Palette, DayIsTheChartsOwnLook) {
    const Palette& day = palette(PaletteKind::Day);
    EXPECT_TRUE(same(day.landa, defaultStyle(FeatureClass::Land).fill));
    EXPECT_TRUE(same(day.cstln, defaultStyle(FeatureClass::Coastline).stroke));
    // By day every class keeps the colour it was given, depth bands included.
    const Rgba shallow = depthAreaFill(3.0f);
    EXPECT_TRUE(same(classColour(FeatureClass::DepthArea, shallow, 3.0f, day), shallow));
    EXPECT_TRUE(same(adaptColour({10, 200, 30, 99}, day), Rgba{10, 200, 30, 99}));
}

TEST(Palette, EachStepIsDarkerThanTheOneBefore) {
    const Palette& day = palette(PaletteKind::Day);
    const Palette& dusk = palette(PaletteKind::Dusk);
    const Palette& night = palette(PaletteKind::Night);
    // Areas darken step by step (linework may brighten at dusk, against a dark sea).
    for (auto token : {&Palette::depdw, &Palette::landa, &Palette::depvs, &Palette::depit}) {
        EXPECT_GT(luminance(day.*token), luminance(dusk.*token));
        EXPECT_GT(luminance(dusk.*token), luminance(night.*token));
    }
    EXPECT_GT(day.level, dusk.level);
    EXPECT_GT(dusk.level, night.level);
    EXPECT_GT(night.level, 0.0f);
    // Night keeps the whole screen dim: no token above 0.4 luminance.
    for (auto token : {&Palette::depdw, &Palette::landa, &Palette::cstln, &Palette::chblk})
        EXPECT_LT(luminance(night.*token), 0.4) << "night token too bright";
}

TEST(Palette, LandStaysDistinctFromSeaAndTextFromItsHalo) {
    for (PaletteKind k : kAll) {
        const Palette& p = palette(k);
        // By day land and sea differ in hue more than in lightness: compare in RGB.
        const double dr = p.landa.r - p.depdw.r, dg = p.landa.g - p.depdw.g,
                     db = p.landa.b - p.depdw.b;
        EXPECT_GT(std::sqrt(dr * dr + dg * dg + db * db), 30.0) << p.name;
        EXPECT_GT(p.landa.r - p.landa.b, 5) << p.name << ": land keeps its warm hue";
        EXPECT_GT(p.depdw.b - p.depdw.r, 5) << p.name << ": sea keeps its cool hue";
        EXPECT_GT(std::abs(luminance(p.chblk) - luminance(p.uibck)), 0.3) << p.name;
        // Shallow water stands out from deep water, as on the chart.
        EXPECT_GT(std::abs(luminance(p.depvs) - luminance(p.depdw)), 0.02) << p.name;
    }
}

TEST(Palette, DuskAndNightUseTheTableForChartClassesAndDimTheRest) {
    const Palette& dusk = palette(PaletteKind::Dusk);
    const Rgba dayLand = defaultStyle(FeatureClass::Land).fill;
    EXPECT_TRUE(same(classColour(FeatureClass::Land, dayLand, 0.0f, dusk), dusk.landa));
    EXPECT_TRUE(
        same(classColour(FeatureClass::DepthArea, depthAreaFill(2.0f), 2.0f, dusk), dusk.depvs));
    EXPECT_TRUE(
        same(classColour(FeatureClass::DepthArea, depthAreaFill(-1.0f), -1.0f, dusk), dusk.depit));
    // A class outside the table (a magenta restricted area) keeps its hue, dimmed, and
    // its alpha.
    const Rgba magenta{176, 26, 140, 128};
    const Rgba dimmed = classColour(FeatureClass::Restricted, magenta, 0.0f, dusk);
    EXPECT_LT(dimmed.r, magenta.r);
    EXPECT_GT(dimmed.r, dimmed.g);
    EXPECT_EQ(dimmed.a, 128);
}
