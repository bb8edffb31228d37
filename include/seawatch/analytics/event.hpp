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

struct Event {
    EventType type = EventType::ZoneEnter;
    time::UnixMillis time = 0;
    std::vector<ais::Mmsi> mmsi;  // none (schedule events), one, or a pair
    std::string zone;  // for safety_text: the message text (it says where it applies)
    std::string unit;
    double lat = 0.0;
    double lon = 0.0;
    // The numbers behind the event, in a fixed order per type (e.g. cpa_nm, tcpa_min).
    std::vector<std::pair<std::string, double>> numbers;

    std::optional<double> number(std::string_view key) const;
};

// Orders by time, then type, MMSIs, zone and unit: the order every log is written in.
bool eventLess(const Event& a, const Event& b);
void sortEvents(std::vector<Event>& events);

std::string toJsonLine(const Event& event);  // no trailing newline
std::string csvHeader();
std::string toCsvLine(const Event& event);

enum class EventFormat { Jsonl, Csv };
void writeEvents(std::ostream& out, std::span<const Event> events, EventFormat format);

}  // namespace seawatch::analytics
