// The incident store's schema and writes: the table and its indexes, the upsert and the bulk
// load. The queries are in store_query.cpp, the lookup by reference in store_lookup.cpp.
#include "seawatch/incidents/store.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>
#include <string>
#include <utility>

#include "seawatch/workspace/gpkg.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"
#include "store_internal.hpp"

namespace seawatch::incidents {

using store_detail::gridCell;
using store_detail::stepError;
using workspace::sqliteError;
using workspace::Statement;

namespace {

// The `incidents` table is a GeoPackage feature layer (fid + geom) with the model's
// fields as plain columns, so QGIS shows every attribute. The GeoPackage R*Tree serves
// GDAL/QGIS; seawatch's own filters use a covering grid-cell index, and an external-content
// FTS5 index covers the free text.
constexpr const char* kTableSql = R"sql(
CREATE TABLE incidents (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom POINT,
  -- The CHECKs use OR, not IN: SQLite builds a temporary table for every IN list on every
  -- insert, which costs more than the rest of the row.
  source TEXT NOT NULL
    CHECK (source = 'asam' OR source = 'imb' OR source = 'manual' OR source = 'scenario'),
  source_ref TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  occurred_ms INTEGER NOT NULL,
  date_only INTEGER NOT NULL DEFAULT 0 CHECK (date_only = 0 OR date_only = 1),
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  position_precision TEXT NOT NULL CHECK (position_precision = 'exact'
    OR position_precision = 'estimated' OR position_precision = 'region_only'),
  category TEXT NOT NULL,
  category_code INTEGER NOT NULL,
  vessel_name TEXT,
  vessel_type TEXT,
  flag TEXT,
  vessel_status TEXT NOT NULL CHECK (vessel_status = 'unknown' OR vessel_status = 'berthed'
    OR vessel_status = 'anchored' OR vessel_status = 'steaming'),
  aggressor TEXT,
  narrative TEXT,
  navarea TEXT,
  subregion TEXT,
  source_note TEXT,
  imported_at TEXT NOT NULL,
  content_hash INTEGER NOT NULL,
  grid_cell INTEGER NOT NULL,
  UNIQUE (source, source_ref));
-- bbox+time+category filters read only this covering index: one seek per 1-degree cell
-- of the box, then the time range within it. Much cheaper to maintain than a second R*Tree.
CREATE INDEX incidents_cell_time
  ON incidents(grid_cell, occurred_ms, category_code, lon, lat);
CREATE INDEX incidents_category_occurred ON incidents(category_code, occurred_ms);
CREATE INDEX incidents_occurred ON incidents(occurred_ms);
CREATE VIRTUAL TABLE incidents_fts USING fts5(narrative, vessel_name, aggressor,
  content='incidents', content_rowid='fid');
)sql";

// Keeps the FTS index in step with the table. Bulk loads drop
// these (and the GeoPackage ones), then fill the indexes in one statement each.
constexpr const char* kIndexTriggersSql = R"sql(
CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN
  INSERT INTO incidents_fts(rowid, narrative, vessel_name, aggressor)
    VALUES (NEW.fid, NEW.narrative, NEW.vessel_name, NEW.aggressor);
END;
CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
  INSERT INTO incidents_fts(incidents_fts, rowid, narrative, vessel_name, aggressor)
    VALUES ('delete', OLD.fid, OLD.narrative, OLD.vessel_name, OLD.aggressor);
END;
CREATE TRIGGER incidents_fts_update AFTER UPDATE OF narrative, vessel_name, aggressor
  ON incidents BEGIN
  INSERT INTO incidents_fts(incidents_fts, rowid, narrative, vessel_name, aggressor)
    VALUES ('delete', OLD.fid, OLD.narrative, OLD.vessel_name, OLD.aggressor);
  INSERT INTO incidents_fts(rowid, narrative, vessel_name, aggressor)
    VALUES (NEW.fid, NEW.narrative, NEW.vessel_name, NEW.aggressor);
END;
)sql";

constexpr const char* kOwnTriggerNames[] = {"incidents_fts_insert", "incidents_fts_delete",
                                            "incidents_fts_update"};

std::string allIndexTriggersSql() {
    return std::string(kIndexTriggersSql) +
           workspace::gpkgRtreeTriggersSql("incidents", "geom", "fid");
}

std::string dropIndexTriggersSql() {
    std::string sql;
    for (const char* name : kOwnTriggerNames) sql += std::string("DROP TRIGGER ") + name + ";\n";
    for (const std::string& name : workspace::gpkgRtreeTriggerNames("incidents", "geom")) {
        sql += "DROP TRIGGER " + name + ";\n";
    }
    return sql;
}

// The `incidents` table is a GeoPackage feature layer (fid + geom) with the model's
// fields as plain columns, so QGIS shows every attribute. The GeoPackage R*Tree serves
// GDAL/QGIS; seawatch's own filters use a covering grid-cell index, and an external-content
// FTS5 index covers the free text.
const std::string& schemaV1() {
    static const std::string sql =
        std::string(kTableSql) +
        workspace::gpkgPointLayerSql("incidents", "geom", "fid",
                                     "Piracy and maritime security incidents") +
        kIndexTriggersSql;
    return sql;
}

// FNV-1a over every stored field except the import time, to tell an unchanged re-import
// from an updated record without reading the row back.
std::int64_t contentHash(const Incident& r) {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](std::string_view bytes) {
        for (unsigned char c : bytes) {
            h ^= c;
            h *= 1099511628211ull;
        }
        h ^= 0xff;  // field separator
        h *= 1099511628211ull;
    };
    auto mixNumber = [&mix](auto value) {
        mix(std::string_view(reinterpret_cast<const char*>(&value), sizeof(value)));
    };
    mixNumber(r.occurredAt);
    mixNumber(static_cast<int>(r.dateOnly));
    mixNumber(r.lat);
    mixNumber(r.lon);
    mixNumber(static_cast<int>(r.positionPrecision));
    mixNumber(static_cast<int>(r.category));
    mixNumber(static_cast<int>(r.vesselStatus));
    for (const std::string* s : {&r.vesselName, &r.vesselType, &r.flag, &r.aggressor, &r.narrative,
                                 &r.navarea, &r.subregion, &r.sourceNote}) {
        mix(*s);
    }
    return static_cast<std::int64_t>(h);
}

}  // namespace

namespace {

struct UpsertSql {
    Statement find;
    Statement insert;  // does nothing when (source, source_ref) is stored already
    Statement update;
    // Whether the last row was new: then the next row is tried as an insert first, and its
    // unique-index check stands in for the look-up (one B-tree seek a row instead of two in
    // a file of new rows); after a stored row, the look-up comes first again, so a re-import
    // binds no columns for its duplicates.
    bool lastWasNew = true;
};

// The three statements of an upsert, prepared once per store.
Result<UpsertSql> prepareUpsertStatements(sqlite3* db) {
    auto find = Statement::prepare(
        db, "SELECT fid, content_hash FROM incidents WHERE source = ?1 AND source_ref = ?2");
    if (!find) return makeError(find.error());
    auto insert = Statement::prepare(
        db,
        "INSERT INTO incidents(geom, source, source_ref, occurred_at, occurred_ms, "
        "date_only, lat, lon, position_precision, category, category_code, vessel_name, "
        "vessel_type, flag, vessel_status, aggressor, narrative, navarea, subregion, "
        "source_note, imported_at, content_hash, grid_cell) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23) "
        "ON CONFLICT(source, source_ref) DO NOTHING");
    if (!insert) return makeError(insert.error());
    auto update = Statement::prepare(
        db,
        "UPDATE incidents SET geom = ?1, source = ?2, source_ref = ?3, occurred_at = ?4, "
        "occurred_ms = ?5, date_only = ?6, lat = ?7, lon = ?8, position_precision = ?9, "
        "category = ?10, category_code = ?11, vessel_name = ?12, vessel_type = ?13, "
        "flag = ?14, vessel_status = ?15, aggressor = ?16, narrative = ?17, navarea = ?18, "
        "subregion = ?19, source_note = ?20, imported_at = ?21, content_hash = ?22, "
        "grid_cell = ?23 WHERE fid = ?24");
    if (!update) return makeError(update.error());
    return UpsertSql{std::move(find).value(), std::move(insert).value(), std::move(update).value(),
                     true};
}

// Parameters 1 to 23 of the insert and the update: the row's columns, in table order.
void bindIncidentRow(Statement& write, const Incident& r, std::int64_t hash) {
    const std::string importedAt = time::formatIso8601(
        r.importedAt ? r.importedAt
                     : static_cast<time::UnixMillis>(std::time(nullptr)) * time::kMillisPerSecond);
    write.bindBlob(1, workspace::gpkgPointBlob(r.lon, r.lat));
    write.bind(2, sourceName(r.source));
    write.bind(3, r.sourceRef);
    write.bind(4, r.dateOnly ? time::formatDate(r.occurredAt) : time::formatIso8601(r.occurredAt));
    write.bind(5, static_cast<std::int64_t>(r.occurredAt));
    write.bind(6, r.dateOnly ? 1 : 0);
    write.bind(7, r.lat);
    write.bind(8, r.lon);
    write.bind(9, positionPrecisionName(r.positionPrecision));
    write.bind(10, categoryName(r.category));
    write.bind(11, static_cast<int>(r.category));
    write.bindOptionalText(12, r.vesselName);
    write.bindOptionalText(13, r.vesselType);
    write.bindOptionalText(14, r.flag);
    write.bind(15, vesselStatusName(r.vesselStatus));
    write.bindOptionalText(16, r.aggressor);
    write.bindOptionalText(17, r.narrative);
    write.bindOptionalText(18, r.navarea);
    write.bindOptionalText(19, r.subregion);
    write.bindOptionalText(20, r.sourceNote);
    write.bind(21, importedAt);
    write.bind(22, hash);
    write.bind(23, gridCell(r.lon, r.lat));
}

}  // namespace

struct IncidentStore::UpsertStatements : UpsertSql {
    explicit UpsertStatements(UpsertSql sql) : UpsertSql(std::move(sql)) {}
};

void IncidentColumns::clear() {
    ids.clear();
    lon.clear();
    lat.clear();
    occurredAt.clear();
    category.clear();
}

std::int64_t incidentContentHash(const Incident& incident) {
    return contentHash(incident);
}

const std::vector<workspace::Migration>& incidentMigrations() {
    static const std::vector<workspace::Migration> steps{{1, schemaV1()}};
    return steps;
}

Result<IncidentStore> IncidentStore::open(workspace::Workspace& ws) {
    if (ws.kind() != workspace::BackendKind::GeoPackage) {
        // A PostgreSQL implementation of this store (issue 11) joins here.
        return makeError(ws.name() + ": incidents are not yet stored in " +
                         workspace::backendName(ws.kind()) + " workspaces");
    }
    if (auto s = ws.migrate("incidents", incidentMigrations()); !s) return makeError(s.error());
    return IncidentStore(ws);
}

Result<UpsertOutcome> IncidentStore::upsert(const Incident& r) {
    sqlite3* db = ws_->handle();
    if (!std::isfinite(r.lat) || !std::isfinite(r.lon) || std::abs(r.lat) > 90.0 ||
        std::abs(r.lon) > 180.0) {
        return makeError("position out of range");
    }
    if (r.sourceRef.empty()) return makeError("empty source reference");
    const std::int64_t hash = contentHash(r);

    if (!statements_) {
        auto prepared = prepareUpsertStatements(db);
        if (!prepared) return makeError(prepared.error());
        statements_ = std::make_shared<UpsertStatements>(std::move(prepared).value());
    }
    if (statements_->lastWasNew) {
        Statement& insert = statements_->insert;
        insert.reset();
        bindIncidentRow(insert, r, hash);
        const int rc = insert.step();
        insert.reset();
        if (rc != SQLITE_DONE) return makeError(stepError(db, rc, "insert failed").error());
        if (sqlite3_changes(db) == 1) return UpsertOutcome::Inserted;
        statements_->lastWasNew = false;  // stored already: look it up below
    }
    Statement& find = statements_->find;
    find.reset();
    find.bind(1, sourceName(r.source));
    find.bind(2, r.sourceRef);
    std::int64_t existing = 0;
    int rc = find.step();
    if (rc == SQLITE_ROW) {
        statements_->lastWasNew = false;
        existing = find.int64(0);
        const bool same = find.int64(1) == hash;
        find.reset();
        if (same) return UpsertOutcome::Duplicate;
    } else if (rc != SQLITE_DONE) {
        return makeError(stepError(db, rc, "lookup failed").error());
    } else {
        statements_->lastWasNew = true;
    }
    find.reset();

    // During a bulk load the index triggers are gone: a row that was already indexed before
    // the load keeps its index entries right by hand; newer rows are indexed at the end.
    const bool maintainByHand = bulkFrom_ >= 0 && existing > 0 && existing <= bulkFrom_;
    if (maintainByHand) {
        if (auto s =
                runForRow("INSERT INTO incidents_fts(incidents_fts, rowid, narrative, vessel_name, "
                          "aggressor) SELECT 'delete', fid, narrative, vessel_name, aggressor FROM "
                          "incidents WHERE fid = ?1",
                          existing);
            !s) {
            return makeError(s.error());
        }
    }
    Statement& write = existing ? statements_->update : statements_->insert;
    write.reset();
    bindIncidentRow(write, r, hash);
    if (existing) write.bind(24, existing);
    rc = write.step();
    write.reset();
    if (rc != SQLITE_DONE) {
        return makeError(stepError(db, rc, existing ? "update failed" : "insert failed").error());
    }
    if (maintainByHand) {
        for (const char* sql :
             {"INSERT INTO incidents_fts(rowid, narrative, vessel_name, aggressor) SELECT fid, "
              "narrative, vessel_name, aggressor FROM incidents WHERE fid = ?1",
              "INSERT OR REPLACE INTO rtree_incidents_geom SELECT fid, ST_MinX(geom), "
              "ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom) FROM incidents WHERE fid = ?1 AND "
              "geom NOT NULL AND NOT ST_IsEmpty(geom)"}) {
            if (auto s = runForRow(sql, existing); !s) return makeError(s.error());
        }
    }
    return existing ? UpsertOutcome::Updated : UpsertOutcome::Inserted;
}

Status IncidentStore::runForRow(const char* sql, std::int64_t fid) {
    auto stmt = Statement::prepare(ws_->handle(), sql);
    if (!stmt) return makeError(stmt.error());
    stmt->bind(1, fid);
    const int rc = stmt->step();
    if (rc != SQLITE_DONE) return stepError(ws_->handle(), rc, "index maintenance failed");
    return {};
}

Status IncidentStore::beginBulkLoad(std::int64_t expectedRows) {
    if (bulkFrom_ >= 0) return makeError("bulk load already started");
    auto stmt = Statement::prepare(ws_->handle(), "SELECT COALESCE(MAX(fid), 0) FROM incidents");
    if (!stmt) return makeError(stmt.error());
    if (stmt->step() != SQLITE_ROW) return makeError("cannot read the last incident id");
    const std::int64_t last = stmt->int64(0);
    stmt->reset();  // an active read would keep DROP INDEX from running
    if (auto s = ws_->exec(dropIndexTriggersSql()); !s) {
        return makeError("cannot start a bulk load: " + s.error());
    }
    deferredIndexes_.clear();
    if (auto s = deferSecondaryIndexes(expectedRows); !s) {
        return makeError("cannot start a bulk load: " + s.error());
    }
    bulkFrom_ = last;
    return {};
}

// Rows inserted in file order land at random places in the grid-cell, category and time
// indexes: 100k real ASAM rows cost 1.2 s of CPU more with the three indexes in place than
// without, and building them afterwards (one sort each) 0.2 s. So a load that adds at least
// a quarter of the table drops them and builds them again in endBulkLoad(), in the same
// transaction (a rollback restores them; readers see the last commit throughout). The SQL
// comes from the schema itself, so the indexes come back exactly as the migrations made
// them. The unique (source, source_ref) index stays: the upsert needs it for every row.
Status IncidentStore::deferSecondaryIndexes(std::int64_t expectedRows) {
    if (expectedRows <= 0) return {};
    auto rows = count();
    if (!rows) return makeError(rows.error());
    if (expectedRows * 4 < *rows) return {};
    auto list = Statement::prepare(ws_->handle(),
                                   "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                   "tbl_name = 'incidents' AND sql IS NOT NULL ORDER BY name");
    if (!list) return makeError(list.error());
    std::vector<std::pair<std::string, std::string>> indexes;
    int rc;
    while ((rc = list->step()) == SQLITE_ROW) indexes.emplace_back(list->text(0), list->text(1));
    if (rc != SQLITE_DONE) return stepError(ws_->handle(), rc, "listing the incident indexes");
    list->reset();
    for (auto& [name, sql] : indexes) {
        std::string quoted;
        for (const char ch : name) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        if (auto s = ws_->exec("DROP INDEX \"" + quoted + "\""); !s) return s;
        deferredIndexes_.push_back(std::move(sql));
    }
    return {};
}

Status IncidentStore::endBulkLoad() {
    if (bulkFrom_ < 0) return makeError("no bulk load to end");
    const std::int64_t from = bulkFrom_;
    bulkFrom_ = -1;
    // Through the virtual tables' own INSERT, one statement each, in the caller's
    // transaction (docs/decisions/0001-geopackage-writer.md): the R*Tree costs a few µs an
    // entry (docs/PERFORMANCE.md); a Hilbert-sorted insert measured no faster than fid order.
    const char* fills[] = {
        "INSERT INTO rtree_incidents_geom SELECT fid, ST_MinX(geom), ST_MaxX(geom), "
        "ST_MinY(geom), ST_MaxY(geom) FROM incidents WHERE fid > ?1 AND geom NOT NULL AND "
        "NOT ST_IsEmpty(geom)",
        "INSERT INTO incidents_fts(rowid, narrative, vessel_name, aggressor) "
        "SELECT fid, narrative, vessel_name, aggressor FROM incidents WHERE fid > ?1"};
    for (const char* sql : fills) {
        auto stmt = Statement::prepare(ws_->handle(), sql);
        if (!stmt) return makeError(stmt.error());
        stmt->bind(1, from);
        if (const int rc = stmt->step(); rc != SQLITE_DONE) {
            return stepError(ws_->handle(), rc, "index fill failed");
        }
    }
    std::vector<std::string> deferred = std::move(deferredIndexes_);
    deferredIndexes_.clear();
    for (const std::string& sql : deferred) {
        if (auto s = ws_->exec(sql); !s) return makeError("index rebuild failed: " + s.error());
    }
    return ws_->exec(allIndexTriggersSql());
}

}  // namespace seawatch::incidents
