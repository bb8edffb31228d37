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

// Rows or columns of cells beyond this (dead reckoning from absurd velocities) sort by
// comparison instead of by counting: the counts would not fit.
constexpr std::int64_t kMaxCountedSpan = 1 << 20;

// Stable counting sort of `order` by key[order[i]] - lo, keys in [lo, lo + span).
void countingSort(const std::vector<std::uint32_t>& order, const std::vector<std::int64_t>& key,
                  std::int64_t lo, std::int64_t span, std::vector<std::uint32_t>& count,
                  std::vector<std::uint32_t>& out) {
    count.assign(static_cast<std::size_t>(span) + 1, 0);
    for (std::uint32_t i : order) ++count[static_cast<std::size_t>(key[i] - lo) + 1];
    for (std::size_t b = 1; b < count.size(); ++b) count[b] += count[b - 1];
    out.resize(order.size());
    for (std::uint32_t i : order) out[count[static_cast<std::size_t>(key[i] - lo)]++] = i;
}

}  // namespace

void Engine::buildTickGrid(time::UnixMillis t) {
    const AnalyticsConfig& cfg = inputs_.config;
    tickInPlay_.clear();
    double maxAbsLat = 0.0;
    for (std::uint32_t s = 0; s < mmsi_.size(); ++s) {
        if (lastTime_[s] > t || t - lastTime_[s] > cfg.staleAfterMs) continue;
        const double hours = static_cast<double>(t - lastTime_[s]) / 3.6e6;
        const double cosFix = std::cos(lat_[s] * geo::kDegToRad);
        const double cosLat = std::max(0.01, cosFix);
        TickVessel v{};
        v.lat = lat_[s] + velNorth_[s] * hours / 60.0;
        v.lon = lon_[s] + velEast_[s] * hours / (60.0 * cosLat);
        // A fix at the tick time is not moved: one cosine serves both.
        v.cosLat = v.lat == lat_[s] ? cosFix : std::cos(v.lat * geo::kDegToRad);
        v.velEast = velEast_[s];
        v.velNorth = velNorth_[s];
        v.speed = speed_[s];
        v.mmsi = mmsi_[s];
        v.slot = s;
        v.velocityKnown = velocityKnown_[s];
        v.small = small_[s];
        v.merchant = merchant_[s];
        maxAbsLat = std::max(maxAbsLat, std::abs(v.lat));
        tickInPlay_.push_back(v);
    }
    // Cells use the cosine of the highest latitude, so east-west cell widths are never
    // wider in nm than pairRangeNm anywhere: no pair in range can skip a neighbour cell.
    const double cosRef = std::cos(std::min(maxAbsLat, 85.0) * geo::kDegToRad);
    const double cell = cfg.pairRangeNm;
    const std::size_t n = tickInPlay_.size();
    tickCx_.resize(n);
    tickCy_.resize(n);
    std::int64_t minX = 0, maxX = 0, minY = 0, maxY = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const TickVessel& v = tickInPlay_[i];
        tickCx_[i] = static_cast<std::int64_t>(std::floor(v.lon * 60.0 * cosRef / cell));
        tickCy_[i] = static_cast<std::int64_t>(std::floor(v.lat * 60.0 / cell));
        minX = i == 0 ? tickCx_[i] : std::min(minX, tickCx_[i]);
        maxX = i == 0 ? tickCx_[i] : std::max(maxX, tickCx_[i]);
        minY = i == 0 ? tickCy_[i] : std::min(minY, tickCy_[i]);
        maxY = i == 0 ? tickCy_[i] : std::max(maxY, tickCy_[i]);
    }
    // Grid order: by row, then column, then slot (tickInPlay_ is in slot order). Two
    // stable counting sorts (column, then row) give it in O(n + rows + columns).
    tickOrder_.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) tickOrder_[i] = i;
    if (maxX - minX < kMaxCountedSpan && maxY - minY < kMaxCountedSpan) {
        countingSort(tickOrder_, tickCx_, minX, maxX - minX + 1, tickCount_, tickOrder2_);
        countingSort(tickOrder2_, tickCy_, minY, maxY - minY + 1, tickCount_, tickOrder_);
    } else {
        tickKeys_.clear();
        for (std::uint32_t i = 0; i < n; ++i)
            tickKeys_.emplace_back(cellKey(tickCx_[i], tickCy_[i]), i);
        std::sort(tickKeys_.begin(), tickKeys_.end());
        for (std::uint32_t i = 0; i < n; ++i) tickOrder_[i] = tickKeys_[i].second;
    }
    tickVessels_.resize(n);
    tickCells_.clear();
    for (std::uint32_t k = 0; k < n; ++k) {
        const std::uint32_t i = tickOrder_[k];
        tickVessels_[k] = tickInPlay_[i];
        if (tickCells_.empty() || tickCells_.back().cx != tickCx_[i] ||
            tickCells_.back().cy != tickCy_[i])
            tickCells_.push_back({tickCx_[i], tickCy_[i], k});
    }
    tickCells_.push_back({0, 0, static_cast<std::uint32_t>(n)});  // the end of the last cell
}

void Engine::runTick(time::UnixMillis t) {
    buildTickGrid(t);
    const std::size_t cells = tickCells_.size() - 1;
    const TickVessel* v = tickVessels_.data();
    auto before = [](const TickCell& a, std::int64_t cx, std::int64_t cy) {
        return a.cy < cy || (a.cy == cy && a.cx < cx);
    };
    // Two thirds of the pairs from neighbouring cells are out of range: they are told
    // apart here, without a call. This is examinePair's own range test, which gives the
    // same verdict either way round (a - b is exactly -(b - a) in floating point).
    // The candidates of one vessel are listed without a branch (a mispredicted branch for
    // every third pair cost more than the test), then examined in order.
    const double range2 = inputs_.config.pairRangeNm * inputs_.config.pairRangeNm;
    tickHits_.resize(tickVessels_.size());
    std::uint32_t* hits = tickHits_.data();
    auto examine = [&](std::uint32_t i, std::uint32_t from, std::uint32_t to) {
        const TickVessel* a = v + i;
        std::uint32_t count = 0;
        for (std::uint32_t j = from; j < to; ++j) {
            const TickVessel* b = v + j;
            const double dy = (b->lat - a->lat) * 60.0;
            const double dx = (b->lon - a->lon) * 30.0 * (a->cosLat + b->cosLat);
            hits[count] = j;
            count += !(dx * dx + dy * dy > range2) ? 1U : 0U;
        }
        for (std::uint32_t k = 0; k < count; ++k) examinePair(a, v + hits[k], t);
    };
    // Each unordered cell pair is visited once: the cell itself and four forward
    // neighbours, in this order: (+1, 0), then (-1, +1), (0, +1), (+1, +1). Cells are in
    // (row, column) order, so the first of the next row's three only moves forward.
    std::size_t next = 0;
    for (std::size_t c = 0; c < cells; ++c) {
        const TickCell& here = tickCells_[c];
        const std::uint32_t begin = here.begin, end = tickCells_[c + 1].begin;
        for (std::uint32_t i = begin; i < end; ++i) examine(i, i + 1, end);
        auto withCell = [&](std::size_t n) {
            for (std::uint32_t i = begin; i < end; ++i)
                examine(i, tickCells_[n].begin, tickCells_[n + 1].begin);
        };
        if (c + 1 < cells && tickCells_[c + 1].cy == here.cy && tickCells_[c + 1].cx == here.cx + 1)
            withCell(c + 1);
        while (next < cells && before(tickCells_[next], here.cx - 1, here.cy + 1)) ++next;
        for (std::size_t n = next;
             n < cells && tickCells_[n].cy == here.cy + 1 && tickCells_[n].cx <= here.cx + 1; ++n)
            withCell(n);
    }
    // A pair not seen this tick has drifted out of range or gone stale: forget it.
    for (std::size_t i = 0; i < pairStates_.size();) {
        if (pairStates_[i].seenTick == t)
            ++i;
        else
            erasePairState(i);
    }
}

void Engine::erasePairState(std::size_t i) {
    PairState& pair = pairStates_[i];
    forgetPair(pair);
    pairIndex_.erase(static_cast<std::uint64_t>(pair.slotA) << 32 | pair.slotB);
    if (i + 1 != pairStates_.size()) {
        pair = pairStates_.back();
        pairIndex_.assign(static_cast<std::uint64_t>(pair.slotA) << 32 | pair.slotB,
                          static_cast<std::uint32_t>(i));
    }
    pairStates_.pop_back();
}

void Engine::examinePair(const TickVessel* a, const TickVessel* b, time::UnixMillis t) {
    const AnalyticsConfig& cfg = inputs_.config;
    if (a->mmsi == b->mmsi) return;
    if (a->mmsi > b->mmsi) std::swap(a, b);
    // The mean of the two cosines equals the cosine of the mean latitude to well under
    // a metre over pairRangeNm, and saves a cos() per pair.
    const double dy = (b->lat - a->lat) * 60.0;
    if (std::abs(dy) > cfg.pairRangeNm) return;
    const double dx = (b->lon - a->lon) * 30.0 * (a->cosLat + b->cosLat);
    if (std::abs(dx) > cfg.pairRangeNm || dx * dx + dy * dy > cfg.pairRangeNm * cfg.pairRangeNm)
        return;
    const CpaResult cpa =
        cpaFromRelative(dx, dy, b->velEast - a->velEast, b->velNorth - a->velNorth);
    if (cpa.rangeNm > cfg.pairRangeNm) return;

    const bool bothKnown = a->velocityKnown && b->velocityKnown;
    const bool underWay = std::max(a->speed, b->speed) >= cfg.cpaMinSpeedKn;
    const bool cpaNow = bothKnown && underWay && cpa.cpaNm < cfg.cpaThresholdNm &&
                        cpa.tcpaMin >= 0.0 && cpa.tcpaMin <= cfg.tcpaMaxMin;
    const TickVessel* approacher = a;
    const TickVessel* target = b;
    bool roles = a->small && b->merchant;
    if (!roles && b->small && a->merchant) {
        roles = true;
        std::swap(approacher, target);
    }
    const bool approachNow = roles && bothKnown && cpa.cpaNm < cfg.approachCpaNm &&
                             cpa.tcpaMin >= 0.0 && cpa.tcpaMin <= cfg.approachTcpaMaxMin &&
                             cpa.closingKn > cfg.approachClosingKn;
    const bool encounterNow = cpa.rangeNm <= cfg.encounterRangeNm;

    const bool startsSomething = cpaNow || approachNow || encounterNow;
    if (!startsSomething && (pairsOf_[a->slot] == 0 || pairsOf_[b->slot] == 0)) return;  // no state
    const std::uint64_t key = static_cast<std::uint64_t>(a->slot) << 32 | b->slot;
    std::uint32_t index = pairIndex_.find(key);
    if (index == kNoSlot) {
        if (!startsSomething) return;
        index = static_cast<std::uint32_t>(pairStates_.size());
        PairState& fresh = pairStates_.emplace_back();
        fresh.slotA = a->slot;
        fresh.slotB = b->slot;
        pairIndex_.insert(key, index);
        ++pairsOf_[a->slot];
        ++pairsOf_[b->slot];
    }
    PairState& pair = pairStates_[index];
    pair.seenTick = t;
    updatePairCpa(pair, *a, *b, cpa, cpaNow, bothKnown, t);
    updatePairApproach(pair, *approacher, *target, cpa, approachNow, t);
    updatePairEncounter(pair, *a, *b, cpa, t);
    if (!pair.cpaActive && !pair.approachActive && !pair.encounterSince &&
        realertQuiet(pair.lastCpaAlert, t) && realertQuiet(pair.lastApproachAlert, t))
        erasePairState(index);
}

bool Engine::realertQuiet(const std::optional<time::UnixMillis>& last, time::UnixMillis t) const {
    const auto realert = static_cast<time::UnixMillis>(inputs_.config.realertMin * 60000.0);
    return !last || t - *last >= realert;
}

void Engine::updatePairCpa(PairState& pair, const TickVessel& a, const TickVessel& b,
                           const CpaResult& cpa, bool cpaNow, bool bothKnown, time::UnixMillis t) {
    const AnalyticsConfig& cfg = inputs_.config;
    if (cpaNow && !pair.cpaActive && realertQuiet(pair.lastCpaAlert, t)) {
        pair.lastCpaAlert = t;
        // Position: halfway between the two at the moment of closest approach.
        const double h = cpa.tcpaMin / 60.0;
        const double cosA = std::max(0.01, std::cos(a.lat * geo::kDegToRad));
        const double lat = (a.lat + b.lat) / 2.0 + (a.velNorth + b.velNorth) * h / 120.0;
        const double lon = (a.lon + b.lon) / 2.0 + (a.velEast + b.velEast) * h / (120.0 * cosA);
        emit({EventType::Cpa,
              t,
              {a.mmsi, b.mmsi},
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

void Engine::updatePairApproach(PairState& pair, const TickVessel& approacher,
                                const TickVessel& target, const CpaResult& cpa, bool approachNow,
                                time::UnixMillis t) {
    const AnalyticsConfig& cfg = inputs_.config;
    if (approachNow && !pair.approachActive && realertQuiet(pair.lastApproachAlert, t)) {
        pair.lastApproachAlert = t;
        emit({EventType::SuspiciousApproach,
              t,
              {approacher.mmsi, target.mmsi},
              {},
              {},
              target.lat,
              target.lon,
              {{"cpa_nm", cpa.cpaNm},
               {"tcpa_min", cpa.tcpaMin},
               {"closing_kn", cpa.closingKn},
               {"range_nm", cpa.rangeNm},
               {"speed_kn", approacher.speed}}});
    }
    pair.approachActive = approachNow || (pair.approachActive && cpa.closingKn > 0.0 &&
                                          cpa.cpaNm <= cfg.approachCpaNm * 1.5);
}

void Engine::updatePairEncounter(PairState& pair, const TickVessel& a, const TickVessel& b,
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
                  {a.mmsi, b.mmsi},
                  {},
                  {},
                  (a.lat + b.lat) / 2.0,
                  (a.lon + b.lon) / 2.0,
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
