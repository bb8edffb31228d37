#pragma once
// Zones: corridor lanes, dated risk areas, reporting areas, patrol sectors, exclusions and
// anchorages, as analysts edit them in QGIS. Geometry is WGS84 lon/lat degrees.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/geo/geo.hpp"
#include "seawatch/time/utc.hpp"

namespace seawatch::zones {

enum class ZoneKind : std::uint8_t {
    CorridorLane,
    RiskArea,
    ReportingArea,
    PatrolSector,
    Exclusion,
    Anchorage,
    Custom,
};

// "corridor_lane", "risk_area", ... as written in the `kind` property.
const char* zoneKindName(ZoneKind kind);
std::optional<ZoneKind> parseZoneKind(std::string_view text);

enum class GeometryType : std::uint8_t { Polygon, Line, Point };

// Travel direction of a corridor lane; None for everything else.
enum class LaneDirection : std::uint8_t { None, Eastbound, Westbound };
const char* laneDirectionName(LaneDirection d);
std::optional<LaneDirection> parseLaneDirection(std::string_view text);

using Ring = std::vector<geo::LonLat>;  // closed implicitly: last vertex joins the first
struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};

// Optional drawing style; empty strings mean "console default for this kind and owner".
struct ZoneStyle {
    std::string fill;          // "#RRGGBB" or "#RRGGBBAA"
    std::string stroke;        // same
    double strokeWidth = 0.0;  // pixels, 0 = default
};

struct Zone {
    std::string name;
    ZoneKind kind = ZoneKind::Custom;
    std::string owner;                          // nation or task force, may be empty
    std::optional<time::UnixMillis> validFrom;  // inclusive; absent = open-ended
    std::optional<time::UnixMillis> validTo;    // exclusive; absent = open-ended
    ZoneStyle style;
    LaneDirection direction = LaneDirection::None;
    double laneCourseDeg = 0.0;  // nominal course for corridor lanes (072 / 252)
    GeometryType geometry = GeometryType::Polygon;
    std::vector<Polygon> polygons;  // GeometryType::Polygon (a multipolygon)
    std::vector<geo::LonLat> line;  // GeometryType::Line, or the single Point
    std::string sourceFile;
    int featureIndex = -1;  // index of the feature in its layer, for messages

    bool activeAt(time::UnixMillis t) const {
        return (!validFrom || t >= *validFrom) && (!validTo || t < *validTo);
    }
    bool isArea() const { return geometry == GeometryType::Polygon; }
    geo::GeoBox bounds() const;
};

// Even-odd point-in-polygon honouring holes; the reference the fast index is tested against.
bool containsPoint(const Polygon& polygon, geo::LonLat p);
bool containsPoint(const Zone& zone, geo::LonLat p);

}  // namespace seawatch::zones
