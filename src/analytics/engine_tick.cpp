// Pair analysis on tick times: CPA, suspicious approach and encounters. Vessels are
// dead-reckoned to the tick and bucketed in a grid of pairRangeNm cells, so only
// neighbouring cells are compared, never all pairs.
#include <algorithm>
#include <array>
#include <cmath>

#include "seawatch/analytics/cpa.hpp"
#include "seawatch/analytics/engine.hpp"

namespace seawatch::analytics {
namespace {

constexpr std::int64_t kCellBias = 1LL << 30;

std::uint64_t cellKey(std::int64_t cx, std::int64_t cy) {
    return (static_cast<std::uint64_t>(cy + kCellBias) << 32) |
           static_cast<std::uint64_t>(cx + kCellBias);
}

}  // namespace

void Engine::runTick(time::UnixMillis t) {
    const AnalyticsConfig& cfg = inputs_.config;
    tickCells_.clear();
    tickLat_.resize(mmsi_.size());
    tickLon_.resize(mmsi_.size());
    tickCos_.resize(mmsi_.size());
    double maxAbsLat = 0.0;
    for (std::uint32_t s = 0; s < mmsi_.size(); ++s) {
        if (lastTime_[s] > t || t - lastTime_[s] > cfg.staleAfterMs) continue;
        const double hours = static_cast<double>(t - lastTime_[s]) / 3.6e6;
        const double cosLat = std::max(0.01, std::cos(lat_[s] * geo::kDegToRad));
        tickLat_[s] = lat_[s] + velNorth_[s] * hours / 60.0;
        tickLon_[s] = lon_[s] + velEast_[s] * hours / (60.0 * cosLat);
        tickCos_[s] = std::cos(tickLat_[s] * geo::kDegToRad);
        maxAbsLat = std::max(maxAbsLat, std::abs(tickLat_[s]));
        tickCells_.emplace_back(0, s);
    }
    // Cells use the cosine of the highest latitude, so east-west cell widths are never
    // wider in nm than pairRangeNm anywhere: no pair in range can skip a neighbour cell.
    const double cosRef = std::cos(std::min(maxAbsLat, 85.0) * geo::kDegToRad);
    const double cell = cfg.pairRangeNm;
    for (auto& [key, s] : tickCells_) {
        const auto cx = static_cast<std::int64_t>(std::floor(tickLon_[s] * 60.0 * cosRef / cell));
        const auto cy = static_cast<std::int64_t>(std::floor(tickLat_[s] * 60.0 / cell));
        key = cellKey(cx, cy);
    }
    std::sort(tickCells_.begin(), tickCells_.end());
    cellKeys_.clear();
    cellStart_.clear();
    for (std::uint32_t i = 0; i < tickCells_.size(); ++i) {
        if (cellKeys_.empty() || cellKeys_.back() != tickCells_[i].first) {
            cellKeys_.push_back(tickCells_[i].first);
            cellStart_.push_back(i);
        }
    }
    cellStart_.push_back(static_cast<std::uint32_t>(tickCells_.size()));

    // Each unordered cell pair is visited once: the cell itself and four forward neighbours.
    constexpr std::array<std::array<int, 2>, 4> kForward{{{1, 0}, {-1, 1}, {0, 1}, {1, 1}}};
    for (std::size_t c = 0; c < cellKeys_.size(); ++c) {
        const std::uint32_t begin = cellStart_[c], end = cellStart_[c + 1];
        for (std::uint32_t i = begin; i < end; ++i)
            for (std::uint32_t j = i + 1; j < end; ++j)
                examinePair(tickCells_[i].second, tickCells_[j].second, t);
        const auto cx = static_cast<std::int64_t>(cellKeys_[c] & 0xffffffffULL) - kCellBias;
        const auto cy = static_cast<std::int64_t>(cellKeys_[c] >> 32) - kCellBias;
        for (const auto& [ox, oy] : kForward) {
            const std::uint64_t key = cellKey(cx + ox, cy + oy);
            auto it = std::lower_bound(cellKeys_.begin(), cellKeys_.end(), key);
            if (it == cellKeys_.end() || *it != key) continue;
            const auto n = static_cast<std::size_t>(it - cellKeys_.begin());
            for (std::uint32_t i = begin; i < end; ++i)
                for (std::uint32_t j = cellStart_[n]; j < cellStart_[n + 1]; ++j)
                    examinePair(tickCells_[i].second, tickCells_[j].second, t);
        }
    }
    // A pair not seen this tick has drifted out of range or gone stale: forget it.
    std::erase_if(pairs_, [this, t](const auto& entry) {
        if (entry.second.seenTick == t) return false;
        forgetPair(entry.second);
        return true;
    });
}

void Engine::examinePair(std::uint32_t a, std::uint32_t b, time::UnixMillis t) {
    const AnalyticsConfig& cfg = inputs_.config;
    if (mmsi_[a] == mmsi_[b]) return;
    if (mmsi_[a] > mmsi_[b]) std::swap(a, b);
    // The mean of the two cosines equals the cosine of the mean latitude to well under
    // a metre over pairRangeNm, and saves a cos() per pair.
    const double dy = (tickLat_[b] - tickLat_[a]) * 60.0;
    if (std::abs(dy) > cfg.pairRangeNm) return;
    const double dx = (tickLon_[b] - tickLon_[a]) * 30.0 * (tickCos_[a] + tickCos_[b]);
    if (std::abs(dx) > cfg.pairRangeNm || dx * dx + dy * dy > cfg.pairRangeNm * cfg.pairRangeNm)
        return;
    const CpaResult cpa =
        cpaFromRelative(dx, dy, velEast_[b] - velEast_[a], velNorth_[b] - velNorth_[a]);
    if (cpa.rangeNm > cfg.pairRangeNm) return;

    const bool bothKnown = velocityKnown_[a] && velocityKnown_[b];
    const bool underWay = std::max(speed_[a], speed_[b]) >= cfg.cpaMinSpeedKn;
    const bool cpaNow = bothKnown && underWay && cpa.cpaNm < cfg.cpaThresholdNm &&
                        cpa.tcpaMin >= 0.0 && cpa.tcpaMin <= cfg.tcpaMaxMin;
    std::uint32_t approacher = a, target = b;
    bool roles = small_[a] && merchant_[b];
    if (!roles && small_[b] && merchant_[a]) {
        roles = true;
        std::swap(approacher, target);
    }
    const bool approachNow = roles && bothKnown && cpa.cpaNm < cfg.approachCpaNm &&
                             cpa.tcpaMin >= 0.0 && cpa.tcpaMin <= cfg.approachTcpaMaxMin &&
                             cpa.closingKn > cfg.approachClosingKn;
    const bool encounterNow = cpa.rangeNm <= cfg.encounterRangeNm;

    const bool startsSomething = cpaNow || approachNow || encounterNow;
    if (!startsSomething && (pairsOf_[a] == 0 || pairsOf_[b] == 0)) return;  // no state
    const std::uint64_t key = (static_cast<std::uint64_t>(mmsi_[a]) << 32) | mmsi_[b];
    auto it = pairs_.find(key);
    if (it == pairs_.end()) {
        if (!startsSomething) return;
        PairState fresh;
        fresh.slotA = a;
        fresh.slotB = b;
        it = pairs_.emplace(key, fresh).first;
        ++pairsOf_[a];
        ++pairsOf_[b];
    }
    PairState& pair = it->second;
    pair.seenTick = t;
    updatePairCpa(pair, a, b, cpa, cpaNow, bothKnown, t);
    updatePairApproach(pair, approacher, target, cpa, approachNow, t);
    updatePairEncounter(pair, a, b, cpa, t);
    if (!pair.cpaActive && !pair.approachActive && !pair.encounterSince &&
        realertQuiet(pair.lastCpaAlert, t) && realertQuiet(pair.lastApproachAlert, t)) {
        forgetPair(pair);
        pairs_.erase(it);
    }
}

bool Engine::realertQuiet(const std::optional<time::UnixMillis>& last, time::UnixMillis t) const {
    const auto realert = static_cast<time::UnixMillis>(inputs_.config.realertMin * 60000.0);
    return !last || t - *last >= realert;
}

void Engine::updatePairCpa(PairState& pair, std::uint32_t a, std::uint32_t b, const CpaResult& cpa,
                           bool cpaNow, bool bothKnown, time::UnixMillis t) {
    const AnalyticsConfig& cfg = inputs_.config;
    if (cpaNow && !pair.cpaActive && realertQuiet(pair.lastCpaAlert, t)) {
        pair.lastCpaAlert = t;
        // Position: halfway between the two at the moment of closest approach.
        const double h = cpa.tcpaMin / 60.0;
        const double cosA = std::max(0.01, std::cos(tickLat_[a] * geo::kDegToRad));
        const double lat =
            (tickLat_[a] + tickLat_[b]) / 2.0 + (velNorth_[a] + velNorth_[b]) * h / 120.0;
        const double lon =
            (tickLon_[a] + tickLon_[b]) / 2.0 + (velEast_[a] + velEast_[b]) * h / (120.0 * cosA);
        emit({EventType::Cpa,
              t,
              {mmsi_[a], mmsi_[b]},
              {},
              {},
              lat,
              lon,
              {{"cpa_nm", cpa.cpaNm}, {"tcpa_min", cpa.tcpaMin}, {"range_nm", cpa.rangeNm}}});
    }
    // Hysteresis: an ongoing close approach stays one event until it is past or opens out.
    pair.cpaActive = cpaNow || (pair.cpaActive && bothKnown && cpa.tcpaMin >= 0.0 &&
                                cpa.cpaNm <= cfg.cpaThresholdNm * 1.5);
}

void Engine::updatePairApproach(PairState& pair, std::uint32_t approacher, std::uint32_t target,
                                const CpaResult& cpa, bool approachNow, time::UnixMillis t) {
    const AnalyticsConfig& cfg = inputs_.config;
    if (approachNow && !pair.approachActive && realertQuiet(pair.lastApproachAlert, t)) {
        pair.lastApproachAlert = t;
        emit({EventType::SuspiciousApproach,
              t,
              {mmsi_[approacher], mmsi_[target]},
              {},
              {},
              tickLat_[target],
              tickLon_[target],
              {{"cpa_nm", cpa.cpaNm},
               {"tcpa_min", cpa.tcpaMin},
               {"closing_kn", cpa.closingKn},
               {"range_nm", cpa.rangeNm},
               {"speed_kn", speed_[approacher]}}});
    }
    pair.approachActive = approachNow || (pair.approachActive && cpa.closingKn > 0.0 &&
                                          cpa.cpaNm <= cfg.approachCpaNm * 1.5);
}

void Engine::updatePairEncounter(PairState& pair, std::uint32_t a, std::uint32_t b,
                                 const CpaResult& cpa, time::UnixMillis t) {
    const AnalyticsConfig& cfg = inputs_.config;
    if (cpa.rangeNm <= cfg.encounterRangeNm) {
        if (!pair.encounterSince) {
            pair.encounterSince = t;
            pair.encounterMinNm = cpa.rangeNm;
        }
        pair.encounterMinNm = std::min(pair.encounterMinNm, cpa.rangeNm);
        const double minutes = static_cast<double>(t - *pair.encounterSince) / 60000.0;
        if (!pair.encounterEmitted && minutes >= cfg.encounterMinutes) {
            pair.encounterEmitted = true;
            emit({EventType::Encounter,
                  t,
                  {mmsi_[a], mmsi_[b]},
                  {},
                  {},
                  (tickLat_[a] + tickLat_[b]) / 2.0,
                  (tickLon_[a] + tickLon_[b]) / 2.0,
                  {{"duration_min", minutes},
                   {"min_range_nm", pair.encounterMinNm},
                   {"range_nm", cpa.rangeNm}}});
        }
    } else if (cpa.rangeNm > cfg.encounterRangeNm * 1.2) {
        pair.encounterSince.reset();
        pair.encounterEmitted = false;
    }
}

}  // namespace seawatch::analytics
