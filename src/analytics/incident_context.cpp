#include "seawatch/analytics/incident_context.hpp"

#include <algorithm>
#include <cmath>

namespace seawatch::analytics {
namespace {

constexpr double kNmPerDegreeLat = 60.0;

// Longitude difference folded into [-180, 180), so tracks across the antimeridian measure
// the short way round.
double lonDelta(double lon, double origin) {
    double d = std::fmod(lon - origin + 540.0, 360.0) - 180.0;
    if (d < -180.0) d += 360.0;
    return d;
}

struct Closest {
    double nm = 0.0;
    time::UnixMillis time = 0;
    geo::LonLat position;
};

// The point of segment a-b nearest to `where`, found on a plane tangent at `where` (east and
// north in nautical miles); fine at the scale of a search radius. The distance reported is
// the great circle to that point.
Closest closestOnSegment(const ais::ArchivedFix& a, const ais::ArchivedFix& b, geo::LonLat where) {
    const double cosLat = std::cos(where.lat * geo::kDegToRad);
    const double ax = lonDelta(a.lon, where.lon) * cosLat * kNmPerDegreeLat;
    const double ay = (a.lat - where.lat) * kNmPerDegreeLat;
    const double bx = lonDelta(b.lon, where.lon) * cosLat * kNmPerDegreeLat;
    const double by = (b.lat - where.lat) * kNmPerDegreeLat;
    const double dx = bx - ax, dy = by - ay;
    const double lengthSq = dx * dx + dy * dy;
    const double t = lengthSq > 0.0 ? std::clamp(-(ax * dx + ay * dy) / lengthSq, 0.0, 1.0) : 0.0;
    Closest c;
    c.position.lat = a.lat + t * (b.lat - a.lat);
    c.position.lon = a.lon + t * lonDelta(b.lon, a.lon);
    if (c.position.lon > 180.0) c.position.lon -= 360.0;
    if (c.position.lon < -180.0) c.position.lon += 360.0;
    c.time = a.time +
             static_cast<time::UnixMillis>(std::llround(t * static_cast<double>(b.time - a.time)));
    c.nm = geo::distanceNm(where, c.position);
    return c;
}

Closest closestAtFix(const ais::ArchivedFix& f, geo::LonLat where) {
    const geo::LonLat p{f.lon, f.lat};
    return {geo::distanceNm(where, p), f.time, p};
}

// The closest approach of one vessel's fixes [first, last), in time order.
Closest closestOfTrack(const std::vector<ais::ArchivedFix>& fixes, std::size_t first,
                       std::size_t last, geo::LonLat where) {
    Closest best = closestAtFix(fixes[first], where);
    for (std::size_t i = first + 1; i < last; ++i) {
        const ais::ArchivedFix& a = fixes[i - 1];
        const ais::ArchivedFix& b = fixes[i];
        const Closest c = b.time - a.time <= kMaxInterpolationGapMs ? closestOnSegment(a, b, where)
                                                                    : closestAtFix(b, where);
        if (c.nm < best.nm) best = c;
    }
    return best;
}

}  // namespace

ais::ArchiveQuery contextArchiveQuery(const ContextQuery& q) {
    ais::ArchiveQuery out;
    out.from = q.from - q.halfWindowMs;
    out.to = q.to + q.halfWindowMs;
    const double dLat = q.radiusNm / kNmPerDegreeLat;
    const double south = std::max(-90.0, q.where.lat - dLat);
    const double north = std::min(90.0, q.where.lat + dLat);
    // The widest the circle gets is at its edge nearest the pole.
    const double widestLat = std::max(std::abs(south), std::abs(north));
    const double cosWidest = std::cos(widestLat * geo::kDegToRad);
    const double dLon = cosWidest > 1e-6 ? q.radiusNm / (kNmPerDegreeLat * cosWidest) : 360.0;
    if (dLon >= 180.0) {
        out.box = geo::GeoBox{-180.0, south, 180.0, north};
        return out;
    }
    double west = q.where.lon - dLon;
    double east = q.where.lon + dLon;
    // Past the antimeridian the box wraps: west > east (archive_query.hpp).
    if (west < -180.0) west += 360.0;
    if (east > 180.0) east -= 360.0;
    out.box = geo::GeoBox{west, south, east, north};
    return out;
}

std::vector<NearbyVessel> vesselsNear(const ais::ArchiveQueryResult& result,
                                      const ContextQuery& q) {
    std::vector<NearbyVessel> out;
    const auto& fixes = result.fixes;
    for (std::size_t first = 0; first < fixes.size();) {
        std::size_t last = first;
        while (last < fixes.size() && fixes[last].mmsi == fixes[first].mmsi) ++last;
        const Closest c = closestOfTrack(fixes, first, last, q.where);
        if (c.nm <= q.radiusNm) {
            NearbyVessel v;
            v.mmsi = fixes[first].mmsi;
            if (const std::string* name = result.nameOf(v.mmsi)) v.name = *name;
            v.closestNm = c.nm;
            v.time = c.time;
            v.position = c.position;
            out.push_back(std::move(v));
        }
        first = last;
    }
    std::sort(out.begin(), out.end(), [](const NearbyVessel& a, const NearbyVessel& b) {
        return a.closestNm != b.closestNm ? a.closestNm < b.closestNm : a.mmsi < b.mmsi;
    });
    return out;
}

IncidentContext incidentContext(const ais::ArchiveQueryResult& fixes, const ContextQuery& q) {
    IncidentContext out;
    out.archivePresent = fixes.archivePresent;
    out.vessels = vesselsNear(fixes, q);
    return out;
}

Result<IncidentContext> incidentContext(workspace::Workspace& ws, const ContextQuery& q) {
    auto fixes = ais::queryArchive(ws, contextArchiveQuery(q));
    if (!fixes) return makeError(fixes.error());
    return incidentContext(*fixes, q);
}

}  // namespace seawatch::analytics
