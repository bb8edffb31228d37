// Engine construction, per-fix analysis (zones, lanes, loitering, escort) and the batch
// pass. Pair analysis on ticks is in engine_tick.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "seawatch/analytics/engine.hpp"

namespace seawatch::analytics {
namespace {

double angleBetween(double a, double b) {
    const double d = std::fmod(std::abs(a - b), 360.0);
    return d > 180.0 ? 360.0 - d : d;
}

constexpr time::UnixMillis kNever = std::numeric_limits<time::UnixMillis>::min();

bool validFix(const ais::PositionFix& f) {
    return std::isfinite(f.lat) && std::isfinite(f.lon) && std::abs(f.lat) <= 90.0 &&
           std::abs(f.lon) <= 180.0;
}

// Distance from p to segment a-b in a plane local to p, nm.
double segmentDistanceNm(geo::LonLat p, geo::LonLat a, geo::LonLat b) {
    const geo::LocalPlane plane(p);
    double ax = 0, ay = 0, bx = 0, by = 0;
    plane.toLocal(a, ax, ay);
    plane.toLocal(b, bx, by);
    const double dx = bx - ax, dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(ax + t * dx, ay + t * dy);
}

}  // namespace

Engine::Engine(AnalyticsInputs inputs) : inputs_(std::move(inputs)) {
    // Every fix asks which zones hold it: the cell grid answers most without an edge test.
    index_ = zones::ZoneIndex(inputs_.zones, zones::ZoneLookup::CellGrid);
    zoneMasks_ = inputs_.zones.size() <= 64;
    for (const zones::Polygon& poly : inputs_.land) {
        zones::Zone land;
        land.name = "land";
        land.polygons = {poly};
        landBounds_.push_back(land.bounds());
        landZones_.push_back(std::move(land));
    }
    landIndex_ = zones::ZoneIndex(landZones_);
    if (auto corridor = zones::findCorridor(inputs_.zones); corridor) {
        corridor_ = std::move(*corridor);
    } else if (inputs_.schedule) {
        warnings_.push_back("no corridor in the zones (" + corridor.error() +
                            "): schedule, lane and escort analysis are off");
    }
    if (inputs_.schedule && corridor_) buildScheduleEvents();
}

void Engine::buildScheduleEvents() {
    const zones::Schedule& schedule = *inputs_.schedule;
    const auto& zones = inputs_.zones;
    for (const auto& a : schedule.assignments) {
        const bool known = std::any_of(zones.begin(), zones.end(), [&](const zones::Zone& z) {
            return z.kind == zones::ZoneKind::PatrolSector && z.name == a.sector;
        });
        if (!known)
            warnings_.push_back(
                fmt::format("schedule assigns {} to unknown sector '{}'", a.unit, a.sector));
    }
    coverage_ = zones::buildCoverage(*corridor_, zones, schedule);
    for (const zones::CoverageGap& gap : zones::findCoverageGaps(*coverage_, *corridor_, zones)) {
        Event e;
        e.type = EventType::CoverageGap;
        e.time = gap.from;
        e.zone = gap.sectors.empty() ? "IRTC (no sector)" : gap.sectors;
        e.lat = gap.midpoint.lat;
        e.lon = gap.midpoint.lon;
        e.numbers = {{"from_nm", gap.fromNm},
                     {"to_nm", gap.toNm},
                     {"duration_min", static_cast<double>(gap.to - gap.from) / 60000.0}};
        scheduleEvents_.push_back(std::move(e));
    }
    for (const zones::AssignmentConflict& c : zones::findAssignmentConflicts(zones, schedule)) {
        const auto& a = schedule.assignments[c.first];
        const auto& b = schedule.assignments[c.second];
        Event e;
        e.type = EventType::AssignmentConflict;
        e.time = c.from;
        e.zone = a.sector == b.sector ? a.sector : a.sector + " / " + b.sector;
        e.unit = a.unit + " / " + b.unit;
        e.lat = c.position.lat;
        e.lon = c.position.lon;
        e.numbers = {{"overlap_min", static_cast<double>(c.to - c.from) / 60000.0}};
        scheduleEvents_.push_back(std::move(e));
    }
    sortEvents(scheduleEvents_);
}

std::uint32_t Engine::slotFor(ais::Mmsi mmsi) {
    const auto next = static_cast<std::uint32_t>(mmsi_.size());
    const std::uint32_t slot = slots_.insert(mmsi, next);
    if (slot != next) return slot;
    mmsi_.push_back(mmsi);
    lastTime_.push_back(kNever);
    lat_.push_back(0);
    lon_.push_back(0);
    velEast_.push_back(0);
    velNorth_.push_back(0);
    speed_.push_back(0);
    velocityKnown_.push_back(0);
    small_.push_back(0);
    merchant_.push_back(0);
    inside_.emplace_back();
    enteredAt_.emplace_back();
    insideMask_.push_back(0);
    lane_.push_back(zones::LaneDirection::None);
    wrongWay_.push_back(0);
    loiterTrack_.emplace_back();
    loiterLastSample_.push_back(kNever);
    loiterPathNm_.push_back(0);
    loitering_.push_back(0);
    unescortedSince_.emplace_back();
    unescortedEmitted_.push_back(0);
    pairsOf_.push_back(0);
    classify(slot);
    return slot;
}

void Engine::classify(std::uint32_t slot) {
    auto it = statics_.find(mmsi_[slot]);
    if (it == statics_.end()) {
        // No static data at all: unidentified, which is what approach analysis looks for.
        small_[slot] = 1;
        merchant_[slot] = 0;
        return;
    }
    const ais::VesselStatic& s = it->second;
    const ais::ShipClass c = ais::classifyShipType(s.shipType);
    const int length = s.lengthM();
    merchant_[slot] = (c == ais::ShipClass::Cargo || c == ais::ShipClass::Tanker ||
                       c == ais::ShipClass::Passenger) &&
                      !(length > 0 && length < inputs_.config.smallCraftLengthM);
    small_[slot] = c == ais::ShipClass::Fishing || c == ais::ShipClass::Pleasure ||
                   c == ais::ShipClass::Unknown ||
                   (c != ais::ShipClass::MilitaryLaw && c != ais::ShipClass::SearchRescue &&
                    length > 0 && length < inputs_.config.smallCraftLengthM);
}

void Engine::setStatic(const ais::VesselStatic& info) {
    statics_[info.mmsi] = info;
    if (const std::uint32_t slot = slots_.find(info.mmsi); slot != kNoSlot) classify(slot);
}

void Engine::advanceTo(time::UnixMillis t) {
    const time::UnixMillis step = inputs_.config.tickIntervalMs;
    if (!nextTick_) nextTick_ = (t / step) * step;
    while (*nextTick_ <= t) {
        // With every vessel stale the ticks would find nothing: jump ahead.
        if (!lastFixTime_ || *nextTick_ > *lastFixTime_ + inputs_.config.staleAfterMs) {
            pairStates_.clear();
            pairIndex_.clear();
            std::fill(pairsOf_.begin(), pairsOf_.end(), 0U);
            nextTick_ = (t / step) * step + step;
            break;
        }
        while (nextScheduleEvent_ < scheduleEvents_.size() &&
               scheduleEvents_[nextScheduleEvent_].time <= *nextTick_)
            emit(scheduleEvents_[nextScheduleEvent_++]);
        runTick(*nextTick_);
        ++ticksRun_;
        *nextTick_ += step;
    }
    while (nextScheduleEvent_ < scheduleEvents_.size() &&
           scheduleEvents_[nextScheduleEvent_].time <= t)
        emit(scheduleEvents_[nextScheduleEvent_++]);
}

std::vector<Event> Engine::drainEvents() {
    std::vector<Event> out;
    out.swap(pending_);
    return out;
}

void Engine::ingest(const ais::PositionFix& fix) {
    if (fix.messageType == 4 || fix.messageType == 9 || fix.messageType == 11 ||
        fix.messageType == 21) {
        ++ignoredFixes_;
        return;
    }
    if (!validFix(fix) || fix.mmsi == 0) {
        ++skippedFixes_;
        return;
    }
    advanceTo(fix.time - 1);
    const std::uint32_t slot = slotFor(fix.mmsi);
    const bool first = lastTime_[slot] == kNever;
    if (!first && fix.time < lastTime_[slot]) {
        ++skippedFixes_;
        return;
    }
    ++usedFixes_;
    const double previousLat = lat_[slot];
    const double previousLon = lon_[slot];
    const time::UnixMillis previousTime = lastTime_[slot];
    lastFixTime_ = lastFixTime_ ? std::max(*lastFixTime_, fix.time) : fix.time;
    lastTime_[slot] = fix.time;
    lat_[slot] = fix.lat;
    lon_[slot] = fix.lon;
    if (ais::isKnown(fix.speedKn) && (ais::isKnown(fix.courseDeg) || fix.speedKn < 0.2F)) {
        const double course = ais::isKnown(fix.courseDeg) ? fix.courseDeg * geo::kDegToRad : 0.0;
        speed_[slot] = fix.speedKn;
        velEast_[slot] = fix.speedKn * std::sin(course);
        velNorth_[slot] = fix.speedKn * std::cos(course);
        velocityKnown_[slot] = 1;
    } else if (!first && fix.time - previousTime >= 5000 &&
               fix.time - previousTime <= inputs_.config.staleAfterMs) {
        // No SOG/COG: derive the velocity from the last two fixes.
        const geo::LocalPlane plane({previousLon, previousLat});
        double e = 0, n = 0;
        plane.toLocal({fix.lon, fix.lat}, e, n);
        const double hours = static_cast<double>(fix.time - previousTime) / 3.6e6;
        velEast_[slot] = e / hours;
        velNorth_[slot] = n / hours;
        speed_[slot] = std::hypot(velEast_[slot], velNorth_[slot]);
        velocityKnown_[slot] = 1;
    } else {
        velocityKnown_[slot] = 0;
    }
    updateZones(slot, fix);
    updateLane(slot, fix);
    updateLoiter(slot, fix);
    updateEscort(slot, fix);
}

void Engine::updateZones(std::uint32_t slot, const ais::PositionFix& fix) {
    index_.containingAt({fix.lon, fix.lat}, fix.time, scratchZones_);
    // The usual case: still in the same zones.
    if (zoneMasks_) {
        std::uint64_t mask = 0;
        for (std::uint32_t z : scratchZones_) mask |= std::uint64_t{1} << z;
        if (mask == insideMask_[slot]) return;
        insideMask_[slot] = mask;
    } else if (inside_[slot] == scratchZones_) {
        return;
    }
    auto& inside = inside_[slot];
    auto& entered = enteredAt_[slot];
    // Both lists are ascending, so one merge pass finds exits and entries in zone order.
    // The new lists are built in scratch vectors and swapped in: the old lists' storage
    // becomes the next scratch, so a vessel crossing a boundary allocates nothing.
    std::vector<std::uint32_t>& nextInside = scratchInside_;
    std::vector<time::UnixMillis>& nextEntered = scratchEntered_;
    nextInside.clear();
    nextEntered.clear();
    std::size_t i = 0, j = 0;
    while (i < inside.size() || j < scratchZones_.size()) {
        if (j == scratchZones_.size() || (i < inside.size() && inside[i] < scratchZones_[j])) {
            const zones::Zone& z = inputs_.zones[inside[i]];
            emit({EventType::ZoneExit,
                  fix.time,
                  {fix.mmsi},
                  z.name,
                  z.owner,
                  fix.lat,
                  fix.lon,
                  {{"dwell_min", static_cast<double>(fix.time - entered[i]) / 60000.0}}});
            ++i;
        } else if (i == inside.size() || scratchZones_[j] < inside[i]) {
            const zones::Zone& z = inputs_.zones[scratchZones_[j]];
            emit({EventType::ZoneEnter,
                  fix.time,
                  {fix.mmsi},
                  z.name,
                  z.owner,
                  fix.lat,
                  fix.lon,
                  {}});
            nextInside.push_back(scratchZones_[j]);
            nextEntered.push_back(fix.time);
            ++j;
        } else {
            nextInside.push_back(inside[i]);
            nextEntered.push_back(entered[i]);
            ++i;
            ++j;
        }
    }
    inside.swap(nextInside);
    entered.swap(nextEntered);
}

bool Engine::insideZone(std::uint32_t slot, std::uint32_t z) const {
    if (zoneMasks_) return z < 64 && ((insideMask_[slot] >> z) & 1U) != 0;
    return std::binary_search(inside_[slot].begin(), inside_[slot].end(), z);
}

void Engine::updateLane(std::uint32_t slot, const ais::PositionFix& fix) {
    if (!corridor_) return;
    zones::LaneDirection now = zones::LaneDirection::None;
    if (insideZone(slot, corridor_->eastbound.zoneIndex))
        now = zones::LaneDirection::Eastbound;
    else if (insideZone(slot, corridor_->westbound.zoneIndex))
        now = zones::LaneDirection::Westbound;
    const geo::LonLat p{fix.lon, fix.lat};
    const zones::LaneDirection before = lane_[slot];
    if (before != zones::LaneDirection::None && now == zones::LaneDirection::None) {
        const zones::Lane& lane = corridor_->lane(before);
        const auto proj = lane.centreline.project(p);
        const double margin = inputs_.config.laneEndMarginNm;
        if (proj.alongNm > margin && proj.alongNm < lane.centreline.lengthNm() - margin) {
            emit({EventType::LaneExit,
                  fix.time,
                  {fix.mmsi},
                  lane.name,
                  {},
                  fix.lat,
                  fix.lon,
                  {{"xtd_nm", proj.crossNm}, {"along_nm", proj.alongNm}}});
        }
    }
    lane_[slot] = now;
    bool wrongWay = false;
    if (now != zones::LaneDirection::None && ais::isKnown(fix.courseDeg) &&
        ais::isKnown(fix.speedKn) && fix.speedKn >= inputs_.config.laneMinSpeedKn) {
        const zones::Lane& lane = corridor_->lane(now);
        const double off = angleBetween(fix.courseDeg, lane.courseDeg);
        wrongWay = off > inputs_.config.wrongWayAngleDeg;
        if (wrongWay && !wrongWay_[slot]) {
            const auto proj = lane.centreline.project(p);
            emit({EventType::LaneWrongWay,
                  fix.time,
                  {fix.mmsi},
                  lane.name,
                  {},
                  fix.lat,
                  fix.lon,
                  {{"course_deg", fix.courseDeg},
                   {"lane_course_deg", lane.courseDeg},
                   {"xtd_nm", proj.crossNm}}});
        }
    } else if (now != zones::LaneDirection::None) {
        wrongWay = wrongWay_[slot] != 0;  // slow or no course: keep the last verdict
    }
    wrongWay_[slot] = wrongWay;
}

bool Engine::inAnchorage(std::uint32_t slot) const {
    for (std::uint32_t z : inside_[slot]) {
        if (inputs_.zones[z].kind == zones::ZoneKind::Anchorage) return true;
    }
    return false;
}

bool Engine::nearLand(geo::LonLat p) const {
    if (landZones_.empty()) return false;
    const double buffer = inputs_.config.coastalBufferNm;
    const double dLat = buffer / 60.0;
    const double dLon = buffer / (60.0 * std::max(0.05, std::cos(p.lat * geo::kDegToRad)));
    for (std::uint32_t z = 0; z < landZones_.size(); ++z) {
        geo::GeoBox box = landBounds_[z];
        box.west -= dLon;
        box.east += dLon;
        box.south -= dLat;
        box.north += dLat;
        if (!box.contains(p)) continue;
        if (landIndex_.contains(z, p)) return true;
        for (const zones::Polygon& poly : landZones_[z].polygons) {
            auto near = [&](const zones::Ring& ring) {
                for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
                    if (segmentDistanceNm(p, ring[j], ring[i]) < buffer) return true;
                return false;
            };
            if (near(poly.outer)) return true;
            for (const auto& hole : poly.holes)
                if (near(hole)) return true;
        }
    }
    return false;
}

void Engine::updateLoiter(std::uint32_t slot, const ais::PositionFix& fix) {
    const AnalyticsConfig& cfg = inputs_.config;
    auto& track = loiterTrack_[slot];
    const geo::LonLat p{fix.lon, fix.lat};
    const auto sampleGap = static_cast<time::UnixMillis>(cfg.loiterSampleMin * 60000.0);
    // The newest sample's time, without reaching into the track (another cache miss).
    if (loiterLastSample_[slot] != kNever && fix.time - loiterLastSample_[slot] < sampleGap) return;
    const double leg = track.empty() ? 0.0 : geo::distanceNm(track.back().position, p);
    track.push_back({fix.time, p, leg});
    loiterLastSample_[slot] = fix.time;
    loiterPathNm_[slot] += leg;
    const auto window = static_cast<time::UnixMillis>(cfg.loiterHours * 3.6e6);
    // Keep the newest sample at or before the window start so the span can reach it.
    while (track.size() > 2 && fix.time - track[1].time >= window) {
        track.pop_front();
        loiterPathNm_[slot] -= track.front().legNm;
        track.front().legNm = 0.0;
    }
    const double hours = static_cast<double>(fix.time - track.front().time) / 3.6e6;
    if (hours < cfg.loiterHours) return;
    // Two fixes either side of a long silence say nothing about what happened between:
    // ask for at least half the samples the window would hold.
    const double expected = cfg.loiterHours * 60.0 / cfg.loiterSampleMin;
    if (static_cast<double>(track.size()) < std::max(3.0, expected / 2.0)) return;
    const double meanKn = std::max(0.0, loiterPathNm_[slot]) / hours;
    if (meanKn < cfg.loiterSpeedKn) {
        if (!loitering_[slot] && !inAnchorage(slot) && !nearLand(p)) {
            loitering_[slot] = 1;
            emit({EventType::Loitering,
                  fix.time,
                  {fix.mmsi},
                  {},
                  {},
                  fix.lat,
                  fix.lon,
                  {{"mean_speed_kn", meanKn}, {"hours", hours}}});
        }
    } else if (meanKn > cfg.loiterSpeedKn * 1.25) {
        loitering_[slot] = 0;  // under way again: a later stop is a new episode
    }
}

void Engine::updateEscort(std::uint32_t slot, const ais::PositionFix& fix) {
    if (!corridor_ || !inputs_.schedule || !merchant_[slot]) return;
    const AnalyticsConfig& cfg = inputs_.config;
    const zones::LaneDirection lane = lane_[slot];
    const bool transiting = lane != zones::LaneDirection::None && !wrongWay_[slot] &&
                            ais::isKnown(fix.speedKn) && fix.speedKn >= cfg.transitMinSpeedKn;
    if (lane == zones::LaneDirection::None) {
        unescortedSince_[slot].reset();
        unescortedEmitted_[slot] = 0;  // out of the corridor: the next transit is new
        return;
    }
    if (!transiting) return;
    const geo::LonLat p{fix.lon, fix.lat};
    double nearestNm = -1.0;
    const zones::GroupTransit* nearest = nullptr;
    // The nearest group under way: a trig-free lower bound on each group's distance, then
    // exact distances in ascending bound order until no bound can beat the nearest found. The
    // same group as measuring every one (ties to the schedule's first): most groups are far
    // along the lane from a given merchant and are never measured.
    const auto& transits = inputs_.schedule->transits;
    const zones::Centreline& line = corridor_->lane(lane).centreline;
    const std::array<double, 3> u = zones::Centreline::unitVectorOf(p);
    escortCandidates_.clear();
    for (std::size_t g = 0; g < transits.size(); ++g) {
        if (transits[g].direction != lane) continue;
        const auto along = zones::plannedAlongNm(transits[g], *corridor_, fix.time);
        if (!along) continue;
        const double bound = line.lowerBoundToPointAt(u, *along);
        escortCandidates_.emplace_back(
            std::isnan(bound) ? -std::numeric_limits<double>::infinity() : bound, g);
    }
    std::sort(escortCandidates_.begin(), escortCandidates_.end());
    std::size_t nearestIndex = 0;
    for (const auto& [bound, g] : escortCandidates_) {
        if (nearest && bound > nearestNm) break;
        const zones::GroupTransit& group = transits[g];
        const auto planned = zones::plannedPoint(group, *corridor_, fix.time);
        if (!planned) continue;
        const double d = geo::distanceNm(p, *planned);
        if (!nearest || d < nearestNm || (d == nearestNm && g < nearestIndex)) {
            nearestNm = d;
            nearest = &group;
            nearestIndex = g;
        }
    }
    if (nearest && nearestNm <= cfg.escortRangeNm) {
        unescortedSince_[slot].reset();
        return;
    }
    if (!unescortedSince_[slot]) unescortedSince_[slot] = fix.time;
    const double minutes = static_cast<double>(fix.time - *unescortedSince_[slot]) / 60000.0;
    if (minutes >= cfg.unescortedGraceMin && !unescortedEmitted_[slot]) {
        unescortedEmitted_[slot] = 1;
        emit({EventType::UnescortedTransit,
              fix.time,
              {fix.mmsi},
              corridor_->lane(lane).name,
              nearest ? nearest->escortUnit : std::string{},
              fix.lat,
              fix.lon,
              {{"nearest_group_nm", nearestNm},
               {"speed_kn", fix.speedKn},
               {"unescorted_min", minutes}}});
    }
}

AnalysisRun analyzeFixes(AnalyticsInputs inputs, const std::vector<ais::VesselStatic>& statics,
                         std::vector<ais::PositionFix> fixes, std::optional<time::UnixMillis> from,
                         std::optional<time::UnixMillis> to, std::vector<SafetyText> texts) {
    // A feed is mostly in time order already (a scenario's always): check before sorting.
    const auto byTime = [](const ais::PositionFix& a, const ais::PositionFix& b) {
        return a.time < b.time;
    };
    if (!std::is_sorted(fixes.begin(), fixes.end(), byTime))
        std::stable_sort(fixes.begin(), fixes.end(), byTime);
    std::stable_sort(texts.begin(), texts.end(),
                     [](const SafetyText& a, const SafetyText& b) { return a.time < b.time; });
    std::size_t nextText = 0;
    std::optional<time::UnixMillis> scheduleEnd;
    std::optional<time::UnixMillis> scheduleStart;
    if (inputs.schedule) {
        scheduleEnd = inputs.schedule->windowTo;
        scheduleStart = inputs.schedule->windowFrom;
    }
    Engine engine(std::move(inputs));
    for (const auto& s : statics) engine.setStatic(s);
    AnalysisRun run;
    std::optional<time::UnixMillis> last;
    const auto feedTextsUpTo = [&](time::UnixMillis t) {
        for (; nextText < texts.size() && texts[nextText].time <= t; ++nextText) {
            const SafetyText& s = texts[nextText];
            if ((from && s.time < *from) || (to && s.time > *to)) continue;
            engine.ingestSafetyText(s);
            last = std::max(last.value_or(s.time), s.time);
        }
    };
    for (const auto& fix : fixes) {
        if ((from && fix.time < *from) || (to && fix.time > *to)) continue;
        feedTextsUpTo(fix.time - 1);
        engine.ingest(fix);
        last = fix.time;
    }
    feedTextsUpTo(std::numeric_limits<time::UnixMillis>::max());
    std::optional<time::UnixMillis> end = to;
    if (!end) {
        end = last;
        if (scheduleEnd && (!end || *scheduleEnd > *end)) end = scheduleEnd;
    }
    if (!last && !from && scheduleStart) engine.advanceTo(*scheduleStart);
    if (end) engine.advanceTo(*end);
    run.events = engine.drainEvents();
    if (from) std::erase_if(run.events, [&](const Event& e) { return e.time < *from; });
    if (to) std::erase_if(run.events, [&](const Event& e) { return e.time > *to; });
    sortEvents(run.events);
    run.fixesUsed = engine.fixesUsed();
    run.fixesSkipped = engine.skippedFixes();
    run.fixesIgnored = engine.ignoredFixes();
    run.warnings = engine.warnings();
    return run;
}

}  // namespace seawatch::analytics
