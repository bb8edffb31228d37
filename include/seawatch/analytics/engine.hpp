#pragma once
// The analytics engine: a deterministic, UI-independent pass over time-ordered AIS fixes
// against zones and an optional schedule. The CLI runs it over a whole log; the console
// ticks it as playback advances. Both get the same events because pair analysis runs on
// a fixed grid of tick times (multiples of tickIntervalMs), never on call timing.
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "seawatch/analytics/cpa.hpp"
#include "seawatch/analytics/event.hpp"
#include "seawatch/analytics/safety_text.hpp"
#include "seawatch/analytics/slot_table.hpp"
#include "seawatch/zones/coverage.hpp"
#include "seawatch/zones/zone_index.hpp"

namespace seawatch::analytics {

// Defaults and their reasons are in docs/ZONES.md.
struct AnalyticsConfig {
    time::UnixMillis tickIntervalMs = time::kMillisPerMinute;
    time::UnixMillis staleAfterMs = 10 * time::kMillisPerMinute;  // older fixes drop out
    double pairRangeNm = 6.0;  // pairs further apart are never examined

    double cpaThresholdNm = 0.5;
    double tcpaMaxMin = 20.0;
    double cpaMinSpeedKn = 1.0;  // at least one of the pair must be under way
    // A pair's cpa or approach alert is not raised again this soon after the last one,
    // so sparse or noisy tracks flickering across a threshold do not repeat it.
    double realertMin = 30.0;

    double approachCpaNm = 1.0;
    double approachClosingKn = 8.0;
    double approachTcpaMaxMin = 30.0;
    double smallCraftLengthM = 20.0;

    double loiterSpeedKn = 2.0;
    double loiterHours = 3.0;
    double loiterSampleMin = 5.0;  // track samples this far apart damp GPS jitter
    double coastalBufferNm = 3.0;  // with a land layer

    double encounterRangeNm = 500.0 / 1852.0;
    double encounterMinutes = 30.0;

    double laneMinSpeedKn = 3.0;
    double wrongWayAngleDeg = 90.0;
    double laneEndMarginNm = 5.0;  // leaving a lane this near an end is arriving, not exiting

    double escortRangeNm = 10.0;
    double transitMinSpeedKn = 6.0;
    double unescortedGraceMin = 30.0;
};

struct AnalyticsInputs {
    std::vector<zones::Zone> zones;
    std::optional<zones::Schedule> schedule;
    std::vector<zones::Polygon> land;  // optional coastline for the loitering buffer
    AnalyticsConfig config;
};

// Threading: none. One owner drives an Engine (the console's UI thread, a command's main
// thread); it starts no threads.
class Engine {
  public:
    explicit Engine(AnalyticsInputs inputs);

    void setStatic(const ais::VesselStatic& info);
    // Fixes must come in time order; an older fix for a vessel is counted and skipped.
    // Base stations (types 4, 11), aids to navigation (21) and SAR aircraft (9) are not
    // vessels: they are counted in ignoredFixes() and take no part.
    // Runs every tick before the fix's time first.
    void ingest(const ais::PositionFix& fix);
    // Runs the ticks and schedule events up to and including t.
    void advanceTo(time::UnixMillis t);
    // A safety text (types 12, 14) becomes a safety_text event at the sender's last position
    // when it is fresh (safety_text.cpp). Texts come in time order with the fixes.
    void ingestSafetyText(const SafetyText& text);
    std::vector<Event> drainEvents();

    const std::vector<zones::Zone>& zones() const { return inputs_.zones; }
    const std::optional<zones::Corridor>& corridor() const { return corridor_; }
    // Present when a schedule and a corridor were given.
    const std::optional<zones::CoverageTimeline>& coverage() const { return coverage_; }
    const std::optional<zones::Schedule>& schedule() const { return inputs_.schedule; }
    const std::vector<std::string>& warnings() const { return warnings_; }
    std::size_t vesselCount() const { return mmsi_.size(); }
    std::size_t skippedFixes() const { return skippedFixes_; }
    std::size_t fixesUsed() const { return usedFixes_; }
    std::size_t ignoredFixes() const { return ignoredFixes_; }
    // Pair-analysis ticks run so far: at most staleAfterMs / tickIntervalMs + 1 per fix.
    std::size_t ticksRun() const { return ticksRun_; }

  private:
    struct LoiterSample {
        time::UnixMillis time;
        geo::LonLat position;
        double legNm;  // from the previous sample
    };
    struct PairState {
        std::uint32_t slotA = 0, slotB = 0;  // ordered by MMSI; the key in pairIndex_
        time::UnixMillis seenTick = 0;
        bool cpaActive = false;
        bool approachActive = false;
        std::optional<time::UnixMillis> lastCpaAlert;
        std::optional<time::UnixMillis> lastApproachAlert;
        std::optional<time::UnixMillis> encounterSince;
        bool encounterEmitted = false;
        double encounterMinNm = 0.0;
    };

    // A vessel in play at a tick, dead-reckoned to the tick time: what the pair pass reads,
    // packed in one cache line and stored in grid order, so the vessels of neighbouring
    // cells are neighbours in memory (the per-slot arrays are in arrival order).
    struct TickVessel {
        double lat, lon, cosLat;  // at the tick
        double velEast, velNorth, speed;
        ais::Mmsi mmsi;
        std::uint32_t slot;
        std::uint8_t velocityKnown, small, merchant;
    };
    // A grid cell of the tick and where its vessels start in tickVessels_.
    struct TickCell {
        std::int64_t cx, cy;
        std::uint32_t begin;
    };

    std::uint32_t slotFor(ais::Mmsi mmsi);
    void classify(std::uint32_t slot);
    void runTick(time::UnixMillis t);
    // Fills tickVessels_ (grid order) and tickCells_ for tick t.
    void buildTickGrid(time::UnixMillis t);
    void examinePair(const TickVessel* a, const TickVessel* b, time::UnixMillis t);
    // The three pair events, each with its own hysteresis; a and b ordered by MMSI.
    void updatePairCpa(PairState& pair, const TickVessel& a, const TickVessel& b,
                       const CpaResult& cpa, bool cpaNow, bool bothKnown, time::UnixMillis t);
    void updatePairApproach(PairState& pair, const TickVessel& approacher, const TickVessel& target,
                            const CpaResult& cpa, bool approachNow, time::UnixMillis t);
    void updatePairEncounter(PairState& pair, const TickVessel& a, const TickVessel& b,
                             const CpaResult& cpa, time::UnixMillis t);
    // Drops pairStates_[i] (the last state moves into its place).
    void erasePairState(std::size_t i);
    // No alert of a kind within realertMin of the last one.
    bool realertQuiet(const std::optional<time::UnixMillis>& last, time::UnixMillis t) const;
    void updateZones(std::uint32_t slot, const ais::PositionFix& fix);
    // Whether the vessel in slot is inside zone z (after its last fix).
    bool insideZone(std::uint32_t slot, std::uint32_t z) const;
    void updateLane(std::uint32_t slot, const ais::PositionFix& fix);
    void updateLoiter(std::uint32_t slot, const ais::PositionFix& fix);
    void updateEscort(std::uint32_t slot, const ais::PositionFix& fix);
    bool nearLand(geo::LonLat p) const;
    bool inAnchorage(std::uint32_t slot) const;
    void emit(Event event) { pending_.push_back(std::move(event)); }
    void buildScheduleEvents();

    AnalyticsInputs inputs_;
    zones::ZoneIndex index_;
    zones::ZoneIndex landIndex_;
    std::vector<zones::Zone> landZones_;
    // Each land polygon's box, computed once: the whole-world basemap has 110k vertices,
    // too many to walk for every fix tested near land.
    std::vector<geo::GeoBox> landBounds_;
    std::optional<zones::Corridor> corridor_;
    std::optional<zones::CoverageTimeline> coverage_;
    std::vector<Event> scheduleEvents_;  // sorted; emitted as time passes them
    std::size_t nextScheduleEvent_ = 0;
    std::vector<std::string> warnings_;
    std::unordered_map<ais::Mmsi, ais::VesselStatic> statics_;

    // Per-vessel state, struct of arrays indexed by slot.
    SlotTable<ais::Mmsi> slots_;  // MMSI -> slot
    std::vector<ais::Mmsi> mmsi_;
    std::vector<time::UnixMillis> lastTime_;
    std::vector<double> lat_, lon_, velEast_, velNorth_, speed_;
    std::vector<std::uint8_t> velocityKnown_, small_, merchant_;
    std::vector<std::vector<std::uint32_t>> inside_;
    std::vector<std::vector<time::UnixMillis>> enteredAt_;
    // With at most 64 zones, inside_[slot] as a bit set: the zone check of a fix compares
    // one word, not the vessel's list (a cache miss per fix).
    bool zoneMasks_ = false;
    std::vector<std::uint64_t> insideMask_;
    std::vector<zones::LaneDirection> lane_;
    std::vector<std::uint8_t> wrongWay_;
    std::vector<std::deque<LoiterSample>> loiterTrack_;
    // The time of the newest sample in loiterTrack_[slot] (kNever when none): most fixes
    // come before the next sample is due and need not touch the track.
    std::vector<time::UnixMillis> loiterLastSample_;
    std::vector<double> loiterPathNm_;
    std::vector<std::uint8_t> loitering_;
    std::vector<std::optional<time::UnixMillis>> unescortedSince_;
    std::vector<std::uint8_t> unescortedEmitted_;
    // updateEscort's groups under way, (lower bound in nm, schedule index); kept to reuse
    // its capacity from fix to fix.
    std::vector<std::pair<double, std::size_t>> escortCandidates_;

    // Pair states, packed; pairIndex_ maps (slotA << 32 | slotB) to their place.
    std::vector<PairState> pairStates_;
    SlotTable<std::uint64_t> pairIndex_;
    // How many pair states each slot is in. Most pairs in range have no state and nothing
    // to start; when either vessel is in no pair the look-up is skipped.
    std::vector<std::uint32_t> pairsOf_;
    void forgetPair(const PairState& pair) {
        --pairsOf_[pair.slotA];
        --pairsOf_[pair.slotB];
    }
    std::optional<time::UnixMillis> nextTick_;
    // The newest fix ingested; none before the first. Ticks run only while some fix is
    // younger than staleAfterMs, so the stepping is bounded by the data whatever its dates
    // (a 0 here once made pre-1970 fixes tick every minute from year 10).
    std::optional<time::UnixMillis> lastFixTime_;
    std::size_t ticksRun_ = 0;
    std::vector<Event> pending_;
    std::vector<std::uint32_t> scratchZones_, scratchInside_;
    std::vector<time::UnixMillis> scratchEntered_;
    // Tick scratch, kept between ticks so a tick allocates nothing: the vessels in play in
    // slot order, then in grid order, their cells, the counting sort's counts and order.
    std::vector<TickVessel> tickInPlay_, tickVessels_;
    std::vector<TickCell> tickCells_;
    std::vector<std::int64_t> tickCx_, tickCy_;
    std::vector<std::uint32_t> tickCount_, tickOrder_, tickOrder2_, tickHits_;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> tickKeys_;  // the fallback sort
    std::size_t skippedFixes_ = 0;
    std::size_t usedFixes_ = 0;
    std::size_t ignoredFixes_ = 0;
};

struct AnalysisRun {
    std::vector<Event> events;  // sorted with sortEvents
    std::size_t fixesUsed = 0;
    std::size_t fixesSkipped = 0;
    std::size_t fixesIgnored = 0;  // not from vessels (base stations, AtoN, aircraft)
    std::vector<std::string> warnings;
};

// The batch pass the CLI makes: fixes are sorted by time (stably), those outside
// [from, to] are dropped, and the engine is advanced to `to` (or to the later of the last
// fix and the schedule's end).
// Safety texts (in any order) are fed in time order between the fixes.
AnalysisRun analyzeFixes(AnalyticsInputs inputs, const std::vector<ais::VesselStatic>& statics,
                         std::vector<ais::PositionFix> fixes,
                         std::optional<time::UnixMillis> from = std::nullopt,
                         std::optional<time::UnixMillis> to = std::nullopt,
                         std::vector<SafetyText> texts = {});

}  // namespace seawatch::analytics
