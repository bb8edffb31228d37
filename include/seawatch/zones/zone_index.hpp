#pragma once
// Fast point-in-zone queries. Each polygon part is cut into horizontal bands of latitude;
// a band keeps copies of just the edges that cross it, so a query tests a bounding box and
// then a handful of edges instead of every vertex (100 polygons x 1k vertices stay cheap).
#include <cstdint>
#include <span>
#include <vector>

#include "seawatch/zones/zone.hpp"

namespace seawatch::zones {

class ZoneIndex {
  public:
    ZoneIndex() = default;
    // Indexes the area zones of `zones`; results are indices into that same vector.
    explicit ZoneIndex(std::span<const Zone> zones);

    // Indices (ascending) of the area zones containing p, ignoring validity dates.
    void containing(geo::LonLat p, std::vector<std::uint32_t>& out) const;
    // Same, keeping only zones valid at time t.
    void containingAt(geo::LonLat p, time::UnixMillis t, std::vector<std::uint32_t>& out) const;
    bool contains(std::uint32_t zoneIndex, geo::LonLat p) const;

    std::size_t zoneCount() const { return zoneParts_.size(); }

  private:
    struct Edge {
        double x0, y0, x1, y1;
    };
    struct Part {
        geo::GeoBox box;
        double bandHeight = 1.0;
        std::uint32_t firstBand = 0;  // into bandStart_
        std::uint32_t bandCount = 0;
    };
    bool partContains(const Part& part, geo::LonLat p) const;

    std::vector<Part> parts_;
    std::vector<std::uint32_t> bandStart_;  // edges of band b: edges_[bandStart_[b] .. [b+1])
    std::vector<Edge> edges_;
    // Zone i owns parts_[zoneParts_[i].first .. second); a zone with no area has none.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> zoneParts_;
    std::vector<geo::GeoBox> zoneBoxes_;
    std::vector<std::optional<time::UnixMillis>> validFrom_, validTo_;
};

}  // namespace seawatch::zones
