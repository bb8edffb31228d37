#include "seawatch/zones/zone.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

namespace seawatch::zones {
namespace {

constexpr std::array<std::pair<ZoneKind, const char*>, 7> kKindNames{{
    {ZoneKind::CorridorLane, "corridor_lane"},
    {ZoneKind::RiskArea, "risk_area"},
    {ZoneKind::ReportingArea, "reporting_area"},
    {ZoneKind::PatrolSector, "patrol_sector"},
    {ZoneKind::Exclusion, "exclusion"},
    {ZoneKind::Anchorage, "anchorage"},
    {ZoneKind::Custom, "custom"},
}};

bool ringContains(const Ring& ring, geo::LonLat p) {
    bool inside = false;
    const std::size_t n = ring.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const geo::LonLat& a = ring[i];
        const geo::LonLat& b = ring[j];
        if ((a.lat > p.lat) != (b.lat > p.lat)) {
            const double x = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
            if (p.lon < x) inside = !inside;
        }
    }
    return inside;
}

}  // namespace

const char* zoneKindName(ZoneKind kind) {
    for (const auto& [k, name] : kKindNames)
        if (k == kind) return name;
    return "custom";
}

std::optional<ZoneKind> parseZoneKind(std::string_view text) {
    for (const auto& [k, name] : kKindNames)
        if (text == name) return k;
    return std::nullopt;
}

const char* laneDirectionName(LaneDirection d) {
    switch (d) {
        case LaneDirection::Eastbound:
            return "eastbound";
        case LaneDirection::Westbound:
            return "westbound";
        case LaneDirection::None:
            break;
    }
    return "";
}

std::optional<LaneDirection> parseLaneDirection(std::string_view text) {
    if (text == "eastbound") return LaneDirection::Eastbound;
    if (text == "westbound") return LaneDirection::Westbound;
    if (text.empty()) return LaneDirection::None;
    return std::nullopt;
}

geo::GeoBox Zone::bounds() const {
    constexpr double inf = std::numeric_limits<double>::infinity();
    geo::GeoBox box{inf, inf, -inf, -inf};
    auto grow = [&box](const geo::LonLat& p) {
        box.west = std::min(box.west, p.lon);
        box.east = std::max(box.east, p.lon);
        box.south = std::min(box.south, p.lat);
        box.north = std::max(box.north, p.lat);
    };
    for (const Polygon& poly : polygons)
        for (const geo::LonLat& p : poly.outer) grow(p);
    for (const geo::LonLat& p : line) grow(p);
    return box;
}

bool containsPoint(const Polygon& polygon, geo::LonLat p) {
    if (!ringContains(polygon.outer, p)) return false;
    for (const Ring& hole : polygon.holes)
        if (ringContains(hole, p)) return false;
    return true;
}

bool containsPoint(const Zone& zone, geo::LonLat p) {
    if (!zone.isArea()) return false;
    return std::any_of(zone.polygons.begin(), zone.polygons.end(),
                       [p](const Polygon& poly) { return containsPoint(poly, p); });
}

}  // namespace seawatch::zones
