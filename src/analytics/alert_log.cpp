#include "seawatch/analytics/alert_log.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "seawatch/workspace/gpkg.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"

namespace seawatch::analytics {
namespace {

using workspace::Statement;

Result<Statement> prepare(sqlite3* db, const std::string& sql) {
    auto s = Statement::prepare(db, sql);
    if (!s) return makeError(fmt::format("alerts: {}", s.error()));
    return s;
}

std::string text(sqlite3_stmt* s, int column) {
    const auto* p = sqlite3_column_text(s, column);
    return p ? reinterpret_cast<const char*>(p) : std::string{};
}

// Version 1 is the table seawatch created before the workspace layer versioned it, hence
// IF NOT EXISTS: on a file from then it adopts the table as it is.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  time TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  mmsi TEXT,
  zone TEXT,
  unit TEXT,
  lat REAL,
  lon REAL,
  numbers TEXT NOT NULL,
  event TEXT NOT NULL UNIQUE,
  acknowledged_by TEXT,
  acknowledged_at TEXT
);
CREATE INDEX IF NOT EXISTS alerts_time ON alerts(time_ms);
)sql";

// Version 2 gives a safety text's message its own column; before, it was kept in `zone`.
// The stored event line is rewritten the same way (`"zone":` was right after the MMSIs, where
// `"text":` now is, since a safety text has no zone or unit), so that the same alert stored
// again is recognised as the same and its acknowledgement kept.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE alerts ADD COLUMN text TEXT;
UPDATE alerts SET text = zone, zone = '', event = replace(event, ',"zone":', ',"text":')
  WHERE type = 'safety_text';
)sql";

}  // namespace

const std::vector<workspace::Migration>& alertLogMigrations() {
    static const std::vector<workspace::Migration> steps{{1, kSchemaV1}, {2, kSchemaV2}};
    return steps;
}

Result<AlertLog> AlertLog::open(const workspace::Location& location, workspace::Access access) {
    auto ws = workspace::Workspace::open(location, access);
    if (!ws) return makeError(ws.error());
    if (ws->kind() != workspace::BackendKind::GeoPackage) {
        // A PostgreSQL alert log (issue 11) joins here.
        return makeError(ws->name() + ": alerts are not yet stored in " +
                         workspace::backendName(ws->kind()) + " workspaces");
    }
    if (auto s = ws->migrate("alerts", alertLogMigrations()); !s) {
        return makeError(fmt::format("cannot open the alert log: {}", s.error()));
    }
    return AlertLog(std::move(ws).value());
}

Result<std::vector<std::int64_t>> AlertLog::store(std::span<const Event> events) {
    sqlite3* db = ws_.handle();
    auto insert = prepare(db,
                          "INSERT OR IGNORE INTO alerts(type,time,time_ms,mmsi,zone,unit,lat,lon,"
                          "numbers,event,text) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    if (!insert) return makeError(insert.error());
    auto find = prepare(db, "SELECT id FROM alerts WHERE event = ?");
    if (!find) return makeError(find.error());
    workspace::Transaction tx(ws_);
    if (!tx.active()) return makeError(tx.beginError());
    std::vector<std::int64_t> ids;
    for (const Event& e : events) {
        const std::string line = toJsonLine(e);
        std::string mmsi;
        for (ais::Mmsi m : e.mmsi) {
            if (!mmsi.empty()) mmsi.push_back(',');
            mmsi.append(std::to_string(m));
        }
        nlohmann::ordered_json numbers = nlohmann::ordered_json::object();
        for (const auto& [k, v] : e.numbers) numbers[k] = v;
        const std::string numbersText = numbers.dump();
        const std::string timeText = time::formatIso8601(e.time);
        sqlite3_stmt* s = insert->get();
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, eventTypeName(e.type), -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, timeText.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 3, e.time);
        sqlite3_bind_text(s, 4, mmsi.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 5, e.zone.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 6, e.unit.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(s, 7, e.lat);
        sqlite3_bind_double(s, 8, e.lon);
        sqlite3_bind_text(s, 9, numbersText.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 10, line.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 11, e.text.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) != SQLITE_DONE) {
            return makeError(
                fmt::format("{}: cannot store alert: {}", ws_.name(), sqlite3_errmsg(db)));
        }
        sqlite3_stmt* f = find->get();
        sqlite3_reset(f);
        sqlite3_bind_text(f, 1, line.c_str(), -1, SQLITE_TRANSIENT);
        ids.push_back(sqlite3_step(f) == SQLITE_ROW ? sqlite3_column_int64(f, 0) : 0);
    }
    if (auto c = tx.commit(); !c) {
        return makeError(fmt::format("{}: cannot commit alerts: {}", ws_.name(), c.error()));
    }
    return ids;
}

Status AlertLog::acknowledge(std::int64_t id, const std::string& by, time::UnixMillis at) {
    if (by.empty()) return makeError("acknowledging an alert needs the name of who did it");
    auto update = prepare(
        ws_.handle(), "UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?");
    if (!update) return makeError(update.error());
    const std::string atText = time::formatIso8601(at);
    sqlite3_bind_text(update->get(), 1, by.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(update->get(), 2, atText.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(update->get(), 3, id);
    if (sqlite3_step(update->get()) != SQLITE_DONE)
        return makeError(fmt::format("{}: cannot acknowledge alert {}: {}", ws_.name(), id,
                                     sqlite3_errmsg(ws_.handle())));
    if (sqlite3_changes(ws_.handle()) == 0)
        return makeError(fmt::format("{}: no alert with id {}", ws_.name(), id));
    return {};
}

Result<std::vector<StoredAlert>> AlertLog::list(const AlertFilter& filter) const {
    std::string sql =
        "SELECT "
        "id,type,time_ms,mmsi,zone,unit,lat,lon,numbers,acknowledged_by,acknowledged_at,text "
        "FROM alerts WHERE 1=1";
    if (filter.type) sql += " AND type = ?1";
    if (filter.unacknowledgedOnly) sql += " AND acknowledged_by IS NULL";
    if (filter.from) sql += " AND time_ms >= ?2";
    if (filter.to) sql += " AND time_ms <= ?3";
    if (filter.mmsi) sql += " AND (',' || mmsi || ',') LIKE ('%,' || ?4 || ',%')";
    sql += " ORDER BY time_ms, id";
    if (filter.limit > 0) sql += fmt::format(" LIMIT {}", filter.limit);
    auto query = prepare(ws_.handle(), sql);
    if (!query) return makeError(query.error());
    sqlite3_stmt* s = query->get();
    if (filter.type) sqlite3_bind_text(s, 1, eventTypeName(*filter.type), -1, SQLITE_STATIC);
    if (filter.from) sqlite3_bind_int64(s, 2, *filter.from);
    if (filter.to) sqlite3_bind_int64(s, 3, *filter.to);
    if (filter.mmsi) sqlite3_bind_int64(s, 4, *filter.mmsi);
    std::vector<StoredAlert> out;
    int rc = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        StoredAlert alert;
        alert.id = sqlite3_column_int64(s, 0);
        const auto type = parseEventType(text(s, 1));
        if (!type) continue;  // a type from a newer seawatch: not ours to show
        Event& e = alert.event;
        e.type = *type;
        e.time = sqlite3_column_int64(s, 2);
        const std::string mmsi = text(s, 3);
        for (std::size_t pos = 0; pos < mmsi.size();) {
            const std::size_t comma = std::min(mmsi.find(',', pos), mmsi.size());
            e.mmsi.push_back(static_cast<ais::Mmsi>(std::stoul(mmsi.substr(pos, comma - pos))));
            pos = comma + 1;
        }
        e.zone = text(s, 4);
        e.unit = text(s, 5);
        e.text = text(s, 11);
        e.lat = sqlite3_column_double(s, 6);
        e.lon = sqlite3_column_double(s, 7);
        auto numbers = nlohmann::ordered_json::parse(text(s, 8), nullptr, false);
        if (numbers.is_object())
            for (const auto& [k, v] : numbers.items())
                if (v.is_number()) e.numbers.emplace_back(k, v.get<double>());
        alert.acknowledgedBy = text(s, 9);
        if (const std::string at = text(s, 10); !at.empty())
            alert.acknowledgedAt = time::parseIso8601(at);
        out.push_back(std::move(alert));
    }
    if (rc != SQLITE_DONE)
        return makeError(
            fmt::format("{}: cannot read alerts: {}", ws_.name(), sqlite3_errmsg(ws_.handle())));
    return out;
}

}  // namespace seawatch::analytics
