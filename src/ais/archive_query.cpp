#include "seawatch/ais/archive_query.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "seawatch/ais/archive.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"

namespace seawatch::ais {
namespace {

using workspace::sqliteError;
using workspace::Statement;

// MMSIs are integers, so inlining them is safe, and an IN list lets SQLite test them directly.
std::string mmsiList(const std::vector<Mmsi>& mmsi) {
    std::string out;
    for (const Mmsi m : mmsi) {
        if (!out.empty()) out += ',';
        out += std::to_string(m);
    }
    return out;
}

std::string cellList(const std::vector<int>& cells) {
    std::string out;
    for (const int c : cells) {
        if (!out.empty()) out += ',';
        out += std::to_string(c);
    }
    return out;
}

// Three plans: nothing to narrow by (every position, in key order); a box of a bounded number
// of cells (one seek per cell in the (cell, time) index, the window as its second key); a
// window only, or a box too wide to list its cells (the time index). The exact, inclusive
// test is always made on the row; an antimeridian box takes either longitude range.
std::string selectSql(const ArchiveQuery& q) {
    const std::string columns = "SELECT p.mmsi, p.time_ms, p.lat, p.lon, p.sog, p.cog, p.heading ";
    const std::string mmsiFilter =
        q.mmsi.empty() ? std::string() : " AND p.mmsi IN (" + mmsiList(q.mmsi) + ")";
    const std::string order = " ORDER BY p.mmsi, p.time_ms";
    if (!q.box && !q.from && !q.to) {
        return columns + "FROM ais_positions p WHERE 1" + mmsiFilter + order;
    }
    const bool crossing = q.box && q.box->west > q.box->east;
    const std::string lonExact =
        crossing ? " AND (p.lon >= ?5 OR p.lon <= ?6)" : " AND p.lon BETWEEN ?5 AND ?6";
    const std::string exact =
        " AND p.time_ms BETWEEN ?1 AND ?2 AND p.lat BETWEEN ?3 AND ?4" + lonExact + mmsiFilter;
    if (q.box) {
        const std::vector<int> cells = archiveCells(*q.box);
        if (cells.size() <= kMaxArchiveCells) {
            return columns + "FROM ais_positions p INDEXED BY ais_positions_cell_time WHERE p.cell IN (" +
                   cellList(cells) + ")" + exact + order;
        }
    }
    if (q.from || q.to) {
        return columns + "FROM ais_positions p INDEXED BY ais_positions_time WHERE 1" + exact +
               order;
    }
    return columns + "FROM ais_positions p WHERE 1" + exact + order;
}

void bindBounds(Statement& s, const ArchiveQuery& q) {
    // Finite stand-ins for "no bound".
    constexpr double kFar = 1e9;
    s.bind(1, static_cast<std::int64_t>(
                  q.from.value_or(std::numeric_limits<time::UnixMillis>::min() / 2)));
    s.bind(2, static_cast<std::int64_t>(
                  q.to.value_or(std::numeric_limits<time::UnixMillis>::max() / 2)));
    s.bind(3, q.box ? q.box->south : -kFar);
    s.bind(4, q.box ? q.box->north : kFar);
    s.bind(5, q.box ? q.box->west : -kFar);
    s.bind(6, q.box ? q.box->east : kFar);
}

float optionalFloat(const Statement& s, int col) {
    return s.isNull(col) ? kUnknown : static_cast<float>(s.real(col));
}

Status readFixes(sqlite3* db, const ArchiveQuery& q, std::vector<ArchivedFix>& out) {
    auto stmt = Statement::prepare(db, selectSql(q));
    if (!stmt) return makeError(stmt.error());
    if (q.box || q.from || q.to) bindBounds(*stmt, q);
    int rc;
    while ((rc = stmt->step()) == SQLITE_ROW) {
        ArchivedFix f;
        f.mmsi = static_cast<Mmsi>(stmt->int64(0));
        f.time = stmt->int64(1);
        f.lat = stmt->real(2);
        f.lon = stmt->real(3);
        f.speedKn = optionalFloat(*stmt, 4);
        f.courseDeg = optionalFloat(*stmt, 5);
        f.headingDeg = optionalFloat(*stmt, 6);
        out.push_back(f);
    }
    if (rc != SQLITE_DONE) return makeError(sqliteError(db, "query positions"));
    return {};
}

Status readNames(sqlite3* db, const std::vector<ArchivedFix>& fixes,
                 std::vector<std::pair<Mmsi, std::string>>& out) {
    std::vector<Mmsi> vessels;
    for (const ArchivedFix& f : fixes) {
        if (vessels.empty() || vessels.back() != f.mmsi) vessels.push_back(f.mmsi);
    }
    if (vessels.empty()) return {};
    auto stmt = Statement::prepare(db, "SELECT mmsi, name FROM ais_static WHERE mmsi IN (" +
                                           mmsiList(vessels) +
                                           ") AND name IS NOT NULL AND name <> '' ORDER BY mmsi");
    if (!stmt) return makeError(stmt.error());
    int rc;
    while ((rc = stmt->step()) == SQLITE_ROW) {
        out.emplace_back(static_cast<Mmsi>(stmt->int64(0)), stmt->text(1));
    }
    if (rc != SQLITE_DONE) return makeError(sqliteError(db, "query names"));
    return {};
}

Status readStatics(sqlite3* db, const std::vector<ArchivedFix>& fixes,
                   std::vector<VesselStatic>& out) {
    std::vector<Mmsi> vessels;
    for (const ArchivedFix& f : fixes) {
        if (vessels.empty() || vessels.back() != f.mmsi) vessels.push_back(f.mmsi);
    }
    if (vessels.empty()) return {};
    auto stmt = Statement::prepare(
        db,
        "SELECT mmsi,name,callsign,imo,ship_type,to_bow,to_stern,to_port,to_starboard,draught,"
        "destination,class_b FROM ais_static WHERE mmsi IN (" +
            mmsiList(vessels) + ") ORDER BY mmsi");
    if (!stmt) return makeError(stmt.error());
    int rc;
    while ((rc = stmt->step()) == SQLITE_ROW) {
        VesselStatic v;
        v.mmsi = static_cast<Mmsi>(stmt->int64(0));
        v.name = stmt->text(1);
        v.callsign = stmt->text(2);
        v.imo = static_cast<std::uint32_t>(stmt->int64(3));
        v.shipType = static_cast<int>(stmt->int64(4));
        v.toBow = static_cast<int>(stmt->int64(5));
        v.toStern = static_cast<int>(stmt->int64(6));
        v.toPort = static_cast<int>(stmt->int64(7));
        v.toStarboard = static_cast<int>(stmt->int64(8));
        v.draughtM = optionalFloat(*stmt, 9);
        v.destination = stmt->text(10);
        v.classB = stmt->int64(11) != 0;
        out.push_back(std::move(v));
    }
    if (rc != SQLITE_DONE) return makeError(sqliteError(db, "query static data"));
    return {};
}

}  // namespace

int archiveCell(double lat, double lon) {
    // static_cast truncates toward zero as SQLite's CAST(... AS INTEGER) does.
    const long latBand = std::clamp(static_cast<long>(lat + 90.0), 0L, 179L);
    const long lonBand = std::clamp(static_cast<long>(lon + 180.0), 0L, 359L);
    return static_cast<int>(latBand * 360 + lonBand);
}

std::vector<int> archiveCells(const geo::GeoBox& box) {
    const auto band = [](double v, long top) { return std::clamp(static_cast<long>(v), 0L, top); };
    const long south = band(box.south + 90.0, 179), north = band(box.north + 90.0, 179);
    const long west = band(box.west + 180.0, 359), east = band(box.east + 180.0, 359);
    std::vector<std::pair<long, long>> lonRanges;
    if (box.west <= box.east) {
        lonRanges.emplace_back(west, east);
    } else {
        lonRanges.emplace_back(0, east);
        lonRanges.emplace_back(west, 359);
    }
    std::vector<int> cells;
    for (long lat = south; lat <= north; ++lat) {
        for (const auto& [from, to] : lonRanges) {
            for (long lon = from; lon <= to; ++lon) {
                cells.push_back(static_cast<int>(lat * 360 + lon));
                if (cells.size() > kMaxArchiveCells) return cells;  // the caller goes by time
            }
        }
    }
    // An antimeridian box inside one band (179.6 E to 179.3 E the long way) lists it twice.
    std::sort(cells.begin(), cells.end());
    cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    return cells;
}

bool archiveBoxContains(const geo::GeoBox& box, geo::LonLat p) {
    if (p.lat < box.south || p.lat > box.north) return false;
    if (box.west <= box.east) return p.lon >= box.west && p.lon <= box.east;
    return p.lon >= box.west || p.lon <= box.east;
}

const std::string* ArchiveQueryResult::nameOf(Mmsi mmsi) const {
    const auto it = std::lower_bound(names.begin(), names.end(), mmsi,
                                     [](const auto& entry, Mmsi m) { return entry.first < m; });
    return it != names.end() && it->first == mmsi ? &it->second : nullptr;
}

Result<ArchiveQueryResult> queryArchive(workspace::Workspace& ws, const ArchiveQuery& q) {
    ArchiveQueryResult result;
    sqlite3* db = ws.handle();
    if (db == nullptr) {
        return makeError(ws.name() + ": the AIS archive is not yet stored in " +
                         workspace::backendName(ws.kind()) + " workspaces");
    }
    if (ws.schemaVersion("ais") == 0) return result;
    // A read-only workspace only checks the schema here; a read-write one upgrades it.
    if (auto s = ws.migrate("ais", archiveMigrations()); !s) {
        return makeError(s.error());
    }
    result.archivePresent = true;
    if (auto s = readFixes(db, q, result.fixes); !s) return makeError(ws.name() + ": " + s.error());
    if (auto s = readNames(db, result.fixes, result.names); !s) {
        return makeError(ws.name() + ": " + s.error());
    }
    if (q.withStatics) {
        if (auto s = readStatics(db, result.fixes, result.statics); !s)
            return makeError(ws.name() + ": " + s.error());
    }
    return result;
}

Result<ArchiveQueryResult> queryArchive(const workspace::Location& location,
                                        const ArchiveQuery& q) {
    auto ws = workspace::Workspace::open(location, workspace::Access::ReadOnly);
    if (!ws) return makeError(ws.error());
    return queryArchive(*ws, q);
}

}  // namespace seawatch::ais
