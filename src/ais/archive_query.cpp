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

// Without a box or a window the R*Tree narrows nothing; the positions are read directly.
// A box across the antimeridian is two longitude ranges: the tree then narrows by time and
// latitude only, and the exact test takes either range. The tree's bounds are rounded
// outwards to 32-bit floats (about two minutes of time), hence the exact test on the row.
std::string selectSql(const ArchiveQuery& q) {
    const std::string columns = "SELECT p.mmsi, p.time_ms, p.lat, p.lon, p.sog, p.cog, p.heading ";
    const std::string mmsiFilter =
        q.mmsi.empty() ? std::string() : " AND p.mmsi IN (" + mmsiList(q.mmsi) + ")";
    const std::string order = " ORDER BY p.mmsi, p.time_ms";
    if (!q.box && !q.from && !q.to) {
        return columns + "FROM ais_positions p WHERE 1" + mmsiFilter + order;
    }
    const bool crossing = q.box && q.box->west > q.box->east;
    const std::string lonTree = crossing ? "" : " AND r.lon1 >= ?5 AND r.lon0 <= ?6";
    const std::string lonExact =
        crossing ? " AND (p.lon >= ?5 OR p.lon <= ?6)" : " AND p.lon BETWEEN ?5 AND ?6";
    return columns +
           "FROM ais_positions_rtree r JOIN ais_positions p ON p.id = r.id "
           "WHERE r.t1 >= ?1 / 1000.0 - 1 AND r.t0 <= ?2 / 1000.0 + 1 "
           "AND r.lat1 >= ?3 AND r.lat0 <= ?4" +
           lonTree + " AND p.time_ms BETWEEN ?1 AND ?2 AND p.lat BETWEEN ?3 AND ?4" + lonExact +
           mmsiFilter + order;
}

void bindBounds(Statement& s, const ArchiveQuery& q) {
    // Finite stand-ins for "no bound": the R*Tree compares as doubles.
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

}  // namespace

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
    return result;
}

Result<ArchiveQueryResult> queryArchive(const workspace::Location& location,
                                        const ArchiveQuery& q) {
    auto ws = workspace::Workspace::open(location, workspace::Access::ReadOnly);
    if (!ws) return makeError(ws.error());
    return queryArchive(*ws, q);
}

}  // namespace seawatch::ais
