#include "seawatch/charts/palette.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace seawatch::charts {

namespace {

// Day: the paper-chart look of style.cpp and MapStyle (buff land, pale sea).
constexpr Palette kDay{
    PaletteKind::Day,
    "day",
    {213, 230, 238, 255},  // DEPDW
    {212, 232, 248, 255},  // DEPMD
    {185, 215, 242, 255},  // DEPMS
    {115, 170, 222, 255},  // DEPVS
    {176, 196, 150, 255},  // DEPIT
    {236, 220, 178, 255},  // LANDA
    {94, 78, 60, 255},     // CSTLN
    {158, 112, 150, 220},  // CHGRD
    {70, 95, 120, 90},     // CHGRF
    {30, 45, 60, 255},     // CHBLK
    {255, 255, 255, 200},  // UIBCK
    1.0f,
};

// Dusk: dark blue-grey sea, land a dim umber, linework light enough to read.
constexpr Palette kDusk{
    PaletteKind::Dusk,
    "dusk",
    {24, 38, 54, 255},     // DEPDW
    {27, 44, 62, 255},     // DEPMD
    {32, 54, 78, 255},     // DEPMS
    {40, 72, 108, 255},    // DEPVS
    {62, 76, 52, 255},     // DEPIT
    {88, 78, 56, 255},     // LANDA
    {176, 158, 124, 255},  // CSTLN
    {150, 118, 144, 200},  // CHGRD
    {130, 160, 190, 70},   // CHGRF
    {178, 190, 204, 255},  // CHBLK
    {12, 18, 26, 200},     // UIBCK
    0.72f,
};

// Night: near-black sea, land barely lifted from it, warm dim linework.
constexpr Palette kNight{
    PaletteKind::Night,
    "night",
    {4, 8, 14, 255},     // DEPDW
    {5, 10, 18, 255},    // DEPMD
    {7, 14, 26, 255},    // DEPMS
    {10, 22, 40, 255},   // DEPVS
    {20, 26, 16, 255},   // DEPIT
    {34, 28, 16, 255},   // LANDA
    {84, 70, 48, 255},   // CSTLN
    {66, 50, 62, 200},   // CHGRD
    {70, 66, 56, 60},    // CHGRF
    {104, 94, 74, 255},  // CHBLK
    {0, 0, 0, 200},      // UIBCK
    0.38f,
};

std::uint8_t scaled(std::uint8_t v, float level) {
    return static_cast<std::uint8_t>(std::clamp(std::lround(v * level), 0L, 255L));
}

// Depth bands as in depthAreaFill (style.cpp), in the palette's tokens.
Rgba depthColour(float shallowDepthM, const Palette& p) {
    if (std::isnan(shallowDepthM)) return p.depms;
    if (shallowDepthM < 0.0f) return p.depit;
    if (shallowDepthM < 5.0f) return p.depvs;
    if (shallowDepthM < 20.0f) return p.depms;
    if (shallowDepthM < 50.0f) return p.depmd;
    return p.depdw;
}

}  // namespace

const Palette& palette(PaletteKind kind) {
    switch (kind) {
        case PaletteKind::Day:
            return kDay;
        case PaletteKind::Dusk:
            return kDusk;
        case PaletteKind::Night:
            return kNight;
    }
    return kDay;
}

std::optional<PaletteKind> parsePaletteKind(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (PaletteKind k : {PaletteKind::Day, PaletteKind::Dusk, PaletteKind::Night})
        if (lower == paletteKindName(k)) return k;
    return std::nullopt;
}

const char* paletteKindName(PaletteKind kind) {
    return palette(kind).name;
}

Rgba adaptColour(Rgba c, const Palette& p) {
    if (p.level >= 1.0f) return c;
    return {scaled(c.r, p.level), scaled(c.g, p.level), scaled(c.b, p.level), c.a};
}

Rgba classColour(FeatureClass c, Rgba day, float depthAreaValue, const Palette& p) {
    // By day the chart keeps its own colours (an S-57 chart's depth bands are finer than
    // the table's); the table replaces them only at dusk and night.
    if (p.kind == PaletteKind::Day) return day;
    const auto withAlpha = [&](Rgba token) { return Rgba{token.r, token.g, token.b, day.a}; };
    switch (c) {
        case FeatureClass::Land:
            return withAlpha(p.landa);
        case FeatureClass::Coastline:
            return withAlpha(p.cstln);
        case FeatureClass::Boundary:
            return withAlpha(p.chgrd);
        case FeatureClass::DepthArea:
            return withAlpha(depthColour(depthAreaValue, p));
        default:
            return adaptColour(day, p);
    }
}

double luminance(Rgba c) {
    return (0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b) / 255.0;
}

}  // namespace seawatch::charts
