#include "seawatch/analytics/event.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "seawatch/analytics/safety_text.hpp"
#include "seawatch/common/text_quoting.hpp"

namespace seawatch::analytics {
namespace {

constexpr std::array<std::pair<EventType, const char*>, 12> kNames{{
    {EventType::ZoneEnter, "zone_enter"},
    {EventType::ZoneExit, "zone_exit"},
    {EventType::LaneExit, "lane_exit"},
    {EventType::LaneWrongWay, "lane_wrong_way"},
    {EventType::Cpa, "cpa"},
    {EventType::SuspiciousApproach, "suspicious_approach"},
    {EventType::Loitering, "loitering"},
    {EventType::Encounter, "encounter"},
    {EventType::CoverageGap, "coverage_gap"},
    {EventType::AssignmentConflict, "assignment_conflict"},
    {EventType::UnescortedTransit, "unescorted_transit"},
    {EventType::SafetyText, "safety_text"},
}};

// Three decimals are 2 m in nm and 0.06 s in minutes: finer than any input AIS gives.
// Negative zero is folded so the text never depends on rounding direction.
std::string fixed(double v, int decimals) {
    if (!std::isfinite(v)) return "null";
    std::string s = fmt::format("{:.{}f}", v, decimals);
    if (s.find_first_not_of("-0.") == std::string::npos && s.front() == '-') s.erase(0, 1);
    return s;
}

}  // namespace

const char* eventTypeName(EventType type) {
    for (const auto& [t, name] : kNames)
        if (t == type) return name;
    return "unknown";
}

std::optional<EventType> parseEventType(std::string_view text) {
    for (const auto& [t, name] : kNames)
        if (text == name) return t;
    return std::nullopt;
}

Severity severityOf(EventType type) {
    switch (type) {
        case EventType::SuspiciousApproach:
        case EventType::CoverageGap:
            return Severity::Alarm;
        case EventType::Cpa:
        case EventType::LaneWrongWay:
        case EventType::Loitering:
        case EventType::Encounter:
        case EventType::AssignmentConflict:
        case EventType::UnescortedTransit:
        case EventType::SafetyText:
            return Severity::Warning;
        case EventType::ZoneEnter:
        case EventType::ZoneExit:
        case EventType::LaneExit:
            break;
    }
    return Severity::Info;
}

Severity severityOf(const Event& event) {
    if (event.type == EventType::SafetyText && !piracyWordsIn(event.text).empty()) {
        return Severity::Alarm;
    }
    return severityOf(event.type);
}

const char* severityName(Severity severity) {
    switch (severity) {
        case Severity::Alarm:
            return "alarm";
        case Severity::Warning:
            return "warning";
        case Severity::Info:
            break;
    }
    return "info";
}

bool isRoutine(EventType type) {
    return type == EventType::ZoneEnter || type == EventType::ZoneExit;
}

std::optional<double> Event::number(std::string_view key) const {
    for (const auto& [k, v] : numbers)
        if (k == key) return v;
    return std::nullopt;
}

bool eventLess(const Event& a, const Event& b) {
    return std::tie(a.time, a.type, a.mmsi, a.zone, a.unit, a.text) <
           std::tie(b.time, b.type, b.mmsi, b.zone, b.unit, b.text);
}

void sortEvents(std::vector<Event>& events) {
    std::stable_sort(events.begin(), events.end(), eventLess);
}

std::string toJsonLine(const Event& e) {
    std::string out = fmt::format("{{\"type\":\"{}\",\"time\":\"{}\"", eventTypeName(e.type),
                                  time::formatIso8601(e.time));
    if (e.mmsi.size() == 1) {
        out += fmt::format(",\"mmsi\":{}", e.mmsi.front());
    } else if (e.mmsi.size() > 1) {
        out += ",\"mmsi\":[";
        for (std::size_t i = 0; i < e.mmsi.size(); ++i)
            out += fmt::format("{}{}", i ? "," : "", e.mmsi[i]);
        out += "]";
    }
    if (!e.zone.empty()) out += ",\"zone\":" + jsonQuoted(e.zone);
    if (!e.unit.empty()) out += ",\"unit\":" + jsonQuoted(e.unit);
    if (!e.text.empty()) out += ",\"text\":" + jsonQuoted(e.text);
    out += fmt::format(",\"lat\":{},\"lon\":{}", fixed(e.lat, 6), fixed(e.lon, 6));
    for (const auto& [key, value] : e.numbers)
        out += fmt::format(",{}:{}", jsonQuoted(key), fixed(value, 3));
    return out + "}";
}

std::string csvHeader() {
    return "type,time,mmsi,mmsi2,zone,unit,lat,lon,numbers,text";
}

std::string toCsvLine(const Event& e) {
    std::string numbers;
    for (const auto& [key, value] : e.numbers) {
        if (!numbers.empty()) numbers += ';';
        numbers += key + "=" + fixed(value, 3);
    }
    return fmt::format(
        "{},{},{},{},{},{},{},{},{},{}", eventTypeName(e.type), time::formatIso8601(e.time),
        e.mmsi.empty() ? std::string{} : std::to_string(e.mmsi[0]),
        e.mmsi.size() > 1 ? std::to_string(e.mmsi[1]) : std::string{}, csvField(e.zone),
        csvField(e.unit), fixed(e.lat, 6), fixed(e.lon, 6), csvField(numbers), csvField(e.text));
}

void writeEvents(std::ostream& out, std::span<const Event> events, EventFormat format) {
    if (format == EventFormat::Csv) out << csvHeader() << '\n';
    for (const Event& e : events)
        out << (format == EventFormat::Csv ? toCsvLine(e) : toJsonLine(e)) << '\n';
}

}  // namespace seawatch::analytics
