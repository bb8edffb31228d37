// The incident store's read path: the filtered queries (FTS, grid cells, time, category),
// whole records, counts and statistics. Apart from store.cpp, which keeps the schema and the
// writes; both number the grid cells as store_internal.hpp says.
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/geo/geo.hpp"
#include "seawatch/incidents/store.hpp"
#include "seawatch/time/utc.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"
#include "store_internal.hpp"

namespace seawatch::incidents {

using store_detail::gridColumn;
using store_detail::gridRow;
using store_detail::kGridColumns;
using store_detail::stepError;
using workspace::Statement;

namespace {

constexpr const char* kRecordColumns =
    "i.fid, i.source, i.source_ref, i.occurred_ms, i.date_only, i.lat, i.lon, "
    "i.position_precision, i.category_code, i.vessel_name, i.vessel_type, i.flag, "
    "i.vessel_status, i.aggressor, i.narrative, i.navarea, i.subregion, i.source_note, "
    "i.imported_at";

Incident readRecord(const Statement& s) {
    Incident r;
    r.id = s.int64(0);
    r.source = parseSource(s.text(1)).value_or(Source::Manual);
    r.sourceRef = s.text(2);
    r.occurredAt = s.int64(3);
    r.dateOnly = s.int64(4) != 0;
    r.lat = s.real(5);
    r.lon = s.real(6);
    r.positionPrecision = parsePositionPrecision(s.text(7)).value_or(PositionPrecision::Estimated);
    const auto code = s.int64(8);
    r.category =
        (code >= 0 && code < kCategoryCount) ? static_cast<Category>(code) : Category::Unclassified;
    r.vesselName = s.text(9);
    r.vesselType = s.text(10);
    r.flag = s.text(11);
    r.vesselStatus = parseVesselStatus(s.text(12)).value_or(VesselStatus::Unknown);
    r.aggressor = s.text(13);
    r.narrative = s.text(14);
    r.navarea = s.text(15);
    r.subregion = s.text(16);
    r.sourceNote = s.text(17);
    r.importedAt = time::parseIso8601(s.text(18)).value_or(0);
    return r;
}

// Boxes up to this many cells are answered by one index seek per cell; bigger ones select
// most of the table anyway and scan it by time or category.
constexpr int kMaxSeekCells = 1024;

std::vector<std::int64_t> cellsOf(const geo::GeoBox& box) {
    std::vector<std::int64_t> cells;
    const int c0 = gridColumn(box.west), c1 = gridColumn(box.east);
    const int r0 = gridRow(box.south), r1 = gridRow(box.north);
    if ((c1 - c0 + 1) * (r1 - r0 + 1) > kMaxSeekCells) return cells;
    for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c)
            cells.push_back(static_cast<std::int64_t>(r) * kGridColumns + c);
    }
    return cells;
}

void bindQuery(Statement& stmt, const IncidentQuery& q) {
    int index = 1;
    if (!q.text.empty()) stmt.bind(index++, ftsQueryFromWords(q.text));
    if (q.bbox) {
        for (std::int64_t cell : cellsOf(*q.bbox)) stmt.bind(index++, cell);
        for (double v : {q.bbox->west, q.bbox->east, q.bbox->south, q.bbox->north}) {
            stmt.bind(index++, v);
        }
    }
    if (q.from) stmt.bind(index++, static_cast<std::int64_t>(*q.from));
    if (q.to) stmt.bind(index++, static_cast<std::int64_t>(*q.to));
    for (Category c : q.categories) stmt.bind(index++, static_cast<int>(c));
    if (q.limit > 0) stmt.bind(index++, static_cast<std::int64_t>(q.limit));
}

// A parameterised query: FTS drives when there is text; otherwise a small box reads the
// covering grid-cell index, and the planner picks the time or category index for the rest.
std::string buildQuerySql(const IncidentQuery& q, std::string_view columns) {
    std::string sql = "SELECT " + std::string(columns) + " FROM ";
    const std::size_t cells = q.bbox ? cellsOf(*q.bbox).size() : 0;
    if (!q.text.empty()) {
        sql += "incidents_fts f CROSS JOIN incidents i ON i.fid = f.rowid ";
    } else if (cells > 0) {
        sql += "incidents i INDEXED BY incidents_cell_time ";
    } else {
        sql += "incidents i ";
    }
    sql += "WHERE 1";
    if (!q.text.empty()) sql += " AND incidents_fts MATCH ?";
    if (q.bbox) {
        if (cells > 0) {
            sql += " AND i.grid_cell IN (";
            for (std::size_t k = 0; k < cells; ++k) sql += k ? ",?" : "?";
            sql += ")";
        }
        sql += " AND i.lon >= ? AND i.lon <= ? AND i.lat >= ? AND i.lat <= ?";
    }
    if (q.from) sql += " AND i.occurred_ms >= ?";
    if (q.to) sql += " AND i.occurred_ms < ?";
    if (!q.categories.empty()) {
        sql += " AND i.category_code IN (";
        for (std::size_t k = 0; k < q.categories.size(); ++k) sql += k ? ",?" : "?";
        sql += ")";
    }
    sql += " ORDER BY i.occurred_ms, i.fid";
    if (q.limit > 0) sql += " LIMIT ?";
    return sql;
}

}  // namespace

std::string ftsQueryFromWords(std::string_view words) {
    std::string out;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        if (!out.empty()) out += ' ';
        out += '"';
        for (char ch : word) {
            if (ch == '"') out += '"';  // FTS5 escapes a quote by doubling it
            out += ch;
        }
        // A prefix query: "tanke" finds "tanker", as people type into a search box.
        out += "\"*";
        word.clear();
    };
    for (char ch : words) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == ',') {
            flush();
        } else {
            word += ch;
        }
    }
    flush();
    return out;
}

Result<IncidentColumns> IncidentStore::query(const IncidentQuery& q) const {
    auto stmt = Statement::prepare(
        ws_->handle(), buildQuerySql(q, "i.fid, i.lon, i.lat, i.occurred_ms, i.category_code"));
    if (!stmt) return makeError(stmt.error());
    bindQuery(*stmt, q);
    IncidentColumns out;
    int rc;
    while ((rc = stmt->step()) == SQLITE_ROW) {
        out.ids.push_back(stmt->int64(0));
        out.lon.push_back(stmt->real(1));
        out.lat.push_back(stmt->real(2));
        out.occurredAt.push_back(stmt->int64(3));
        const auto code = stmt->int64(4);
        out.category.push_back((code >= 0 && code < kCategoryCount) ? static_cast<Category>(code)
                                                                    : Category::Unclassified);
    }
    if (rc != SQLITE_DONE) return makeError(stepError(ws_->handle(), rc, "query failed").error());
    return out;
}

Result<std::vector<Incident>> IncidentStore::queryRecords(const IncidentQuery& q) const {
    auto stmt = Statement::prepare(ws_->handle(), buildQuerySql(q, kRecordColumns));
    if (!stmt) return makeError(stmt.error());
    bindQuery(*stmt, q);
    std::vector<Incident> out;
    int rc;
    while ((rc = stmt->step()) == SQLITE_ROW) out.push_back(readRecord(*stmt));
    if (rc != SQLITE_DONE) return makeError(stepError(ws_->handle(), rc, "query failed").error());
    return out;
}

Result<Incident> IncidentStore::fetch(std::int64_t id) const {
    auto stmt = Statement::prepare(ws_->handle(), std::string("SELECT ") + kRecordColumns +
                                                      " FROM incidents i WHERE fid = ?1");
    if (!stmt) return makeError(stmt.error());
    stmt->bind(1, id);
    const int rc = stmt->step();
    if (rc == SQLITE_ROW) return readRecord(*stmt);
    if (rc == SQLITE_DONE) return makeError("no incident with id " + std::to_string(id));
    return makeError(stepError(ws_->handle(), rc, "fetch failed").error());
}

Result<std::int64_t> IncidentStore::count() const {
    auto stmt = Statement::prepare(ws_->handle(), "SELECT COUNT(*) FROM incidents");
    if (!stmt) return makeError(stmt.error());
    if (stmt->step() != SQLITE_ROW) return makeError("count failed");
    return stmt->int64(0);
}

Result<std::vector<TimeBucket>> IncidentStore::countsByTime(const IncidentQuery& q,
                                                            bool byMonth) const {
    auto columns = query(q);
    if (!columns) return makeError(columns.error());
    std::vector<TimeBucket> buckets;
    // Rows come ordered by time, so buckets fill in order.
    for (time::UnixMillis t : columns->occurredAt) {
        const time::CivilTime c = time::toCivil(t);
        const int month = byMonth ? c.month : 0;
        if (buckets.empty() || buckets.back().year != c.year || buckets.back().month != month) {
            buckets.push_back({c.year, month, 0});
        }
        ++buckets.back().count;
    }
    return buckets;
}

Result<std::map<std::string, std::int64_t>> IncidentStore::stats(StatsKey key) const {
    const char* sql = nullptr;
    switch (key) {
        case StatsKey::Year:
            sql = "SELECT substr(occurred_at, 1, 4), COUNT(*) FROM incidents GROUP BY 1";
            break;
        case StatsKey::Category:
            sql = "SELECT category, COUNT(*) FROM incidents GROUP BY 1";
            break;
        case StatsKey::Subregion:
            sql = "SELECT COALESCE(subregion, '(none)'), COUNT(*) FROM incidents GROUP BY 1";
            break;
    }
    auto stmt = Statement::prepare(ws_->handle(), sql);
    if (!stmt) return makeError(stmt.error());
    std::map<std::string, std::int64_t> out;
    int rc;
    while ((rc = stmt->step()) == SQLITE_ROW) out[stmt->text(0)] = stmt->int64(1);
    if (rc != SQLITE_DONE) return makeError(stepError(ws_->handle(), rc, "stats failed").error());
    return out;
}

}  // namespace seawatch::incidents
