#include "seawatch/zones/zone_style.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace seawatch::zones {

namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string lowerCase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

Colour withAlpha(Colour c, std::uint8_t a) {
    c.a = a;
    return c;
}

// Colours for owners outside the palette: blues, teals, greens and greys only, so an
// unknown navy is never mistaken for a risk area or a coverage gap.
constexpr std::array<Colour, 6> kFallbackOwnerColours{{
    {52, 101, 164, 255},
    {17, 120, 100, 255},
    {90, 110, 40, 255},
    {100, 80, 140, 255},
    {70, 90, 110, 255},
    {30, 130, 160, 255},
}};

}  // namespace

Result<Colour> parseHexColour(std::string_view text) {
    const bool shapeOk = (text.size() == 7 || text.size() == 9) && text.front() == '#';
    if (!shapeOk) {
        return makeError(fmt::format("colour '{}' is not #RRGGBB or #RRGGBBAA", text));
    }
    std::array<std::uint8_t, 4> channels{0, 0, 0, 255};
    for (std::size_t i = 0; i * 2 + 1 < text.size(); ++i) {
        const int hi = hexDigit(text[1 + i * 2]);
        const int lo = hexDigit(text[2 + i * 2]);
        if (hi < 0 || lo < 0) {
            return makeError(fmt::format("colour '{}' has a non-hexadecimal digit", text));
        }
        channels[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return Colour{channels[0], channels[1], channels[2], channels[3]};
}

std::string formatHexColour(Colour c) {
    return fmt::format("#{:02X}{:02X}{:02X}{:02X}", c.r, c.g, c.b, c.a);
}

std::span<const OwnerEntry> ownerPalette() {
    // Order matters: the first entry whose word appears in the owner wins ("NATO" before
    // generic words). Colours are distinct in hue and readable as translucent fills.
    static const std::vector<OwnerEntry> palette{
        {"EU NAVFOR", {"eu navfor", "atalanta", "eunavfor"}, {31, 78, 154, 255}},
        {"CTF-151", {"ctf-151", "ctf 151", "ctf151", "cmf"}, {122, 62, 157, 255}},
        {"NATO", {"nato", "ocean shield", "allied protector"}, {47, 143, 143, 255}},
        {"PLA Navy", {"pla navy", "plan ", "china", "chinese"}, {176, 58, 46, 255}},
        {"Indian Navy", {"indian navy", "india", "ins "}, {214, 137, 16, 255}},
        {"JMSDF", {"jmsdf", "japan"}, {93, 109, 126, 255}},
        {"Russian Navy", {"russia"}, {120, 90, 60, 255}},
        {"UKMTO", {"ukmto"}, {224, 160, 16, 255}},
    };
    return palette;
}

const OwnerEntry* findOwner(std::string_view owner) {
    if (owner.empty()) return nullptr;
    const std::string lower = lowerCase(owner) + " ";
    for (const OwnerEntry& entry : ownerPalette()) {
        for (const char* word : entry.matchWords) {
            if (lower.find(word) != std::string::npos) return &entry;
        }
    }
    return nullptr;
}

Colour ownerColour(std::string_view owner) {
    if (const OwnerEntry* entry = findOwner(owner)) return entry->colour;
    // FNV-1a: stable across runs and platforms, unlike std::hash.
    std::uint32_t hash = 2166136261u;
    for (char c : owner) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    return kFallbackOwnerColours[hash % kFallbackOwnerColours.size()];
}

std::string ownerShortName(std::string_view owner) {
    if (const OwnerEntry* entry = findOwner(owner)) return entry->shortName;
    return std::string(owner);
}

ZoneDrawStyle defaultZoneStyle(ZoneKind kind, std::string_view owner) {
    switch (kind) {
        case ZoneKind::CorridorLane:
            return {{150, 215, 150, 90}, {20, 110, 40, 255}, 1.5f, 0.0f};
        case ZoneKind::RiskArea:
            return {{213, 48, 48, 36}, {200, 30, 30, 255}, 2.0f, 10.0f};
        case ZoneKind::ReportingArea:
            return {{224, 160, 16, 16}, {214, 150, 10, 255}, 1.5f, 0.0f};
        case ZoneKind::PatrolSector: {
            const Colour c = ownerColour(owner);
            return {withAlpha(c, 48), c, 1.5f, 0.0f};
        }
        case ZoneKind::Exclusion:
            return {{190, 40, 160, 40}, {170, 30, 140, 255}, 2.0f, 6.0f};
        case ZoneKind::Anchorage:
            return {{120, 110, 160, 40}, {90, 80, 130, 255}, 1.2f, 0.0f};
        case ZoneKind::Custom:
            break;
    }
    return {{120, 120, 120, 32}, {70, 70, 70, 255}, 1.2f, 0.0f};
}

ZoneDrawStyle resolveZoneStyle(const Zone& zone, std::vector<std::string>* errors) {
    ZoneDrawStyle style = defaultZoneStyle(zone.kind, zone.owner);
    auto apply = [&](const std::string& text, const char* property, Colour& target) {
        if (text.empty()) return;
        auto parsed = parseHexColour(text);
        if (parsed) {
            target = *parsed;
        } else if (errors) {
            errors->push_back(fmt::format("{}: feature {} ('{}'): {}: {}; using the default",
                                          zone.sourceFile, zone.featureIndex, zone.name, property,
                                          parsed.error()));
        }
    };
    apply(zone.style.fill, "fill", style.fill);
    apply(zone.style.stroke, "stroke", style.stroke);
    if (zone.style.strokeWidth > 0.0)
        style.strokeWidthPx = static_cast<float>(zone.style.strokeWidth);
    return style;
}

std::string zoneLabel(const Zone& zone) {
    if (zone.kind == ZoneKind::PatrolSector && !zone.owner.empty()) {
        return fmt::format("{} \xC2\xB7 {}", zone.name, ownerShortName(zone.owner));
    }
    return zone.name;
}

}  // namespace seawatch::zones
