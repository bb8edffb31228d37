#pragma once
// What the alerts panel and the alert overlay show: which events are live at `now`,
// filtered by type and free text, newest first; how old alerts fade; one-line summaries;
// and the predicted CPA between two vessels for the CPA line.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/ais/track_store.hpp"
#include "seawatch/analytics/cpa.hpp"
#include "seawatch/analytics/event.hpp"

namespace seawatch::analytics {

inline constexpr std::size_t kEventTypeCount = 12;  // EventType::SafetyText + 1
inline constexpr std::uint32_t kAllAlertTypes = (1u << kEventTypeCount) - 1;
inline constexpr time::UnixMillis kAlertMapWindow = 30 * time::kMillisPerMinute;

struct AlertQuery {
    time::UnixMillis now = 0;
    // Only events in [now - maxAge, now]; no limit when absent.
    std::optional<time::UnixMillis> maxAge;
    // Bit (1 << type) set = shown. All types by default.
    std::uint32_t typeMask = kAllAlertTypes;
    // Case-insensitive; matched against the type name, zone, unit, text and MMSIs. Empty = all.
    std::string text;
    bool unacknowledgedOnly = false;
};

std::uint32_t typeBit(EventType type);

// Indices into `events` (which must be sorted by time) of the events the query keeps,
// newest first. `acknowledged`, when given, is parallel to `events`.
std::vector<std::size_t> filterAlerts(std::span<const Event> events, const AlertQuery& query,
                                      const std::vector<bool>& acknowledged = {});

// Zone entries and exits: bookkeeping rather than alerts, hidden unless asked for.
std::uint32_t routineTypeMask();
// Every type except the routine ones: what the alerts panel and map show by default.
std::uint32_t defaultAlertTypeMask();

// Alerts of the types in `typeMask` up to `now` not yet acknowledged.
std::size_t countUnacknowledged(std::span<const Event> events, time::UnixMillis now,
                                const std::vector<bool>& acknowledged,
                                std::uint32_t typeMask = defaultAlertTypeMask());

// 1 for a fresh alert, falling linearly to `floor` at `window` old; 0 outside [0, window].
float alertFade(time::UnixMillis eventTime, time::UnixMillis now,
                time::UnixMillis window = kAlertMapWindow, float floor = 0.25f);

// "CPA 0.42 nm in 7 min", "loitering 95 min", "coverage gap 40 nm for 120 min", ...
std::string describeAlert(const Event& event);

// A vessel's name for the alert texts; empty when not known (the MMSI is used then).
using VesselNames = std::function<std::string(ais::Mmsi)>;
VesselNames vesselNames(const ais::TrackStore& tracks);
// "ASTRAEA TRADER" or "MMSI 538004417".
std::string vesselLabel(ais::Mmsi mmsi, const VesselNames& names);
// The text beside an alert's marker, in words a watch officer reads at a glance; a pair's
// other vessel by name: "CPA 0.53 nm in 11 min with ASTRAEA TRADER".
std::string alertLabel(const Event& event, const VesselNames& names = {});
// The whole alert in one sentence for lists and the log, its first vessel (or zone, or unit)
// first: "AL AMAL: CPA 0.53 nm in 11 min with ASTRAEA TRADER".
std::string alertSentence(const Event& event, const VesselNames& names = {});
// Pretty type name for lists and legends: "suspicious approach".
std::string alertTypeLabel(EventType type);
// A vessel as people name it: its AIS (or exercise) name, its MMSI only when it has none.
std::string vesselDisplayName(const ais::TrackStore& tracks, ais::Mmsi mmsi);
// The alert as a sentence, vessels by name: "SKIFF 1: CPA 0.53 nm in 11 min with ASTRAEA
// TRADER", "Left the lane, 1.2 nm off (IRTC westbound lane)". The alerts panel, the map
// and the briefing deck all say it this way.
std::string alertSentence(const Event& event, const ais::TrackStore& tracks);

// Two vessels' states at `now` and where each will be at their closest point of approach.
struct CpaLine {
    geo::LonLat firstNow, secondNow;
    geo::LonLat firstAtCpa, secondAtCpa;
    CpaResult cpa;
};
// Nothing when either vessel has no state, speed or course at `now`.
std::optional<CpaLine> predictCpaLine(const ais::TrackStore& tracks, ais::Mmsi first,
                                      ais::Mmsi second, time::UnixMillis now);
// "CPA 0.42 nm in 7 min" (or "CPA passed, 0.42 nm 3 min ago").
std::string formatCpa(const CpaResult& cpa);

}  // namespace seawatch::analytics
