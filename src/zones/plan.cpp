#include "seawatch/zones/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace seawatch::zones {
namespace {

using nlohmann::json;

// The first problem of a record, already prefixed with the JSON path of the offending key.
struct RecordError {
    std::string message;
};

// Reads the keys of one JSON object, naming each problem by its JSON path.
class RecordReader {
  public:
    RecordReader(const json& record, std::string path) : record_(record), path_(std::move(path)) {}

    bool isObject() const { return record_.is_object(); }
    const std::string& path() const { return path_; }
    std::string at(const char* key) const { return path_ + "." + key; }
    RecordError fail(const char* key, const std::string& why) const {
        return {at(key) + ": " + why};
    }
    RecordError failHere(const std::string& why) const { return {path_ + ": " + why}; }

    const json* find(const char* key) const {
        auto it = record_.find(key);
        return it == record_.end() ? nullptr : &*it;
    }
    std::optional<std::string> string(const char* key, RecordError& error) const {
        const json* v = find(key);
        if (!v || !v->is_string() || v->get<std::string>().empty()) {
            error = fail(key, "missing (a non-empty string)");
            return std::nullopt;
        }
        return v->get<std::string>();
    }
    std::string optionalString(const char* key) const {
        const json* v = find(key);
        return (v && v->is_string()) ? v->get<std::string>() : std::string{};
    }
    // An ISO 8601 time that says its zone ("Z" or an offset): a plan is read by planners in
    // several time zones, so a bare local-looking time is refused rather than guessed.
    std::optional<time::UnixMillis> time(const char* key, RecordError& error) const {
        auto text = string(key, error);
        if (!text) return std::nullopt;
        const auto t = time::parseIso8601(*text);
        if (!t) {
            error = fail(key, fmt::format("'{}' is not an ISO 8601 time", *text));
            return std::nullopt;
        }
        if (!statesZone(*text)) {
            error =
                fail(key, fmt::format("'{}' has no time zone (end it with Z or +HH:MM)", *text));
            return std::nullopt;
        }
        return t;
    }
    std::optional<double> positive(const char* key, RecordError& error) const {
        const json* v = find(key);
        if (!v || !v->is_number()) {
            error = fail(key, "missing (a number)");
            return std::nullopt;
        }
        const double value = v->get<double>();
        if (!(value > 0.0) || !std::isfinite(value)) {
            error = fail(key, fmt::format("{} must be above zero", value));
            return std::nullopt;
        }
        return value;
    }

    static bool statesZone(const std::string& text) {
        const auto tPos = text.find_first_of("T ");
        if (tPos == std::string::npos) return false;  // a date alone
        if (text.back() == 'Z' || text.back() == 'z') return true;
        return text.find_first_of("+-", tPos) != std::string::npos;
    }

  private:
    const json& record_;
    std::string path_;
};

// A result that is either the record or the first problem found in it.
template <typename T>
struct Read {
    std::optional<T> value;
    RecordError error;
};

std::optional<LaneDirection> readDeparturePoint(const RecordReader& r, RecordError& error) {
    auto depart = r.string("depart", error);
    if (!depart) return std::nullopt;
    if (*depart == "A") return LaneDirection::Eastbound;
    if (*depart == "B") return LaneDirection::Westbound;
    error = r.fail("depart", fmt::format("'{}' is not a departure point (A or B)", *depart));
    return std::nullopt;
}

Read<EscortConvoy> readConvoy(const RecordReader& r) {
    Read<EscortConvoy> out;
    RecordError& e = out.error;
    if (!r.isObject()) return {std::nullopt, r.failHere("not an object")};
    EscortConvoy c;
    auto id = r.string("id", e);
    if (!id) return out;
    c.id = *id;
    auto nation = r.string("nation", e);
    if (!nation) return out;
    c.nation = *nation;
    const json* units = r.find("escort_units");
    if (!units || !units->is_array() || units->empty())
        return {std::nullopt, r.fail("escort_units", "missing (a non-empty array of unit names)")};
    for (std::size_t i = 0; i < units->size(); ++i) {
        const json& u = (*units)[i];
        if (!u.is_string() || u.get<std::string>().empty())
            return {std::nullopt,
                    {fmt::format("{}[{}]: not a unit name", r.at("escort_units"), i)}};
        c.escortUnits.push_back(u.get<std::string>());
    }
    auto direction = readDeparturePoint(r, e);
    if (!direction) return out;
    c.direction = *direction;
    auto departure = r.time("departure", e);
    if (!departure) return out;
    c.departure = *departure;
    auto speed = r.positive("speed_kn", e);
    if (!speed) return out;
    if (*speed > 30.0)
        return {
            std::nullopt,
            r.fail("speed_kn", fmt::format("{} kn is not a convoy speed (at most 30)", *speed))};
    c.speedKn = *speed;
    if (const json* m = r.find("merchants")) {
        if (!m->is_number_integer() || m->get<int>() < 0)
            return {std::nullopt, r.fail("merchants", "must be a whole number, 0 or more")};
        c.merchants = m->get<int>();
    }
    out.value = std::move(c);
    return out;
}

// A version 0 group transit, read as a convoy of one escort unit.
Read<EscortConvoy> readGroupTransit(const RecordReader& r) {
    Read<EscortConvoy> out;
    RecordError& e = out.error;
    if (!r.isObject()) return {std::nullopt, r.failHere("not an object")};
    EscortConvoy c;
    auto id = r.string("id", e);
    if (!id) return out;
    c.id = *id;
    const json* speed = r.find("speed_group_kn");
    if (!speed || !speed->is_number() || !isSpeedGroup(speed->get<double>()))
        return {std::nullopt, r.fail("speed_group_kn", "must be 10, 12, 14, 16 or 18")};
    c.speedKn = speed->get<double>();
    auto direction = readDeparturePoint(r, e);
    if (!direction) return out;
    c.direction = *direction;
    auto departure = r.time("departure", e);
    if (!departure) return out;
    c.departure = *departure;
    auto unit = r.string("escort_unit", e);
    if (!unit) return out;
    c.escortUnits.push_back(*unit);
    c.nation = r.optionalString("escort_nation");
    out.value = std::move(c);
    return out;
}

Read<SectorAssignment> readAssignment(const RecordReader& r) {
    Read<SectorAssignment> out;
    RecordError& e = out.error;
    if (!r.isObject()) return {std::nullopt, r.failHere("not an object")};
    SectorAssignment a;
    auto unit = r.string("unit", e);
    if (!unit) return out;
    a.unit = *unit;
    a.nation = r.optionalString("nation");
    auto sector = r.string("sector", e);
    if (!sector) return out;
    a.sector = *sector;
    auto from = r.time("from", e);
    if (!from) return out;
    auto to = r.time("to", e);
    if (!to) return out;
    if (*to <= *from) return {std::nullopt, r.fail("to", "is not after 'from'")};
    a.from = *from;
    a.to = *to;
    out.value = std::move(a);
    return out;
}

Read<ReferenceNationPeriod> readReferencePeriod(const RecordReader& r) {
    Read<ReferenceNationPeriod> out;
    RecordError& e = out.error;
    if (!r.isObject()) return {std::nullopt, r.failHere("not an object")};
    ReferenceNationPeriod p;
    auto nation = r.string("nation", e);
    if (!nation) return out;
    p.nation = *nation;
    auto from = r.time("from", e);
    if (!from) return out;
    auto to = r.time("to", e);
    if (!to) return out;
    if (*to <= *from) return {std::nullopt, r.fail("to", "is not after 'from'")};
    p.from = *from;
    p.to = *to;
    out.value = std::move(p);
    return out;
}

std::optional<geo::LonLat> readPosition(const json& v) {
    if (!v.is_array() || v.size() < 2 || !v[0].is_number() || !v[1].is_number())
        return std::nullopt;
    const geo::LonLat p{v[0].get<double>(), v[1].get<double>()};
    if (!(p.lon >= -180.0 && p.lon <= 180.0 && p.lat >= -90.0 && p.lat <= 90.0))
        return std::nullopt;
    return p;
}

// A GeoJSON Polygon (outer ring only) or LineString.
Read<AircraftSortie> readSortie(const RecordReader& r) {
    Read<AircraftSortie> out;
    RecordError& e = out.error;
    if (!r.isObject()) return {std::nullopt, r.failHere("not an object")};
    AircraftSortie s;
    auto id = r.string("id", e);
    if (!id) return out;
    s.id = *id;
    auto unit = r.string("unit", e);
    if (!unit) return out;
    s.unit = *unit;
    auto nation = r.string("nation", e);
    if (!nation) return out;
    s.nation = *nation;
    auto from = r.time("on_station", e);
    if (!from) return out;
    auto to = r.time("off_station", e);
    if (!to) return out;
    if (*to <= *from) return {std::nullopt, r.fail("off_station", "is not after 'on_station'")};
    s.from = *from;
    s.to = *to;
    const json* orbit = r.find("orbit");
    if (!orbit || !orbit->is_object())
        return {std::nullopt, r.fail("orbit", "missing (a GeoJSON Polygon or LineString)")};
    const std::string type = orbit->value("type", "");
    const auto coords = orbit->find("coordinates");
    const std::string path = r.at("orbit");
    if (coords == orbit->end() || !coords->is_array())
        return {std::nullopt, {path + ".coordinates: missing (an array)"}};
    const json* points = nullptr;
    if (type == "Polygon") {
        s.shape = OrbitShape::Polygon;
        if (coords->empty() || !(*coords)[0].is_array())
            return {std::nullopt, {path + ".coordinates: a Polygon needs an outer ring"}};
        points = &(*coords)[0];
    } else if (type == "LineString") {
        s.shape = OrbitShape::Track;
        points = &*coords;
    } else {
        return {std::nullopt,
                {fmt::format("{}.type: '{}' is not Polygon or LineString", path, type)}};
    }
    for (std::size_t i = 0; i < points->size(); ++i) {
        auto p = readPosition((*points)[i]);
        if (!p)
            return {std::nullopt,
                    {fmt::format("{}.coordinates: vertex {} is not [lon, lat] in range", path, i)}};
        s.orbit.push_back(*p);
    }
    // GeoJSON rings repeat the first vertex at the end; the model closes rings implicitly.
    if (s.shape == OrbitShape::Polygon && s.orbit.size() > 1 &&
        s.orbit.front().lon == s.orbit.back().lon && s.orbit.front().lat == s.orbit.back().lat)
        s.orbit.pop_back();
    const std::size_t needed = s.shape == OrbitShape::Polygon ? 3 : 2;
    if (s.orbit.size() < needed)
        return {std::nullopt,
                {fmt::format("{}.coordinates: needs at least {} distinct vertices", path, needed)}};
    out.value = std::move(s);
    return out;
}

// Where each kept record came from, so zone checks after parsing can still name its path.
struct Provenance {
    std::vector<std::string> convoys, assignments, sorties;
};

Result<Plan> parseWithProvenance(const std::string& jsonText, const std::string& sourceName,
                                 Provenance& provenance) {
    json doc = json::parse(jsonText, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return makeError(fmt::format("{}: not a JSON object", sourceName));
    Plan plan;
    plan.version = 0;
    if (auto v = doc.find("version"); v != doc.end()) {
        if (!v->is_number_integer() || v->get<int>() < 1)
            return makeError(fmt::format("{}: version: must be a whole number from 1", sourceName));
        plan.version = v->get<int>();
        if (plan.version > kPlanFormatVersion)
            return makeError(fmt::format("{}: version: {} is newer than this seawatch reads ({})",
                                         sourceName, plan.version, kPlanFormatVersion));
    }
    plan.name = doc.value("name", std::string{});
    auto window = doc.find("window");
    if (window == doc.end() || !window->is_object())
        return makeError(fmt::format("{}: window: missing {{from, to}}", sourceName));
    RecordReader w(*window, "window");
    RecordError windowError;
    auto from = w.time("from", windowError);
    auto to = from ? w.time("to", windowError) : std::nullopt;
    if (!from || !to) return makeError(fmt::format("{}: {}", sourceName, windowError.message));
    if (*to <= *from)
        return makeError(fmt::format("{}: window.to: is not after window.from", sourceName));
    plan.windowFrom = *from;
    plan.windowTo = *to;

    auto each = [&](const char* key, auto read, auto& into, std::vector<std::string>* paths) {
        auto list = doc.find(key);
        if (list == doc.end()) return;
        if (!list->is_array()) {
            plan.errors.push_back(fmt::format("{}: {}: not an array", sourceName, key));
            return;
        }
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string path = fmt::format("{}[{}]", key, i);
            auto record = read(RecordReader((*list)[i], path));
            if (!record.value) {
                plan.errors.push_back(fmt::format("{}: {}", sourceName, record.error.message));
                continue;
            }
            into.push_back(std::move(*record.value));
            if (paths) paths->push_back(path);
        }
    };
    each("group_transits", readGroupTransit, plan.convoys, &provenance.convoys);
    each("convoys", readConvoy, plan.convoys, &provenance.convoys);
    each("sector_assignments", readAssignment, plan.assignments, &provenance.assignments);
    each("sorties", readSortie, plan.sorties, &provenance.sorties);

    // Reference periods: one nation at a time. A period overlapping one already read is
    // skipped, naming both, so the rotation that remains is still consistent.
    std::vector<std::string> periodPaths;
    std::vector<ReferenceNationPeriod> periods;
    each("reference_nations", readReferencePeriod, periods, &periodPaths);
    std::vector<std::string> keptPaths;
    for (std::size_t i = 0; i < periods.size(); ++i) {
        const ReferenceNationPeriod& p = periods[i];
        bool overlaps = false;
        for (std::size_t k = 0; k < plan.referenceNations.size() && !overlaps; ++k) {
            const ReferenceNationPeriod& q = plan.referenceNations[k];
            if (p.from < q.to && q.from < p.to) {
                plan.errors.push_back(fmt::format(
                    "{}: {}: {} from {} overlaps {} ({} until {})", sourceName, periodPaths[i],
                    p.nation, time::formatIso8601(std::max(p.from, q.from)), keptPaths[k], q.nation,
                    time::formatIso8601(q.to)));
                overlaps = true;
            }
        }
        if (overlaps) continue;
        plan.referenceNations.push_back(p);
        keptPaths.push_back(periodPaths[i]);
    }
    std::stable_sort(plan.referenceNations.begin(), plan.referenceNations.end(),
                     [](const auto& a, const auto& b) { return a.from < b.from; });
    return plan;
}

geo::GeoBox unionBox(const geo::GeoBox& a, const geo::GeoBox& b) {
    if (!a.valid()) return b;
    return {std::min(a.west, b.west), std::min(a.south, b.south), std::max(a.east, b.east),
            std::max(a.north, b.north)};
}

void appendTimes(json& record, const char* fromKey, time::UnixMillis from, const char* toKey,
                 time::UnixMillis to) {
    record[fromKey] = time::formatIso8601(from);
    record[toKey] = time::formatIso8601(to);
}

void validateAgainstZones(Plan& plan, Provenance& provenance, std::span<const Zone> zones,
                          const std::string& sourceName, double regionMarginNm) {
    geo::GeoBox region{0, 0, -1, -1};
    bool haveCorridor = false;
    for (const Zone& z : zones) {
        if (z.kind == ZoneKind::CorridorLane) haveCorridor = true;
        if (z.kind == ZoneKind::CorridorLane || z.kind == ZoneKind::PatrolSector)
            region = unionBox(region, z.bounds());
    }
    if (region.valid()) {
        const double dLat = regionMarginNm / 60.0;
        const double midLat = (region.south + region.north) / 2.0 * geo::kDegToRad;
        const double dLon = dLat / std::max(0.1, std::cos(midLat));
        region = {region.west - dLon, region.south - dLat, region.east + dLon, region.north + dLat};
    }
    auto removeIf = [&](auto& list, std::vector<std::string>& paths, const char* key, auto bad) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (auto why = bad(list[i])) {
                plan.errors.push_back(fmt::format("{}: {}{}: {}", sourceName, paths[i], key, *why));
                continue;
            }
            if (kept != i) {
                list[kept] = std::move(list[i]);
                paths[kept] = std::move(paths[i]);
            }
            ++kept;
        }
        list.resize(kept);
        paths.resize(kept);
    };
    removeIf(plan.convoys, provenance.convoys, "",
             [&](const EscortConvoy&) -> std::optional<std::string> {
                 if (haveCorridor) return std::nullopt;
                 return std::string("no corridor lanes in the zones to route it along");
             });
    removeIf(plan.assignments, provenance.assignments, ".sector",
             [&](const SectorAssignment& a) -> std::optional<std::string> {
                 for (const Zone& z : zones)
                     if (z.kind == ZoneKind::PatrolSector && z.name == a.sector)
                         return std::nullopt;
                 return fmt::format("'{}' is not a patrol_sector zone", a.sector);
             });
    removeIf(plan.sorties, provenance.sorties, ".orbit",
             [&](const AircraftSortie& s) -> std::optional<std::string> {
                 if (!region.valid()) return std::nullopt;
                 for (const geo::LonLat& p : s.orbit)
                     if (p.lon >= region.west && p.lon <= region.east && p.lat >= region.south &&
                         p.lat <= region.north)
                         return std::nullopt;
                 return fmt::format(
                     "lies outside the corridor region ({:.2f},{:.2f},{:.2f},{:.2f})", region.west,
                     region.south, region.east, region.north);
             });
}

}  // namespace

const char* departurePointName(LaneDirection direction) {
    return direction == LaneDirection::Westbound ? "Point B" : "Point A";
}

Result<Plan> parsePlan(const std::string& jsonText, const std::string& sourceName,
                       std::span<const Zone> zones) {
    Provenance provenance;
    auto plan = parseWithProvenance(jsonText, sourceName, provenance);
    if (plan && !zones.empty())
        validateAgainstZones(*plan, provenance, zones, sourceName, kCorridorRegionMarginNm);
    return plan;
}

Result<Plan> loadPlan(const std::filesystem::path& path, std::span<const Zone> zones) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(fmt::format("{}: cannot open plan", path.string()));
    std::ostringstream text;
    text << in.rdbuf();
    return parsePlan(text.str(), path.string(), zones);
}

std::string writePlan(const Plan& plan) {
    json doc = json::object();
    doc["version"] = kPlanFormatVersion;
    doc["name"] = plan.name;
    doc["window"] = json::object();
    appendTimes(doc["window"], "from", plan.windowFrom, "to", plan.windowTo);
    json& periods = doc["reference_nations"] = json::array();
    for (const auto& p : plan.referenceNations) {
        json r{{"nation", p.nation}};
        appendTimes(r, "from", p.from, "to", p.to);
        periods.push_back(std::move(r));
    }
    json& convoys = doc["convoys"] = json::array();
    for (const auto& c : plan.convoys) {
        json r{{"id", c.id},
               {"nation", c.nation},
               {"escort_units", c.escortUnits},
               {"depart", c.direction == LaneDirection::Westbound ? "B" : "A"},
               {"departure", time::formatIso8601(c.departure)},
               {"speed_kn", c.speedKn},
               {"merchants", c.merchants}};
        convoys.push_back(std::move(r));
    }
    json& assignments = doc["sector_assignments"] = json::array();
    for (const auto& a : plan.assignments) {
        json r{{"unit", a.unit}, {"nation", a.nation}, {"sector", a.sector}};
        appendTimes(r, "from", a.from, "to", a.to);
        assignments.push_back(std::move(r));
    }
    json& sorties = doc["sorties"] = json::array();
    for (const auto& s : plan.sorties) {
        json r{{"id", s.id}, {"unit", s.unit}, {"nation", s.nation}};
        appendTimes(r, "on_station", s.from, "off_station", s.to);
        json coords = json::array();
        for (const auto& p : s.orbit) coords.push_back({p.lon, p.lat});
        if (s.shape == OrbitShape::Polygon) {
            coords.push_back({s.orbit.front().lon, s.orbit.front().lat});
            r["orbit"] = {{"type", "Polygon"}, {"coordinates", json::array({coords})}};
        } else {
            r["orbit"] = {{"type", "LineString"}, {"coordinates", coords}};
        }
        sorties.push_back(std::move(r));
    }
    // nlohmann's default object keeps keys sorted, which fixes the order of every record.
    return doc.dump(1) + "\n";
}

Status savePlan(const Plan& plan, const std::filesystem::path& path) {
    const std::filesystem::path temp = path.string() + ".saving";
    {
        std::ofstream out(temp, std::ios::binary);
        out << writePlan(plan);
        out.close();
        if (!out) return makeError(fmt::format("{}: cannot write", temp.string()));
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) return makeError(fmt::format("{}: cannot replace: {}", path.string(), ec.message()));
    return {};
}

GroupTransit convoyTransit(const EscortConvoy& convoy) {
    GroupTransit g;
    g.id = convoy.id;
    g.speedKn = convoy.speedKn;
    g.direction = convoy.direction;
    g.departure = convoy.departure;
    for (const auto& unit : convoy.escortUnits) {
        if (!g.escortUnit.empty()) g.escortUnit += " + ";
        g.escortUnit += unit;
    }
    g.escortNation = convoy.nation;
    return g;
}

Schedule planSchedule(const Plan& plan) {
    Schedule s;
    s.name = plan.name;
    s.windowFrom = plan.windowFrom;
    s.windowTo = plan.windowTo;
    for (const auto& c : plan.convoys) s.transits.push_back(convoyTransit(c));
    s.assignments = plan.assignments;
    return s;
}

}  // namespace seawatch::zones
