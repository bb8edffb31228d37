#pragma once
// Day, dusk and night colour tables, as chart plotters switch them with the light on the
// bridge. The convention is IHO S-52's colour tables DAY, DUSK and NIGHT: a bright chart
// by day; by dusk a dark sea with moderately lit land and linework; by night everything
// dim enough to keep the watch's dark adaptation. The token names below are S-52's (DEPDW
// deep water, LANDA land, CSTLN coastline, ...); the values are seawatch's own, chosen on
// its own chart look (day is exactly the look the rest of seawatch was drawn in).
#include <optional>
#include <string_view>

#include "seawatch/charts/chart.hpp"

namespace seawatch::charts {

enum class PaletteKind { Day, Dusk, Night };

struct Palette {
    PaletteKind kind = PaletteKind::Day;
    const char* name = "day";
    Rgba depdw;  // DEPDW: deep water, the sea under every chart (the clear colour)
    Rgba depmd;  // DEPMD: medium-deep water (depth areas 20-50 m)
    Rgba depms;  // DEPMS: medium-shallow water (5-20 m)
    Rgba depvs;  // DEPVS: very shallow water (under 5 m)
    Rgba depit;  // DEPIT: intertidal, drying
    Rgba landa;  // LANDA: land area
    Rgba cstln;  // CSTLN: coastline
    Rgba chgrd;  // CHGRD: dark grey linework (land borders)
    Rgba chgrf;  // CHGRF: faint grey linework (graticule)
    Rgba chblk;  // CHBLK: chart "black": graticule labels, scale bar ink
    Rgba uibck;  // UIBCK: behind text and furniture (label halos, scale bar box)
    // Brightness factor for every colour the table does not name (overlays, raster charts,
    // other chart classes): 1 by day, less at dusk and night so nothing glares.
    float level = 1.0f;
};

// The table for each kind; the references stay valid for the program's life.
const Palette& palette(PaletteKind kind);
// "day", "dusk" or "night" (any case); nullopt otherwise.
std::optional<PaletteKind> parsePaletteKind(std::string_view text);
const char* paletteKindName(PaletteKind kind);

// A colour not in the table, brought to the palette's light level (alpha kept).
Rgba adaptColour(Rgba dayColour, const Palette& palette);
// The colour a chart feature of class `c` takes in `palette`, given its day colour: table
// tokens for land, coastline, borders and depth areas (by their shallow depth), otherwise
// the day colour at the palette's light level. Alpha comes from the day colour.
Rgba classColour(FeatureClass c, Rgba dayColour, float depthAreaValue, const Palette& palette);
// Relative luminance (0-1, sRGB weights on the 8-bit values) for tests and legibility checks.
double luminance(Rgba c);

}  // namespace seawatch::charts
