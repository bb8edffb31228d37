#include "seawatch/analytics/alert_filter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace seawatch::analytics {

namespace {

std::string lowerCase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool matchesText(const Event& event, const std::string& lowerNeedle) {
    if (lowerNeedle.empty()) return true;
    auto has = [&](std::string_view field) {
        return lowerCase(field).find(lowerNeedle) != std::string::npos;
    };
    if (has(eventTypeName(event.type)) || has(alertTypeLabel(event.type)) || has(event.zone) ||
        has(event.unit) || has(event.text))
        return true;
    return std::any_of(event.mmsi.begin(), event.mmsi.end(),
                       [&](ais::Mmsi m) { return has(std::to_string(m)); });
}

}  // namespace

std::uint32_t typeBit(EventType type) {
    return 1u << static_cast<unsigned>(type);
}

std::vector<std::size_t> filterAlerts(std::span<const Event> events, const AlertQuery& query,
                                      const std::vector<bool>& acknowledged) {
    std::vector<std::size_t> out;
    const std::string needle = lowerCase(query.text);
    // Events are sorted by time: walk back from the last one at or before now.
    auto end = std::upper_bound(events.begin(), events.end(), query.now,
                                [](time::UnixMillis t, const Event& e) { return t < e.time; });
    for (auto it = end; it != events.begin();) {
        --it;
        if (query.maxAge && it->time < query.now - *query.maxAge) break;
        const auto index = static_cast<std::size_t>(it - events.begin());
        if (!(query.typeMask & typeBit(it->type))) continue;
        if (query.unacknowledgedOnly && index < acknowledged.size() && acknowledged[index])
            continue;
        if (!matchesText(*it, needle)) continue;
        out.push_back(index);
    }
    return out;
}

std::uint32_t routineTypeMask() {
    std::uint32_t mask = 0;
    for (std::size_t t = 0; t < kEventTypeCount; ++t)
        if (isRoutine(static_cast<EventType>(t))) mask |= typeBit(static_cast<EventType>(t));
    return mask;
}

std::uint32_t defaultAlertTypeMask() {
    return kAllAlertTypes & ~routineTypeMask();
}

std::size_t countUnacknowledged(std::span<const Event> events, time::UnixMillis now,
                                const std::vector<bool>& acknowledged, std::uint32_t typeMask) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < events.size() && events[i].time <= now; ++i) {
        if (!(typeMask & typeBit(events[i].type))) continue;
        if (i >= acknowledged.size() || !acknowledged[i]) ++count;
    }
    return count;
}

float alertFade(time::UnixMillis eventTime, time::UnixMillis now, time::UnixMillis window,
                float floor) {
    const time::UnixMillis age = now - eventTime;
    if (age < 0 || age > window || window <= 0) return 0.0f;
    const float t = static_cast<float>(age) / static_cast<float>(window);
    return 1.0f - t * (1.0f - floor);
}

std::string alertTypeLabel(EventType type) {
    // Words for the watch, not the JSON names ("cpa", "lane_wrong_way"); filters match either.
    switch (type) {
        case EventType::ZoneEnter: return "Zone entry";
        case EventType::ZoneExit: return "Zone exit";
        case EventType::LaneExit: return "Left the lane";
        case EventType::LaneWrongWay: return "Wrong way in lane";
        case EventType::Cpa: return "CPA";
        case EventType::SuspiciousApproach: return "Suspicious approach";
        case EventType::Loitering: return "Loitering";
        case EventType::Encounter: return "Encounter";
        case EventType::CoverageGap: return "Coverage gap";
        case EventType::AssignmentConflict: return "Assignment conflict";
        case EventType::UnescortedTransit: return "Unescorted transit";
        case EventType::SafetyText: return "Safety message";
    }
    return eventTypeName(type);
}

std::string formatCpa(const CpaResult& cpa) {
    if (cpa.tcpaMin >= 0.0)
        return fmt::format("CPA {:.2f} nm in {:.0f} min", cpa.cpaNm, cpa.tcpaMin);
    return fmt::format("CPA passed, {:.2f} nm {:.0f} min ago", cpa.cpaNm, -cpa.tcpaMin);
}

std::string describeAlert(const Event& e) {
    auto num = [&](std::string_view key) { return e.number(key).value_or(0.0); };
    switch (e.type) {
        case EventType::Cpa:
        case EventType::SuspiciousApproach: {
            CpaResult cpa;
            cpa.cpaNm = num("cpa_nm");
            cpa.tcpaMin = num("tcpa_min");
            return formatCpa(cpa);
        }
        case EventType::Loitering:
            return fmt::format("loitering {:.0f} min at {:.1f} kn", num("hours") * 60.0,
                               num("mean_speed_kn"));
        case EventType::Encounter:
            return fmt::format("encounter {:.0f} min, closest {:.2f} nm", num("duration_min"),
                               num("min_range_nm"));
        case EventType::CoverageGap:
            return fmt::format("no unit over {:.0f}-{:.0f} nm for {:.0f} min", num("from_nm"),
                               num("to_nm"), num("duration_min"));
        case EventType::AssignmentConflict:
            return fmt::format("sectors overlap for {:.0f} min", num("overlap_min"));
        case EventType::UnescortedTransit:
            return fmt::format("unescorted {:.0f} min, nearest group {:.1f} nm",
                               num("unescorted_min"), num("nearest_group_nm"));
        case EventType::LaneWrongWay:
            return fmt::format("course {:.0f}\xC2\xB0 against lane {:.0f}\xC2\xB0",
                               num("course_deg"), num("lane_course_deg"));
        case EventType::LaneExit:
            return fmt::format("left the lane, {:.1f} nm off", std::abs(num("xtd_nm")));
        case EventType::ZoneEnter:
            return fmt::format("entered {}", e.zone);
        case EventType::ZoneExit:
            return fmt::format("left {}", e.zone);
        case EventType::SafetyText:
            return fmt::format("{}\"{}\"", severityOf(e) == Severity::Alarm ? "PIRACY " : "",
                               e.text);
    }
    return alertTypeLabel(e.type);
}

VesselNames vesselNames(const ais::TrackStore& tracks) {
    return [&tracks](ais::Mmsi mmsi) -> std::string {
        const auto index = tracks.indexOf(mmsi);
        return index ? tracks.staticData(*index).name : std::string{};
    };
}

std::string vesselLabel(ais::Mmsi mmsi, const VesselNames& names) {
    std::string name = names ? names(mmsi) : std::string{};
    // AIS pads names with '@' or spaces; what is left is what a radio operator would say.
    while (!name.empty() && (name.back() == ' ' || name.back() == '@')) name.pop_back();
    return name.empty() ? fmt::format("MMSI {}", mmsi) : name;
}

std::string alertLabel(const Event& e, const VesselNames& names) {
    std::string label = describeAlert(e);
    if (e.mmsi.size() >= 2) label += " with " + vesselLabel(e.mmsi[1], names);
    return label;
}

std::string alertSentence(const Event& e, const VesselNames& names) {
    std::string subject;
    if (!e.mmsi.empty()) {
        subject = vesselLabel(e.mmsi[0], names);
    } else if (!e.zone.empty()) {
        subject = e.zone;
    } else if (!e.unit.empty()) {
        subject = e.unit;
    }
    std::string label = alertLabel(e, names);
    // A zone names where it happened, unless the label already says it (entered/left).
    if (!e.mmsi.empty() && !e.zone.empty() && !isRoutine(e.type)) label += " in " + e.zone;
    return subject.empty() ? label : subject + ": " + label;
}

// The picture's callers hold a TrackStore: the same rule, through the same names.
std::string vesselDisplayName(const ais::TrackStore& tracks, ais::Mmsi mmsi) {
    return vesselLabel(mmsi, vesselNames(tracks));
}

std::string alertSentence(const Event& e, const ais::TrackStore& tracks) {
    return alertSentence(e, vesselNames(tracks));
}

std::optional<CpaLine> predictCpaLine(const ais::TrackStore& tracks, ais::Mmsi first,
                                      ais::Mmsi second, time::UnixMillis now) {
    const auto a = tracks.stateAtMmsi(first, now);
    const auto b = tracks.stateAtMmsi(second, now);
    if (!a || !b) return std::nullopt;
    if (std::isnan(a->speedKn) || std::isnan(a->courseDeg) || std::isnan(b->speedKn) ||
        std::isnan(b->courseDeg))
        return std::nullopt;
    const Motion ma{{a->lon, a->lat}, a->speedKn, a->courseDeg};
    const Motion mb{{b->lon, b->lat}, b->speedKn, b->courseDeg};
    CpaLine line;
    line.cpa = computeCpa(ma, mb);
    line.firstNow = ma.position;
    line.secondNow = mb.position;
    // A CPA already past is shown where the vessels are now, not projected backwards.
    const double hours = std::max(0.0, line.cpa.tcpaMin) / 60.0;
    line.firstAtCpa = geo::destination(ma.position, ma.courseDeg, ma.speedKn * hours);
    line.secondAtCpa = geo::destination(mb.position, mb.courseDeg, mb.speedKn * hours);
    return line;
}

}  // namespace seawatch::analytics
