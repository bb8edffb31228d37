#include "seawatch/zones/zone_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace seawatch::zones {
namespace {
// About eight edges per band keeps the per-query edge count small without
// multiplying memory: an edge is copied into every band it spans.
constexpr std::size_t kEdgesPerBand = 8;
constexpr std::size_t kMaxBands = 1024;

// About 256 x 256 cells over the zones: a few ms to classify, and cells small enough that
// most fixes fall in cells no zone boundary crosses.
constexpr double kGridCells = 65536.0;
constexpr double kMaxGridSide = 4096.0;
// An edge this near a cell (degrees, about 1 cm) makes the cell a boundary cell. The
// rounding of the ray test and of the point-to-cell mapping is under 1e-12 degrees, so a
// cell that no edge comes this near has the same answer for every point that maps to it.
constexpr double kGridSlack = 1e-7;

std::uint32_t gridIndex(double v, double origin, double size, std::uint32_t count) {
    const double i = std::floor((v - origin) / size);
    if (!(i > 0.0)) return 0;
    return i >= count - 1 ? count - 1 : static_cast<std::uint32_t>(i);
}

bool finiteVertices(std::span<const Zone> zones) {
    auto finite = [](const Ring& ring) {
        return std::all_of(ring.begin(), ring.end(), [](geo::LonLat p) {
            return std::isfinite(p.lon) && std::isfinite(p.lat);
        });
    };
    for (const Zone& zone : zones) {
        if (!finite(zone.line)) return false;  // part of the zone's box
        for (const Polygon& poly : zone.polygons)
            if (!finite(poly.outer) || !std::all_of(poly.holes.begin(), poly.holes.end(), finite))
                return false;
    }
    return true;
}

// Calls mark(col, row) for every cell that the segment a-b passes within kGridSlack of
// (and possibly a few more: a boundary cell too many only costs an edge test).
template <typename Mark>
void rasterizeEdge(geo::LonLat a, geo::LonLat b, const geo::GeoBox& grid, double cellW,
                   double cellH, std::uint32_t cols, std::uint32_t rows, Mark&& mark) {
    const double lo = std::min(a.lat, b.lat) - kGridSlack;
    const double hi = std::max(a.lat, b.lat) + kGridSlack;
    const std::uint32_t r0 = gridIndex(lo, grid.south, cellH, rows);
    const std::uint32_t r1 = gridIndex(hi, grid.south, cellH, rows);
    const double dy = b.lat - a.lat;
    for (std::uint32_t r = r0; r <= r1; ++r) {
        // The part of the segment within this row (widened by the slack), as an x range.
        const double y0 = std::max(lo, grid.south + r * cellH - kGridSlack);
        const double y1 = std::min(hi, grid.south + (r + 1) * cellH + kGridSlack);
        double x0 = std::min(a.lon, b.lon), x1 = std::max(a.lon, b.lon);
        if (std::abs(dy) > kGridSlack) {
            const double t0 = std::clamp((y0 - a.lat) / dy, 0.0, 1.0);
            const double t1 = std::clamp((y1 - a.lat) / dy, 0.0, 1.0);
            const double xa = a.lon + t0 * (b.lon - a.lon), xb = a.lon + t1 * (b.lon - a.lon);
            x0 = std::min(xa, xb);
            x1 = std::max(xa, xb);
        }
        const std::uint32_t c0 = gridIndex(x0 - kGridSlack, grid.west, cellW, cols);
        const std::uint32_t c1 = gridIndex(x1 + kGridSlack, grid.west, cellW, cols);
        for (std::uint32_t c = c0; c <= c1; ++c) mark(c, r);
    }
}

}  // namespace

ZoneIndex::ZoneIndex(std::span<const Zone> zones, ZoneLookup lookup) {
    zoneParts_.reserve(zones.size());
    for (const Zone& zone : zones) {
        const auto first = static_cast<std::uint32_t>(parts_.size());
        zoneBoxes_.push_back(zone.bounds());
        validFrom_.push_back(zone.validFrom);
        validTo_.push_back(zone.validTo);
        if (zone.isArea()) {
            for (const Polygon& poly : zone.polygons) {
                if (poly.outer.size() < 3) continue;
                std::vector<Edge> partEdges;
                auto addRing = [&partEdges](const Ring& ring) {
                    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                        if (ring[i].lat == ring[j].lat) continue;  // never crossed by a ray
                        partEdges.push_back({ring[j].lon, ring[j].lat, ring[i].lon, ring[i].lat});
                    }
                };
                addRing(poly.outer);
                for (const Ring& hole : poly.holes)
                    if (hole.size() >= 3) addRing(hole);

                Part part;
                Zone single;
                single.polygons = {Polygon{poly.outer, {}}};
                part.box = single.bounds();
                const std::size_t bands =
                    std::clamp<std::size_t>(partEdges.size() / kEdgesPerBand, 1, kMaxBands);
                part.bandCount = static_cast<std::uint32_t>(bands);
                part.bandHeight =
                    std::max((part.box.north - part.box.south) / static_cast<double>(bands), 1e-12);
                part.firstBand = static_cast<std::uint32_t>(bandStart_.size());
                std::vector<std::vector<Edge>> perBand(bands);
                for (const Edge& e : partEdges) {
                    const double lo = std::min(e.y0, e.y1);
                    const double hi = std::max(e.y0, e.y1);
                    auto band = [&](double y) {
                        const auto b = static_cast<long>((y - part.box.south) / part.bandHeight);
                        return static_cast<std::size_t>(
                            std::clamp<long>(b, 0, static_cast<long>(bands) - 1));
                    };
                    for (std::size_t b = band(lo); b <= band(hi); ++b) perBand[b].push_back(e);
                }
                for (const auto& bandEdges : perBand) {
                    bandStart_.push_back(static_cast<std::uint32_t>(edges_.size()));
                    edges_.insert(edges_.end(), bandEdges.begin(), bandEdges.end());
                }
                parts_.push_back(part);
            }
        }
        zoneParts_.emplace_back(first, static_cast<std::uint32_t>(parts_.size()));
    }
    bandStart_.push_back(static_cast<std::uint32_t>(edges_.size()));
    if (lookup == ZoneLookup::CellGrid) buildCellGrid(zones);
}

void ZoneIndex::buildCellGrid(std::span<const Zone> zones) {
    // A vertex that is not a number has no place in a grid: every query tests every zone.
    if (!finiteVertices(zones)) return;
    constexpr double inf = std::numeric_limits<double>::infinity();
    geo::GeoBox box{inf, inf, -inf, -inf};
    for (std::uint32_t z = 0; z < zoneParts_.size(); ++z) {
        if (zoneParts_[z].first == zoneParts_[z].second) continue;  // no area: never holds
        box.west = std::min(box.west, zoneBoxes_[z].west);
        box.south = std::min(box.south, zoneBoxes_[z].south);
        box.east = std::max(box.east, zoneBoxes_[z].east);
        box.north = std::max(box.north, zoneBoxes_[z].north);
    }
    if (!(box.west <= box.east && box.south <= box.north)) return;  // no area zone
    const double width = std::max(box.east - box.west, 1e-6);
    const double height = std::max(box.north - box.south, 1e-6);
    const double side = std::sqrt(width * height / kGridCells);
    gridCols_ = static_cast<std::uint32_t>(std::clamp(std::ceil(width / side), 1.0, kMaxGridSide));
    gridRows_ = static_cast<std::uint32_t>(std::clamp(std::ceil(height / side), 1.0, kMaxGridSide));
    gridBox_ = box;
    cellWidth_ = width / gridCols_;
    cellHeight_ = height / gridRows_;

    // Zone by zone: mark the cells its edges pass, then walk each row of its box. Between
    // two boundary cells the zone holds all cells or none, so one point test per run.
    std::vector<std::vector<std::uint32_t>> perCell(std::size_t{gridCols_} * gridRows_);
    std::vector<std::uint8_t> boundary(perCell.size(), 0);
    std::vector<std::uint32_t> marked;
    for (std::uint32_t z = 0; z < zoneParts_.size(); ++z) {
        if (zoneParts_[z].first == zoneParts_[z].second) continue;
        auto mark = [&](std::uint32_t c, std::uint32_t r) {
            const std::size_t cell = std::size_t{r} * gridCols_ + c;
            if (!boundary[cell]) marked.push_back(static_cast<std::uint32_t>(cell));
            boundary[cell] = 1;
        };
        auto addRing = [&](const Ring& ring) {
            for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
                rasterizeEdge(ring[j], ring[i], gridBox_, cellWidth_, cellHeight_, gridCols_,
                              gridRows_, mark);
        };
        // The rings the index tests (horizontal edges too: they bound the zone all the same),
        // and the boxes it tests first: a hole drawn beyond its outer ring makes a box edge
        // an edge of the answer.
        auto addBox = [&](const geo::GeoBox& b) {
            addRing({{b.west, b.south}, {b.east, b.south}, {b.east, b.north}, {b.west, b.north}});
        };
        for (const Polygon& poly : zones[z].polygons) {
            if (poly.outer.size() < 3) continue;
            addRing(poly.outer);
            for (const Ring& hole : poly.holes)
                if (hole.size() >= 3) addRing(hole);
        }
        const geo::GeoBox& zb = zoneBoxes_[z];
        addBox(zb);
        for (std::uint32_t i = zoneParts_[z].first; i < zoneParts_[z].second; ++i)
            addBox(parts_[i].box);
        const std::uint32_t c0 = gridIndex(zb.west, gridBox_.west, cellWidth_, gridCols_);
        const std::uint32_t c1 = gridIndex(zb.east, gridBox_.west, cellWidth_, gridCols_);
        const std::uint32_t r0 = gridIndex(zb.south, gridBox_.south, cellHeight_, gridRows_);
        const std::uint32_t r1 = gridIndex(zb.north, gridBox_.south, cellHeight_, gridRows_);
        for (std::uint32_t r = r0; r <= r1; ++r) {
            bool runKnown = false, runInside = false;
            for (std::uint32_t c = c0; c <= c1; ++c) {
                const std::size_t cell = std::size_t{r} * gridCols_ + c;
                if (boundary[cell]) {
                    perCell[cell].push_back(z << 1 | 1U);
                    runKnown = false;
                    continue;
                }
                if (!runKnown) {
                    runInside = contains(z, {gridBox_.west + (c + 0.5) * cellWidth_,
                                             gridBox_.south + (r + 0.5) * cellHeight_});
                    runKnown = true;
                }
                if (runInside) perCell[cell].push_back(z << 1);
            }
        }
        for (std::uint32_t cell : marked) boundary[cell] = 0;
        marked.clear();
    }
    std::map<std::vector<std::uint32_t>, std::uint16_t> lists;
    cellList_.reserve(perCell.size());
    listStart_.push_back(0);
    for (const auto& entries : perCell) {
        auto [it, added] = lists.try_emplace(entries, static_cast<std::uint16_t>(lists.size()));
        if (added) {
            if (lists.size() > 0xffff) {  // too many different cells to number: no grid
                cellList_.clear();
                return;
            }
            gridEntries_.insert(gridEntries_.end(), entries.begin(), entries.end());
            listStart_.push_back(static_cast<std::uint32_t>(gridEntries_.size()));
        }
        cellList_.push_back(it->second);
    }
}

std::span<const std::uint32_t> ZoneIndex::cellEntries(geo::LonLat p) const {
    // Outside the grid is outside every zone's box (NaN fails these tests too).
    if (!(p.lon >= gridBox_.west && p.lon <= gridBox_.east && p.lat >= gridBox_.south &&
          p.lat <= gridBox_.north))
        return {};
    const std::uint32_t c = gridIndex(p.lon, gridBox_.west, cellWidth_, gridCols_);
    const std::uint32_t r = gridIndex(p.lat, gridBox_.south, cellHeight_, gridRows_);
    const std::uint16_t list = cellList_[std::size_t{r} * gridCols_ + c];
    return {gridEntries_.data() + listStart_[list], gridEntries_.data() + listStart_[list + 1]};
}

bool ZoneIndex::partContains(const Part& part, geo::LonLat p) const {
    if (!part.box.contains(p)) return false;
    auto b = static_cast<long>((p.lat - part.box.south) / part.bandHeight);
    b = std::clamp<long>(b, 0, static_cast<long>(part.bandCount) - 1);
    const std::uint32_t band = part.firstBand + static_cast<std::uint32_t>(b);
    bool inside = false;
    for (std::uint32_t i = bandStart_[band]; i < bandStart_[band + 1]; ++i) {
        const Edge& e = edges_[i];
        if ((e.y0 > p.lat) != (e.y1 > p.lat)) {
            const double x = e.x0 + (p.lat - e.y0) * (e.x1 - e.x0) / (e.y1 - e.y0);
            if (p.lon < x) inside = !inside;
        }
    }
    return inside;
}

bool ZoneIndex::contains(std::uint32_t zoneIndex, geo::LonLat p) const {
    if (zoneIndex >= zoneParts_.size() || !zoneBoxes_[zoneIndex].contains(p)) return false;
    const auto [first, last] = zoneParts_[zoneIndex];
    for (std::uint32_t i = first; i < last; ++i)
        if (partContains(parts_[i], p)) return true;
    return false;
}

void ZoneIndex::containing(geo::LonLat p, std::vector<std::uint32_t>& out) const {
    out.clear();
    if (!cellList_.empty()) {
        for (std::uint32_t e : cellEntries(p))
            if (!(e & 1U) || contains(e >> 1, p)) out.push_back(e >> 1);
        return;
    }
    for (std::uint32_t z = 0; z < zoneParts_.size(); ++z)
        if (contains(z, p)) out.push_back(z);
}

void ZoneIndex::containingAt(geo::LonLat p, time::UnixMillis t,
                             std::vector<std::uint32_t>& out) const {
    out.clear();
    if (!cellList_.empty()) {
        for (std::uint32_t e : cellEntries(p)) {
            const std::uint32_t z = e >> 1;
            if (validFrom_[z] && t < *validFrom_[z]) continue;
            if (validTo_[z] && t >= *validTo_[z]) continue;
            if (!(e & 1U) || contains(z, p)) out.push_back(z);
        }
        return;
    }
    for (std::uint32_t z = 0; z < zoneParts_.size(); ++z) {
        if (validFrom_[z] && t < *validFrom_[z]) continue;
        if (validTo_[z] && t >= *validTo_[z]) continue;
        if (contains(z, p)) out.push_back(z);
    }
}

}  // namespace seawatch::zones
