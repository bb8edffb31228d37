#include "seawatch/zones/corridor.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace seawatch::zones {

Centreline::Centreline(std::vector<geo::LonLat> vertices) : vertices_(std::move(vertices)) {
    cumulativeNm_.reserve(vertices_.size());
    double total = 0.0;
    for (std::size_t i = 0; i < vertices_.size(); ++i) {
        if (i > 0) total += geo::distanceNm(vertices_[i - 1], vertices_[i]);
        cumulativeNm_.push_back(total);
    }
}

Centreline::Projection Centreline::project(geo::LonLat p) const {
    Projection best;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (std::size_t i = 1; i < vertices_.size(); ++i) {
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
        const bool extend =
            (i == 1 && along < 0.0) || (i + 1 == vertices_.size() && along > segment);
        if (distance < bestDistance) {
            bestDistance = distance;
            best.alongNm = cumulativeNm_[i - 1] + (extend ? along : clamped);
            best.crossNm = cross;
        }
    }
    return best;
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
