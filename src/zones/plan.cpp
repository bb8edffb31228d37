#include "seawatch/zones/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <type_traits>
#include <vector>

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
    // The readers below fill a field, or set `error` and return false.
    bool string(const char* key, std::string& into, RecordError& error) const {
        auto value = string(key, error);
        if (value) into = std::move(*value);
        return value.has_value();
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
    bool time(const char* key, time::UnixMillis& into, RecordError& error) const {
        const auto t = time(key, error);
        if (t) into = *t;
        return t.has_value();
    }
    // Two times, the second after the first: [from, to) of an assignment, a period, a sortie.
    bool span(const char* fromKey, time::UnixMillis& from, const char* toKey, time::UnixMillis& to,
              RecordError& error) const {
        time::UnixMillis a = 0, b = 0;
        if (!time(fromKey, a, error) || !time(toKey, b, error)) return false;
        if (b <= a) {
            error = fail(toKey, fmt::format("is not after '{}'", fromKey));
            return false;
        }
        from = a;
        to = b;
        return true;
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

// Reads one record of a list: not an object is a problem of the record itself; otherwise
// `fill` reads its fields, stopping at the first problem.
template <typename T, typename Fill>
Read<T> readRecord(const RecordReader& r, Fill fill) {
    Read<T> out;
    if (!r.isObject()) {
        out.error = r.failHere("not an object");
        return out;
    }
    T value;
    if (fill(r, value, out.error)) out.value = std::move(value);
    return out;
}

bool readDeparturePoint(const RecordReader& r, LaneDirection& into, RecordError& error) {
    std::string depart;
    if (!r.string("depart", depart, error)) return false;
    if (depart == "A" || depart == "B") {
        into = depart == "B" ? LaneDirection::Westbound : LaneDirection::Eastbound;
        return true;
    }
    error = r.fail("depart", fmt::format("'{}' is not a departure point (A or B)", depart));
    return false;
}

bool readEscortUnits(const RecordReader& r, std::vector<std::string>& into, RecordError& e) {
    const json* units = r.find("escort_units");
    if (!units || !units->is_array() || units->empty()) {
        e = r.fail("escort_units", "missing (a non-empty array of unit names)");
        return false;
    }
    for (std::size_t i = 0; i < units->size(); ++i) {
        const json& u = (*units)[i];
        if (!u.is_string() || u.get<std::string>().empty()) {
            e = {fmt::format("{}[{}]: not a unit name", r.at("escort_units"), i)};
            return false;
        }
        into.push_back(u.get<std::string>());
    }
    return true;
}

bool readConvoy(const RecordReader& r, EscortConvoy& c, RecordError& e) {
    if (!r.string("id", c.id, e) || !r.string("nation", c.nation, e) ||
        !readEscortUnits(r, c.escortUnits, e) || !readDeparturePoint(r, c.direction, e) ||
        !r.time("departure", c.departure, e))
        return false;
    auto speed = r.positive("speed_kn", e);
    if (!speed) return false;
    if (*speed > 30.0) {
        e = r.fail("speed_kn", fmt::format("{} kn is not a convoy speed (at most 30)", *speed));
        return false;
    }
    c.speedKn = *speed;
    if (const json* m = r.find("merchants")) {
        if (!m->is_number_integer() || m->get<int>() < 0) {
            e = r.fail("merchants", "must be a whole number, 0 or more");
            return false;
        }
        c.merchants = m->get<int>();
    }
    return true;
}

// A version 0 group transit, read as a convoy of one escort unit.
bool readGroupTransit(const RecordReader& r, EscortConvoy& c, RecordError& e) {
    if (!r.string("id", c.id, e)) return false;
    const json* speed = r.find("speed_group_kn");
    if (!speed || !speed->is_number() || !isSpeedGroup(speed->get<double>())) {
        e = r.fail("speed_group_kn", "must be 10, 12, 14, 16 or 18");
        return false;
    }
    c.speedKn = speed->get<double>();
    std::string unit;
    if (!readDeparturePoint(r, c.direction, e) || !r.time("departure", c.departure, e) ||
        !r.string("escort_unit", unit, e))
        return false;
    c.escortUnits.push_back(std::move(unit));
    c.nation = r.optionalString("escort_nation");
    return true;
}

bool readAssignment(const RecordReader& r, SectorAssignment& a, RecordError& e) {
    if (!r.string("unit", a.unit, e)) return false;
    a.nation = r.optionalString("nation");
    return r.string("sector", a.sector, e) && r.span("from", a.from, "to", a.to, e);
}

bool readReferencePeriod(const RecordReader& r, ReferenceNationPeriod& p, RecordError& e) {
    return r.string("nation", p.nation, e) && r.span("from", p.from, "to", p.to, e);
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
bool readOrbit(const RecordReader& r, AircraftSortie& s, RecordError& e) {
    const json* orbit = r.find("orbit");
    if (!orbit || !orbit->is_object()) {
        e = r.fail("orbit", "missing (a GeoJSON Polygon or LineString)");
        return false;
    }
    const std::string type = orbit->value("type", "");
    const auto coords = orbit->find("coordinates");
    const std::string path = r.at("orbit");
    if (coords == orbit->end() || !coords->is_array()) {
        e = {path + ".coordinates: missing (an array)"};
        return false;
    }
    const json* points = nullptr;
    if (type == "Polygon") {
        s.shape = OrbitShape::Polygon;
        if (coords->empty() || !(*coords)[0].is_array()) {
            e = {path + ".coordinates: a Polygon needs an outer ring"};
            return false;
        }
        points = &(*coords)[0];
    } else if (type == "LineString") {
        s.shape = OrbitShape::Track;
        points = &*coords;
    } else {
        e = {fmt::format("{}.type: '{}' is not Polygon or LineString", path, type)};
        return false;
    }
    for (std::size_t i = 0; i < points->size(); ++i) {
        auto p = readPosition((*points)[i]);
        if (!p) {
            e = {fmt::format("{}.coordinates: vertex {} is not [lon, lat] in range", path, i)};
            return false;
        }
        s.orbit.push_back(*p);
    }
    // GeoJSON rings repeat the first vertex at the end; the model closes rings implicitly.
    if (s.shape == OrbitShape::Polygon && s.orbit.size() > 1 &&
        s.orbit.front().lon == s.orbit.back().lon && s.orbit.front().lat == s.orbit.back().lat)
        s.orbit.pop_back();
    const std::size_t needed = s.shape == OrbitShape::Polygon ? 3 : 2;
    if (s.orbit.size() < needed) {
        e = {fmt::format("{}.coordinates: needs at least {} distinct vertices", path, needed)};
        return false;
    }
    return true;
}

bool readSortie(const RecordReader& r, AircraftSortie& s, RecordError& e) {
    return r.string("id", s.id, e) && r.string("unit", s.unit, e) &&
           r.string("nation", s.nation, e) &&
           r.span("on_station", s.from, "off_station", s.to, e) && readOrbit(r, s, e);
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

    auto each = [&](const char* key, auto fill, auto& into, std::vector<std::string>* paths) {
        using Record = typename std::decay_t<decltype(into)>::value_type;
        auto list = doc.find(key);
        if (list == doc.end()) return;
        if (!list->is_array()) {
            plan.errors.push_back(fmt::format("{}: {}: not an array", sourceName, key));
            return;
        }
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string path = fmt::format("{}[{}]", key, i);
            auto record = readRecord<Record>(RecordReader((*list)[i], path), fill);
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
