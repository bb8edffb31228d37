#pragma once
// Fast point-in-zone queries. Each polygon part is cut into horizontal bands of latitude;
// a band keeps copies of just the edges that cross it, so a query tests a bounding box and
// then a handful of edges instead of every vertex (100 polygons x 1k vertices stay cheap).
// Optionally (ZoneLookup::CellGrid) a grid over all the zones says, per cell, which zones
// hold the whole cell and which have an edge in it: containing() then tests edges only for
// the zones whose boundary crosses the point's cell, and skips every other zone.
//
// Threading: const after construction; queries from several threads are safe.
#include <cstdint>
#include <span>
#include <vector>

#include "seawatch/zones/zone.hpp"

namespace seawatch::zones {

// PerZone: containing() tests every zone's box, then its edges (nothing more to build).
// CellGrid: a grid of about 64k cells is classified once (a few ms for a few dozen zones;
// not for a world basemap of thousands of polygons), for callers that query every fix.
// Both give the same answers, point for point.
enum class ZoneLookup : std::uint8_t { PerZone, CellGrid };

class ZoneIndex {
  public:
    ZoneIndex() = default;
    // Indexes the area zones of `zones`; results are indices into that same vector.
    explicit ZoneIndex(std::span<const Zone> zones, ZoneLookup lookup = ZoneLookup::PerZone);

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
    void buildCellGrid(std::span<const Zone> zones);
    // The grid entries of p's cell, or an empty span when p is in no zone's box.
    std::span<const std::uint32_t> cellEntries(geo::LonLat p) const;

    std::vector<Part> parts_;
    std::vector<std::uint32_t> bandStart_;  // edges of band b: edges_[bandStart_[b] .. [b+1])
    std::vector<Edge> edges_;
    // Zone i owns parts_[zoneParts_[i].first .. second); a zone with no area has none.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> zoneParts_;
    std::vector<geo::GeoBox> zoneBoxes_;
    std::vector<std::optional<time::UnixMillis>> validFrom_, validTo_;

    // The cell grid (empty for ZoneLookup::PerZone). Cell (col, row) covers
    // [west + col * cellWidth, +cellWidth] x [south + row * cellHeight, +cellHeight]; its
    // entries are (zone << 1 | 1) when an edge of the zone passes within kGridSlack of the
    // cell (test the point) and (zone << 1) when the zone holds all of the cell, ascending.
    // Cells with the same entries share one list.
    geo::GeoBox gridBox_{};
    double cellWidth_ = 1.0, cellHeight_ = 1.0;
    std::uint32_t gridCols_ = 0, gridRows_ = 0;
    std::vector<std::uint16_t> cellList_;   // per cell: its list (2 bytes: cache lines)
    std::vector<std::uint32_t> listStart_;  // entries of list l: [listStart_[l], [l + 1])
    std::vector<std::uint32_t> gridEntries_;
};

}  // namespace seawatch::zones
