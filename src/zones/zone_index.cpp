#include "seawatch/zones/zone_index.hpp"

#include <algorithm>
#include <cmath>

namespace seawatch::zones {
namespace {
// About eight edges per band keeps the per-query edge count small without
// multiplying memory: an edge is copied into every band it spans.
constexpr std::size_t kEdgesPerBand = 8;
constexpr std::size_t kMaxBands = 1024;
}  // namespace

ZoneIndex::ZoneIndex(std::span<const Zone> zones) {
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
    for (std::uint32_t z = 0; z < zoneParts_.size(); ++z)
        if (contains(z, p)) out.push_back(z);
}

void ZoneIndex::containingAt(geo::LonLat p, time::UnixMillis t,
                             std::vector<std::uint32_t>& out) const {
    out.clear();
    for (std::uint32_t z = 0; z < zoneParts_.size(); ++z) {
        if (validFrom_[z] && t < *validFrom_[z]) continue;
        if (validTo_[z] && t >= *validTo_[z]) continue;
        if (contains(z, p)) out.push_back(z);
    }
}

}  // namespace seawatch::zones
