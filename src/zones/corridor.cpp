#include "seawatch/zones/corridor.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace seawatch::zones {

namespace {

std::array<double, 3> unitVector(geo::LonLat p) {
    const double lat = p.lat * geo::kDegToRad, lon = p.lon * geo::kDegToRad;
    return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

// Slack for the rounding in segmentDistance: acos near 1 (the along-track distance of a
// point near a segment's end) is good to about 1e-4 nm only.
constexpr double kBoundSlackNm = 1e-2;

}  // namespace

Centreline::Centreline(std::vector<geo::LonLat> vertices) : vertices_(std::move(vertices)) {
    cumulativeNm_.reserve(vertices_.size());
    midpoints_.reserve(vertices_.size());
    double total = 0.0;
    for (std::size_t i = 0; i < vertices_.size(); ++i) {
        std::array<double, 3> mid{0.0, 0.0, 0.0};
        if (i > 0) {
            total += geo::distanceNm(vertices_[i - 1], vertices_[i]);
            const auto a = unitVector(vertices_[i - 1]), b = unitVector(vertices_[i]);
            const double x = a[0] + b[0], y = a[1] + b[1], z = a[2] + b[2];
            const double norm = std::sqrt(x * x + y * y + z * z);
            if (norm > 0.0) mid = {x / norm, y / norm, z / norm};
        }
        cumulativeNm_.push_back(total);
        midpoints_.push_back(mid);
    }
}

double Centreline::segmentDistance(geo::LonLat p, std::size_t i, Projection& out) const {
    const geo::LonLat a = vertices_[i - 1];
    const geo::LonLat b = vertices_[i];
    const double segment = cumulativeNm_[i] - cumulativeNm_[i - 1];
    const double along = geo::alongTrackNm(p, a, b);
    const double cross = geo::crossTrackNm(p, a, b);
    // Beyond a segment's ends the distance is to the nearer end vertex.
    const double clamped = std::clamp(along, 0.0, segment);
    const double distance =
        (clamped == along) ? std::abs(cross) : geo::distanceNm(p, clamped <= 0.0 ? a : b);
    // The first and last segments extend past the line's ends, so points beyond
    // them still get a signed along distance.
    const bool extend = (i == 1 && along < 0.0) || (i + 1 == vertices_.size() && along > segment);
    out.alongNm = cumulativeNm_[i - 1] + (extend ? along : clamped);
    out.crossNm = cross;
    return distance;
}

double Centreline::segmentLowerBound(const std::array<double, 3>& p, std::size_t i) const {
    // Any point of the segment is within half its length of its midpoint, and an arc is
    // never shorter than its chord: distance >= R * chord(p, mid) - length / 2.
    const std::array<double, 3>& m = midpoints_[i];
    const double dx = p[0] - m[0], dy = p[1] - m[1], dz = p[2] - m[2];
    const double chordNm = std::sqrt(dx * dx + dy * dy + dz * dz) * geo::kEarthRadiusNm;
    return chordNm - (cumulativeNm_[i] - cumulativeNm_[i - 1]) / 2.0 - kBoundSlackNm;
}

Centreline::Projection Centreline::project(geo::LonLat p) const {
    Projection best;
    if (vertices_.size() < 2) return best;
    // The nearest segment is the first with the smallest distance. Its distance is at most
    // that of the segment with the smallest lower bound, so a segment whose lower bound is
    // above that cannot be it and is not measured: a few segments of hundreds are.
    const std::array<double, 3> u = unitVector(p);
    std::size_t guess = 1;
    double guessBound = std::numeric_limits<double>::infinity();
    for (std::size_t i = 1; i < vertices_.size(); ++i) {
        const double bound = segmentLowerBound(u, i);
        if (bound < guessBound) {
            guessBound = bound;
            guess = i;
        }
    }
    Projection candidate;
    const double threshold = segmentDistance(p, guess, candidate);
    double bestDistance = std::numeric_limits<double>::infinity();
    for (std::size_t i = 1; i < vertices_.size(); ++i) {
        // NaN distances never win below, and a NaN bound is not skipped: same answer.
        if (segmentLowerBound(u, i) > threshold) continue;
        const double distance = segmentDistance(p, i, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best;
}

std::array<double, 3> Centreline::unitVectorOf(geo::LonLat p) {
    return unitVector(p);
}

double Centreline::lowerBoundToPointAt(const std::array<double, 3>& p, double alongNm) const {
    if (vertices_.size() < 2) return 0.0;
    // pointAt's segment: the point lies on it, so segmentLowerBound holds for it too.
    const auto it = std::lower_bound(cumulativeNm_.begin() + 1, cumulativeNm_.end(), alongNm);
    const std::size_t i = (alongNm <= 0.0) ? 1
                          : (it == cumulativeNm_.end())
                              ? vertices_.size() - 1
                              : static_cast<std::size_t>(it - cumulativeNm_.begin());
    return segmentLowerBound(p, i);
}

geo::LonLat Centreline::pointAt(double alongNm) const {
    if (vertices_.empty()) return {};
    if (alongNm <= 0.0 || vertices_.size() == 1) return vertices_.front();
    // Centrelines are densified to a few hundred vertices and the engine asks for a
    // position for every merchant fix in the corridor: search, don't walk.
    const auto it = std::lower_bound(cumulativeNm_.begin() + 1, cumulativeNm_.end(), alongNm);
    if (it == cumulativeNm_.end()) return vertices_.back();
    const auto i = static_cast<std::size_t>(it - cumulativeNm_.begin());
    const geo::LonLat a = vertices_[i - 1];
    return geo::destination(a, geo::initialBearingDeg(a, vertices_[i]),
                            alongNm - cumulativeNm_[i - 1]);
}

geo::LonLat Corridor::axisPoint(double alongNm) const {
    const double fraction = lengthNm() > 0.0 ? alongNm / lengthNm() : 0.0;
    const geo::LonLat e = eastbound.centreline.pointAt(alongNm);
    const geo::LonLat w =
        westbound.centreline.pointAt((1.0 - fraction) * westbound.centreline.lengthNm());
    return {(e.lon + w.lon) / 2.0, (e.lat + w.lat) / 2.0};
}

namespace {
// Zone edges are straight in lon/lat, as QGIS draws them, whereas a great circle between
// the same ends bows poleward by a mile or more over 8° of longitude. Short steps make
// the centreline follow the lane polygons, so cross-track offsets measure from the middle.
std::vector<geo::LonLat> densify(const std::vector<geo::LonLat>& line) {
    constexpr double kStepDeg = 0.05;
    std::vector<geo::LonLat> out;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const geo::LonLat a = line[i];
        const geo::LonLat b = line[i + 1];
        const double span = std::max(std::abs(b.lon - a.lon), std::abs(b.lat - a.lat));
        const int steps = std::max(1, static_cast<int>(std::ceil(span / kStepDeg)));
        for (int k = 0; k < steps; ++k) {
            const double f = static_cast<double>(k) / steps;
            out.push_back({a.lon + f * (b.lon - a.lon), a.lat + f * (b.lat - a.lat)});
        }
    }
    if (!line.empty()) out.push_back(line.back());
    return out;
}
}  // namespace

Result<Corridor> findCorridor(std::span<const Zone> zones) {
    Corridor corridor;
    bool lanes[2] = {false, false};
    bool lines[2] = {false, false};
    bool points[2] = {false, false};
    for (std::uint32_t i = 0; i < zones.size(); ++i) {
        const Zone& z = zones[i];
        if (z.geometry == GeometryType::Point && (z.name == "Point A" || z.name == "Point B")) {
            const bool isA = z.name == "Point A";
            (isA ? corridor.pointA : corridor.pointB) = z.line.front();
            points[isA ? 0 : 1] = true;
            continue;
        }
        if (z.kind != ZoneKind::CorridorLane || z.direction == LaneDirection::None) continue;
        const int slot = z.direction == LaneDirection::Eastbound ? 0 : 1;
        Lane& lane = slot == 0 ? corridor.eastbound : corridor.westbound;
        lane.direction = z.direction;
        if (z.geometry == GeometryType::Polygon) {
            lane.zoneIndex = i;
            lane.name = z.name;
            lane.courseDeg = z.laneCourseDeg;
            lanes[slot] = true;
        } else if (z.geometry == GeometryType::Line) {
            lane.centreline = Centreline(densify(z.line));
            lines[slot] = true;
        }
    }
    if (!lanes[0] || !lanes[1])
        return makeError("corridor needs an eastbound and a westbound corridor_lane polygon");
    if (!lines[0] || !lines[1])
        return makeError("corridor needs an eastbound and a westbound corridor_lane centreline");
    if (!points[0] || !points[1])
        return makeError("corridor needs points named Point A and Point B");
    return corridor;
}

}  // namespace seawatch::zones
