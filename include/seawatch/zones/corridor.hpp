#pragma once
// The transit corridor (IRTC): two one-way lanes, each with a centreline drawn in the
// direction of travel, and the group departure points A (west end) and B (east end).
#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/zones/zone.hpp"

namespace seawatch::zones {

// A polyline measured in nautical miles from its first vertex.
class Centreline {
  public:
    Centreline() = default;
    explicit Centreline(std::vector<geo::LonLat> vertices);
    double lengthNm() const { return cumulativeNm_.empty() ? 0.0 : cumulativeNm_.back(); }
    // Foot point of p on the nearest segment: distance from the start and signed offset
    // (positive = right of the direction of travel).
    struct Projection {
        double alongNm = 0.0;
        double crossNm = 0.0;
    };
    Projection project(geo::LonLat p) const;
    geo::LonLat pointAt(double alongNm) const;  // clamped to the line's ends
    // A lower bound on the distance in nm from `p` (unitVectorOf) to pointAt(alongNm), with
    // no trigonometry: to screen many points along the line against one position.
    double lowerBoundToPointAt(const std::array<double, 3>& p, double alongNm) const;
    static std::array<double, 3> unitVectorOf(geo::LonLat p);
    const std::vector<geo::LonLat>& vertices() const { return vertices_; }

  private:
    // The projection's candidate for segment i (vertices i-1, i): its distance from p and
    // the projection onto it.
    double segmentDistance(geo::LonLat p, std::size_t i, Projection& out) const;
    // A lower bound on segmentDistance(p, i), from the straight-line (chord) distance to the
    // segment's midpoint: a few multiplications, where segmentDistance is a dozen trig calls.
    double segmentLowerBound(const std::array<double, 3>& p, std::size_t i) const;

    std::vector<geo::LonLat> vertices_;
    std::vector<double> cumulativeNm_;
    std::vector<std::array<double, 3>> midpoints_;  // unit vectors; [i] for segment i
};

struct Lane {
    LaneDirection direction = LaneDirection::None;
    std::uint32_t zoneIndex = 0;  // the lane polygon, into the zone vector it came from
    std::string name;
    double courseDeg = 0.0;
    Centreline centreline;
};

struct Corridor {
    Lane eastbound;
    Lane westbound;
    geo::LonLat pointA;  // eastbound groups depart here
    geo::LonLat pointB;  // westbound groups depart here

    const Lane& lane(LaneDirection d) const {
        return d == LaneDirection::Westbound ? westbound : eastbound;
    }
    double lengthNm() const { return eastbound.centreline.lengthNm(); }
    // A point on the corridor axis (halfway between the lanes) `alongNm` from the A end.
    geo::LonLat axisPoint(double alongNm) const;
};

// Finds the two lanes (corridor_lane polygons with a direction), their centrelines
// (corridor_lane lines) and the features named "Point A" and "Point B".
Result<Corridor> findCorridor(std::span<const Zone> zones);

}  // namespace seawatch::zones
