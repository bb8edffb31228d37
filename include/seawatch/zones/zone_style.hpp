#pragma once
// How zones look on the chart: a documented palette by kind and, for patrol sectors, by
// owner (navy or task force), plus the "#RRGGBB[AA]" colours analysts write into the
// zone files' `fill` / `stroke` properties. No GL here: the overlay, the legend panel and
// the coverage strip all take their colours from this one place.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/zones/zone.hpp"

namespace seawatch::zones {

struct Colour {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    bool operator==(const Colour&) const = default;
};

// "#RRGGBB" (opaque) or "#RRGGBBAA", case-insensitive; anything else is an error that
// quotes the text.
Result<Colour> parseHexColour(std::string_view text);
std::string formatHexColour(Colour c);  // "#RRGGBBAA"

// The nations and task forces of the Gulf of Aden operations, each with a colour of its
// own and the short name used in labels ("Sector 4 · CTF-151").
struct OwnerEntry {
    const char* shortName;                // "EU NAVFOR"
    std::vector<const char*> matchWords;  // lower-case substrings that identify it
    Colour colour;
};
std::span<const OwnerEntry> ownerPalette();
// The palette entry for an owner or nation string ("EU NAVFOR Atalanta", "China"), or
// nothing for an owner outside the palette.
const OwnerEntry* findOwner(std::string_view owner);
// The owner's palette colour; an unknown owner gets a stable colour derived from its name
// (never red or amber, which mean risk and gaps).
Colour ownerColour(std::string_view owner);
// Palette short name, or the owner text itself when unknown.
std::string ownerShortName(std::string_view owner);

struct ZoneDrawStyle {
    Colour fill;  // a == 0: no fill
    Colour stroke;
    float strokeWidthPx = 1.5f;
    float dashLengthPx = 0.0f;  // 0: solid outline
};

// The console default for a kind (and owner, for patrol sectors):
//   corridor_lane   pale green fill, dark green outline (+ chevrons along the centreline)
//   risk_area       translucent red, red dashed outline
//   reporting_area  faint amber, amber outline
//   patrol_sector   owner colour, translucent, outline in the owner colour
//   exclusion       translucent magenta, magenta dashed outline
//   anchorage       translucent violet-grey, grey outline
//   custom          translucent grey, dark grey outline
ZoneDrawStyle defaultZoneStyle(ZoneKind kind, std::string_view owner = {});

// The zone's own `fill` / `stroke` / `stroke_width` over the default. A malformed colour
// falls back to the default and is reported in `errors`, naming the file and feature.
ZoneDrawStyle resolveZoneStyle(const Zone& zone, std::vector<std::string>* errors = nullptr);

// Map label: "IRTC Sector 4 · PLA Navy" for a patrol sector, the zone name otherwise.
std::string zoneLabel(const Zone& zone);

}  // namespace seawatch::zones
