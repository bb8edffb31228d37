#pragma once
// Analytics events: what a watch officer would have been alerted to. Serialised one per
// line as JSON Lines or CSV, in a stable order with fixed float formatting, so the same
// input always gives byte-identical output.
#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "seawatch/ais/vessel.hpp"

namespace seawatch::analytics {

enum class EventType : std::uint8_t {
    ZoneEnter,
    ZoneExit,
    LaneExit,
    LaneWrongWay,
    Cpa,
    SuspiciousApproach,
    Loitering,
    Encounter,
    CoverageGap,
    AssignmentConflict,
    UnescortedTransit,
    SafetyText,  // an AIS safety-related text (types 12, 14); see safety_text.hpp
};

const char* eventTypeName(EventType type);  // "zone_enter", ...
std::optional<EventType> parseEventType(std::string_view text);

// How urgently a watch officer must act, the one rule for the alert list, the map, the log
// and the briefing deck:
//   alarm    a threat or a hole in the protection now: suspicious approach, coverage gap
//   warning  needs a look: CPA, wrong way in a lane, loitering, encounter, overlapping
//            sectors, a merchant transiting unescorted
//   info     bookkeeping: zone entries and exits, leaving a lane near its end
// A safety text (AIS 12, 14) is a warning, and an alarm when it speaks of piracy
// (piracyWordsIn, safety_text.hpp): so a whole event decides, not its type alone.
enum class Severity : std::uint8_t { Info, Warning, Alarm };
struct Event;
Severity severityOf(const Event& event);
// The severity every event of `type` has at least (its only one, except for safety texts).
Severity severityOf(EventType type);
const char* severityName(Severity severity);  // "info", "warning", "alarm"
// Zone entries and exits: recorded, listed on request, never an alert on their own.
bool isRoutine(EventType type);

struct Event {
    EventType type = EventType::ZoneEnter;
    time::UnixMillis time = 0;
    std::vector<ais::Mmsi> mmsi;  // none (schedule events), one, or a pair
    std::string zone;
    std::string unit;
    double lat = 0.0;
    double lon = 0.0;
    // The numbers behind the event, in a fixed order per type (e.g. cpa_nm, tcpa_min).
    std::vector<std::pair<std::string, double>> numbers;
    // Free text: a safety_text's message as broadcast. Last, so that the positional
    // initialisers of the other events stay as they are.
    std::string text = {};

    std::optional<double> number(std::string_view key) const;
};

// Orders by time, then type, MMSIs, zone, unit and text: the order every log is written in.
bool eventLess(const Event& a, const Event& b);
void sortEvents(std::vector<Event>& events);

std::string toJsonLine(const Event& event);  // no trailing newline
// The text column comes last, so the columns before it keep their places.
std::string csvHeader();
std::string toCsvLine(const Event& event);

enum class EventFormat { Jsonl, Csv };
void writeEvents(std::ostream& out, std::span<const Event> events, EventFormat format);

}  // namespace seawatch::analytics
