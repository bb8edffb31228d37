// The zone-derived part of plan checking, built once per set of zones.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "seawatch/analytics/plan_check.hpp"

namespace seawatch::analytics {

namespace {
// Sampling step along the corridor axis for sector stretches and air coverage.
constexpr double kAxisSampleNm = 10.0;
}  // namespace

Result<PlanContext> PlanContext::build(std::vector<zones::Zone> zoneList) {
    PlanContext context;
    context.zones_ = std::move(zoneList);
    auto corridor = zones::findCorridor(context.zones_);
    if (!corridor) return makeError(corridor.error());
    context.corridor_ = std::move(*corridor);
    const auto& zs = context.zones_;
    for (std::uint32_t z = 0; z < zs.size(); ++z) {
        if (zs[z].kind == zones::ZoneKind::PatrolSector && zs[z].isArea())
            context.patrolSectors_.push_back(z);
        if (zs[z].kind == zones::ZoneKind::RiskArea && zs[z].isArea())
            context.riskAreas_.push_back(z);
    }
    // Which sector holds each stretch of the corridor axis; a sector is a corridor sector
    // when it holds at least one sample.
    const double length = context.corridor_.lengthNm();
    const auto count = static_cast<std::size_t>(std::max(1.0, std::ceil(length / kAxisSampleNm)));
    for (std::size_t s = 0; s < count; ++s) {
        const double fromNm = length * static_cast<double>(s) / static_cast<double>(count);
        const double toNm = length * static_cast<double>(s + 1) / static_cast<double>(count);
        const geo::LonLat mid = context.corridor_.axisPoint((fromNm + toNm) / 2.0);
        for (std::uint32_t z : context.patrolSectors_) {
            if (!zones::containsPoint(zs[z], mid)) continue;
            auto it = std::find_if(context.sectors_.begin(), context.sectors_.end(),
                                   [&](const Sector& sector) { return sector.zone == z; });
            if (it == context.sectors_.end()) {
                Sector sector;
                sector.name = zs[z].name;
                sector.owner = zs[z].owner;
                sector.zone = z;
                sector.fromNm = fromNm;
                context.sectors_.push_back(std::move(sector));
                it = std::prev(context.sectors_.end());
            }
            it->toNm = toNm;
            it->samples.push_back(mid);
        }
    }
    for (Sector& sector : context.sectors_)
        sector.centre = context.corridor_.axisPoint((sector.fromNm + sector.toNm) / 2.0);
    std::stable_sort(context.sectors_.begin(), context.sectors_.end(),
                     [](const Sector& a, const Sector& b) { return a.fromNm < b.fromNm; });

    const std::size_t n = context.patrolSectors_.size();
    context.overlap_.assign(n * n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        context.overlap_[i * n + i] = 1;
        for (std::size_t j = i + 1; j < n; ++j) {
            const bool shared =
                zones::overlapPoint(zs[context.patrolSectors_[i]], zs[context.patrolSectors_[j]])
                    .has_value();
            context.overlap_[i * n + j] = context.overlap_[j * n + i] = shared ? 1 : 0;
        }
    }
    return context;
}

std::optional<std::uint32_t> PlanContext::sectorZone(const std::string& name) const {
    for (std::uint32_t z : patrolSectors_)
        if (zones_[z].name == name) return z;
    return std::nullopt;
}

bool PlanContext::sectorsOverlap(std::uint32_t zoneA, std::uint32_t zoneB) const {
    if (zoneA == zoneB) return true;
    const auto ia = std::find(patrolSectors_.begin(), patrolSectors_.end(), zoneA);
    const auto ib = std::find(patrolSectors_.begin(), patrolSectors_.end(), zoneB);
    if (ia == patrolSectors_.end() || ib == patrolSectors_.end()) return false;
    const std::size_t n = patrolSectors_.size();
    return overlap_[static_cast<std::size_t>(ia - patrolSectors_.begin()) * n +
                    static_cast<std::size_t>(ib - patrolSectors_.begin())] != 0;
}

std::string PlanContext::sectorsAlong(double fromNm, double toNm) const {
    if (fromNm > toNm) std::swap(fromNm, toNm);
    std::string names;
    for (const Sector& sector : sectors_) {
        if (sector.toNm <= fromNm || sector.fromNm >= toNm) continue;
        if (!names.empty()) names += ", ";
        names += sector.name;
    }
    return names.empty() ? std::string("IRTC (no sector)") : names;
}

}  // namespace seawatch::analytics
