#include "seawatch/zones/schedule.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "seawatch/common/json_limits.hpp"
#include "seawatch/time/plausible.hpp"

namespace seawatch::zones {
namespace {

using nlohmann::json;

Result<std::string> requireString(const json& record, const char* key) {
    auto it = record.find(key);
    if (it == record.end() || !it->is_string() || it->get<std::string>().empty())
        return makeError(fmt::format("missing string '{}'", key));
    return it->get<std::string>();
}

Result<time::UnixMillis> requireTime(const json& record, const char* key) {
    auto text = requireString(record, key);
    if (!text) return makeError(text.error());
    auto t = time::parseIso8601(*text);
    if (!t) return makeError(fmt::format("'{}' = '{}' is not an ISO 8601 UTC time", key, *text));
    // A typo in a year would stretch coverage and planned positions over centuries.
    if (const time::PlausibleYears years; !years.contains(*t))
        return makeError(
            fmt::format("'{}' = '{}' is outside the years {}", key, *text, years.describe()));
    return *t;
}

std::string optionalString(const json& record, const char* key) {
    auto it = record.find(key);
    return (it != record.end() && it->is_string()) ? it->get<std::string>() : std::string{};
}

Result<GroupTransit> readTransit(const json& r) {
    if (!r.is_object()) return makeError("not an object");
    GroupTransit g;
    auto id = requireString(r, "id");
    if (!id) return makeError(id.error());
    g.id = *id;
    auto speed = r.find("speed_group_kn");
    if (speed == r.end() || !speed->is_number() || !isSpeedGroup(speed->get<double>()))
        return makeError("'speed_group_kn' must be 10, 12, 14, 16 or 18");
    g.speedKn = speed->get<double>();
    auto depart = requireString(r, "depart");
    if (!depart) return makeError(depart.error());
    if (*depart == "A")
        g.direction = LaneDirection::Eastbound;
    else if (*depart == "B")
        g.direction = LaneDirection::Westbound;
    else
        return makeError(fmt::format("'depart' = '{}' must be A or B", *depart));
    // "direction" is optional and redundant with "depart"; when given it must agree.
    if (const std::string dir = optionalString(r, "direction"); !dir.empty()) {
        const auto parsed = parseLaneDirection(dir);
        if (!parsed || *parsed == LaneDirection::None)
            return makeError(fmt::format("'direction' = '{}' must be eastbound or westbound", dir));
        if (*parsed != g.direction)
            return makeError(
                fmt::format("'direction' {} does not match departing from {}", dir, *depart));
    }
    auto departure = requireTime(r, "departure");
    if (!departure) return makeError(departure.error());
    g.departure = *departure;
    auto unit = requireString(r, "escort_unit");
    if (!unit) return makeError(unit.error());
    g.escortUnit = *unit;
    g.escortNation = optionalString(r, "escort_nation");
    return g;
}

Result<SectorAssignment> readAssignment(const json& r) {
    if (!r.is_object()) return makeError("not an object");
    SectorAssignment a;
    auto unit = requireString(r, "unit");
    if (!unit) return makeError(unit.error());
    a.unit = *unit;
    a.nation = optionalString(r, "nation");
    auto sector = requireString(r, "sector");
    if (!sector) return makeError(sector.error());
    a.sector = *sector;
    auto from = requireTime(r, "from");
    if (!from) return makeError(from.error());
    auto to = requireTime(r, "to");
    if (!to) return makeError(to.error());
    if (*to <= *from) return makeError("'to' is not after 'from'");
    a.from = *from;
    a.to = *to;
    return a;
}

}  // namespace

bool isSpeedGroup(double knots) {
    for (double g : {10.0, 12.0, 14.0, 16.0, 18.0})
        if (knots == g) return true;
    return false;
}

Result<Schedule> parseSchedule(const std::string& jsonText, const std::string& sourceName) {
    JsonLimits limits;
    limits.rejectDuplicateKeys = true;  // written by hand: a key twice is a mistake
    if (Status bounded = checkJsonLimits(jsonText, limits); !bounded)
        return makeError(fmt::format("{}: {}", sourceName, bounded.error()));
    json doc = json::parse(jsonText, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return makeError(fmt::format("{}: not a JSON object", sourceName));
    Schedule schedule;
    schedule.name = optionalString(doc, "name");
    auto window = doc.find("window");
    if (window == doc.end() || !window->is_object())
        return makeError(fmt::format("{}: missing 'window' {{from, to}}", sourceName));
    auto from = requireTime(*window, "from");
    auto to = requireTime(*window, "to");
    if (!from || !to || *to <= *from)
        return makeError(fmt::format("{}: 'window' needs ISO 8601 'from' before 'to'", sourceName));
    schedule.windowFrom = *from;
    schedule.windowTo = *to;

    auto each = [&](const char* key, auto read, auto& into) {
        auto list = doc.find(key);
        if (list == doc.end()) return;
        if (!list->is_array()) {
            schedule.errors.push_back(fmt::format("{}: '{}' is not an array", sourceName, key));
            return;
        }
        for (std::size_t i = 0; i < list->size(); ++i) {
            auto record = read((*list)[i]);
            if (record)
                into.push_back(std::move(*record));
            else
                schedule.errors.push_back(
                    fmt::format("{}: {}[{}]: {}", sourceName, key, i, record.error()));
        }
    };
    each("group_transits", readTransit, schedule.transits);
    each("sector_assignments", readAssignment, schedule.assignments);
    return schedule;
}

Result<Schedule> loadSchedule(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(fmt::format("{}: cannot open schedule", path.string()));
    std::ostringstream text;
    text << in.rdbuf();
    return parseSchedule(text.str(), path.string());
}

time::UnixMillis plannedArrival(const GroupTransit& transit, const Corridor& corridor) {
    const double lengthNm = corridor.lane(transit.direction).centreline.lengthNm();
    return transit.departure +
           static_cast<time::UnixMillis>(std::llround(lengthNm / transit.speedKn *
                                                      static_cast<double>(time::kMillisPerHour)));
}

std::optional<PlannedPosition> plannedPosition(const GroupTransit& transit,
                                               const Corridor& corridor, time::UnixMillis t) {
    if (t < transit.departure) return std::nullopt;
    const Centreline& line = corridor.lane(transit.direction).centreline;
    const double along = transit.speedKn * static_cast<double>(t - transit.departure) /
                         static_cast<double>(time::kMillisPerHour);
    if (along > line.lengthNm()) return std::nullopt;
    PlannedPosition planned;
    planned.alongNm = along;
    planned.position = line.pointAt(along);
    const geo::LonLat ahead = line.pointAt(std::min(along + 1.0, line.lengthNm()));
    const geo::LonLat behind = line.pointAt(std::max(along - 1.0, 0.0));
    planned.courseDeg = geo::initialBearingDeg(behind, ahead);
    return planned;
}

std::optional<double> plannedAlongNm(const GroupTransit& transit, const Corridor& corridor,
                                     time::UnixMillis t) {
    if (t < transit.departure) return std::nullopt;
    const Centreline& line = corridor.lane(transit.direction).centreline;
    const double along = transit.speedKn * static_cast<double>(t - transit.departure) /
                         static_cast<double>(time::kMillisPerHour);
    if (along > line.lengthNm()) return std::nullopt;
    return along;
}

std::optional<geo::LonLat> plannedPoint(const GroupTransit& transit, const Corridor& corridor,
                                        time::UnixMillis t) {
    const auto along = plannedAlongNm(transit, corridor, t);
    if (!along) return std::nullopt;
    return corridor.lane(transit.direction).centreline.pointAt(*along);
}

std::vector<GroupPosition> plannedGroupPositions(const Schedule& schedule, const Corridor& corridor,
                                                 time::UnixMillis t) {
    std::vector<GroupPosition> out;
    for (std::size_t i = 0; i < schedule.transits.size(); ++i)
        if (auto planned = plannedPosition(schedule.transits[i], corridor, t))
            out.push_back({i, *planned});
    return out;
}

}  // namespace seawatch::zones
