#include "seawatch/station/coordination_log.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "seawatch/station/roles.hpp"

namespace seawatch::station {

namespace {

constexpr std::size_t kMaxTextBytes = 4000;

std::vector<std::string> splitComma(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    for (const char c : text) {
        if (c == ',') {
            out.push_back(current);
            current.clear();
        } else if (c != ' ') {
            current += c;
        }
    }
    out.push_back(current);
    return out;
}

LogEntry entryFromRow(const PgResult& r, int row) {
    LogEntry e;
    e.seq = r.integer(row, 0);
    e.id = std::string(r.text(row, 2));
    e.station = std::string(r.text(row, 3));
    e.time = r.integer(row, 4);
    e.text = std::string(r.text(row, 5));
    if (!r.isNull(row, 6)) {
        e.lat = r.real(row, 6);
        e.lon = r.real(row, 7);
    }
    e.releasableTo = splitComma(r.text(row, 8));
    e.ref = std::string(r.text(row, 9));
    return e;
}

std::string formatCoordinate(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6f", v);
    return buffer;
}

}  // namespace

std::string makeUuid() {
    thread_local std::mt19937_64 generator = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }();
    std::uint64_t high = generator();
    std::uint64_t low = generator();
    high = (high & ~0xF000ULL) | 0x4000ULL;            // version 4
    low = (low & ~(0xC0ULL << 56)) | (0x80ULL << 56);  // RFC 4122 variant
    char text[37];
    std::snprintf(text, sizeof text, "%08llx-%04llx-%04llx-%04llx-%012llx",
                  static_cast<unsigned long long>(high >> 32),
                  static_cast<unsigned long long>((high >> 16) & 0xFFFF),
                  static_cast<unsigned long long>(high & 0xFFFF),
                  static_cast<unsigned long long>(low >> 48),
                  static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return text;
}

Result<std::vector<std::string>> parseReleasability(std::string_view text) {
    std::vector<std::string> groups = splitComma(text);
    for (const std::string& g : groups) {
        if (g == "all") {
            if (groups.size() > 1) {
                return makeError("--releasable-to: 'all' cannot be combined with groups");
            }
            continue;
        }
        if (auto ok = validateRoleName(g, "group"); !ok) {
            return makeError("--releasable-to: " + ok.error());
        }
    }
    return groups;
}

Result<std::pair<double, double>> parseLatLon(std::string_view text) {
    const std::string s(text);
    double lat = 0, lon = 0;
    char extra = 0;
    if (std::sscanf(s.c_str(), "%lf,%lf%c", &lat, &lon, &extra) != 2 || !std::isfinite(lat) ||
        !std::isfinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
        return makeError("--at wants LAT,LON in degrees (-90..90, -180..180), got '" + s + "'");
    }
    return std::pair{lat, lon};
}

Status validateRef(std::string_view ref) {
    if (ref.empty()) return {};
    const std::string s(ref);
    auto bad = [&s] {
        return makeError("--ref wants incident:REF, mmsi:NNNNNNNNN (9 digits) or alert:ID, got '" +
                         s + "'");
    };
    if (s.starts_with("incident:") && s.size() > 9) return {};
    if (s.starts_with("alert:") && s.size() > 6) return {};
    if (s.starts_with("mmsi:") && s.size() == 14) {
        for (std::size_t i = 5; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9') return bad();
        }
        return {};
    }
    return bad();
}

Status validateEntry(const LogEntry& entry) {
    if (entry.text.empty()) return makeError("the entry has no text");
    if (entry.text.size() > kMaxTextBytes) {
        return makeError("the entry's text is " + std::to_string(entry.text.size()) +
                         " bytes; the log takes at most " + std::to_string(kMaxTextBytes));
    }
    if (entry.lat.has_value() != entry.lon.has_value()) {
        return makeError("a position needs both latitude and longitude");
    }
    if (entry.lat &&
        (*entry.lat < -90 || *entry.lat > 90 || *entry.lon < -180 || *entry.lon > 180 ||
         !std::isfinite(*entry.lat) || !std::isfinite(*entry.lon))) {
        return makeError("the position is outside -90..90, -180..180");
    }
    if (entry.releasableTo.empty()) return makeError("the entry is released to nobody");
    for (const std::string& g : entry.releasableTo) {
        if (g != "all") {
            if (auto ok = validateRoleName(g, "group"); !ok) return ok;
        }
    }
    return validateRef(entry.ref);
}

Result<bool> postEntry(PgConnection& conn, const LogEntry& entry, PgFailure* failure) {
    if (auto ok = validateEntry(entry); !ok) {
        if (failure) *failure = {FailureKind::BadInput, ok.error(), ""};
        return makeError(ok.error());
    }
    std::string groups = "{";
    for (std::size_t i = 0; i < entry.releasableTo.size(); ++i) {
        groups += (i ? "," : "") + entry.releasableTo[i];
    }
    groups += "}";
    std::optional<std::string> time;
    if (entry.time != 0) time = std::to_string(entry.time);
    std::optional<std::string> lat, lon, ref;
    if (entry.lat) {
        lat = formatCoordinate(*entry.lat);
        lon = formatCoordinate(*entry.lon);
    }
    if (!entry.ref.empty()) ref = entry.ref;
    PgFailure f;
    auto result = conn.exec(
        "INSERT INTO coordination_log (id, time, text, geom, releasable_to, ref) "
        "VALUES ($1::uuid, coalesce(to_timestamp($2::bigint / 1000.0), now()), $3, "
        "CASE WHEN $4::float8 IS NULL THEN NULL "
        "ELSE ST_SetSRID(ST_MakePoint($5::float8, $4::float8), 4326) END, $6::text[], $7) "
        "ON CONFLICT (id) DO NOTHING",
        {entry.id, time, entry.text, lat, lon, groups, ref}, &f);
    if (!result) {
        if (f.kind == FailureKind::NoRights) {
            f.message = "role \"" + conn.user() +
                        "\" may not post to the coordination log (it is not a station: run "
                        "seawatch station add " +
                        conn.user() + ")";
        }
        if (failure) *failure = f;
        return makeError(f.message);
    }
    const char* affected = PQcmdTuples(result->get());
    return affected && std::atoi(affected) > 0;
}

const char* const LogCursor::kLogColumns =
    "seq, xid::text, id::text, station, "
    "(extract(epoch FROM time) * 1000)::bigint, text, ST_Y(geom), ST_X(geom), "
    "array_to_string(releasable_to, ','), coalesce(ref, '')";

namespace {
Result<std::vector<LogEntry>> entriesOf(Result<ArrivalCursor::Batch> batch) {
    if (!batch) return makeError(batch.error());
    std::vector<LogEntry> out;
    out.reserve(batch->fresh.size());
    for (const int row : batch->fresh) out.push_back(entryFromRow(batch->rows, row));
    return out;
}
}  // namespace

Result<std::vector<LogEntry>> LogCursor::start(PgConnection& conn,
                                               std::optional<time::UnixMillis> since,
                                               std::size_t lastN, PgFailure* failure) {
    if (since) {
        return entriesOf(cursor_.start(conn, "WHERE time >= to_timestamp($1::bigint / 1000.0)",
                                       {std::to_string(*since)}, failure));
    }
    if (lastN > 0) {
        return entriesOf(
            cursor_.start(conn,
                          "WHERE seq >= coalesce((SELECT min(seq) FROM (SELECT seq FROM "
                          "coordination_log ORDER BY seq DESC LIMIT $1::bigint) last), 0)",
                          {std::to_string(lastN)}, failure));
    }
    return entriesOf(cursor_.start(conn, "", {}, failure));
}

Result<std::vector<LogEntry>> LogCursor::fetchNew(PgConnection& conn, PgFailure* failure) {
    return entriesOf(cursor_.fetchNew(conn, failure));
}

Status listenForLog(PgConnection& conn) {
    return conn.execScript("LISTEN seawatch_log");
}

void writeLogJsonLine(std::ostream& out, const LogEntry& e) {
    nlohmann::ordered_json j;
    j["id"] = e.id;
    j["station"] = e.station;
    j["time"] = time::formatIso8601(e.time);
    j["text"] = e.text;
    j["lat"] = e.lat ? nlohmann::ordered_json(*e.lat) : nlohmann::ordered_json(nullptr);
    j["lon"] = e.lon ? nlohmann::ordered_json(*e.lon) : nlohmann::ordered_json(nullptr);
    j["releasable_to"] = e.releasableTo;
    j["ref"] = e.ref.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(e.ref);
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void writeLogTableHeader(std::ostream& out) {
    out << std::left << std::setw(21) << "time" << ' ' << std::setw(14) << "station" << ' '
        << std::setw(22) << "position" << ' ' << std::setw(16) << "releasable to" << ' '
        << std::setw(20) << "ref"
        << " text\n";
}

void writeLogTableRow(std::ostream& out, const LogEntry& e) {
    std::string position;
    if (e.lat) position = formatCoordinate(*e.lat) + "," + formatCoordinate(*e.lon);
    std::string groups;
    for (std::size_t i = 0; i < e.releasableTo.size(); ++i) {
        groups += (i ? "," : "") + e.releasableTo[i];
    }
    out << std::left << std::setw(21) << time::formatDisplay(e.time) << ' ' << std::setw(14)
        << e.station << ' ' << std::setw(22) << position << ' ' << std::setw(16) << groups << ' '
        << std::setw(20) << e.ref << ' ' << e.text << '\n';
}

}  // namespace seawatch::station
