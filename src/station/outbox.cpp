#include "seawatch/station/outbox.hpp"

#include <sqlite3.h>

#include "seawatch/common/resources.hpp"
#include "seawatch/incidents/workspace.hpp"
#include "seawatch/station/schema.hpp"

#include "seawatch/station/roles.hpp"

namespace seawatch::station {

namespace {

const std::vector<workspace::Migration>& outboxMigrations() {
    static const std::vector<workspace::Migration> steps = {{1, R"sql(
CREATE TABLE station_outbox (
  queue_no INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  target TEXT NOT NULL,
  queued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  time_ms INTEGER NOT NULL,
  text TEXT NOT NULL,
  lat REAL,
  lon REAL,
  releasable_to TEXT NOT NULL,
  ref TEXT);
CREATE INDEX station_outbox_target ON station_outbox (target, queue_no);
)sql"},
                                                            {2, R"sql(
CREATE TABLE station_outbox_items (
  queue_no INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  target TEXT NOT NULL,
  queued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  payload TEXT NOT NULL,
  UNIQUE (kind, id, target));
CREATE INDEX station_outbox_items_target ON station_outbox_items (target, queue_no);
)sql"}};
    return steps;
}

// A prepared statement finalised on every path out.
struct Stmt {
    sqlite3_stmt* raw = nullptr;
    ~Stmt() { sqlite3_finalize(raw); }
};

std::string joinGroups(const std::vector<std::string>& groups) {
    std::string out;
    for (std::size_t i = 0; i < groups.size(); ++i) out += (i ? "," : "") + groups[i];
    return out;
}

}  // namespace

std::filesystem::path defaultOutboxPath() {
    return userDataDir() / "outbox.gpkg";
}

Outbox::~Outbox() = default;
Outbox::Outbox(Outbox&&) noexcept = default;
Outbox& Outbox::operator=(Outbox&&) noexcept = default;

Result<Outbox> Outbox::open(const std::filesystem::path& path) {
    auto ws = workspace::Workspace::open(path);
    if (!ws) return makeError("outbox " + path.string() + ": " + ws.error());
    Outbox box;
    box.ws_ = std::make_unique<workspace::Workspace>(std::move(ws).value());
    box.path_ = path;
    if (auto ok = box.ws_->migrate("station_outbox", outboxMigrations()); !ok) {
        return makeError("outbox " + path.string() + ": " + ok.error());
    }
    return box;
}

Status Outbox::add(const QueuedEntry& queued) {
    Stmt s;
    sqlite3* db = ws_->handle();
    if (sqlite3_prepare_v2(db,
                           "INSERT OR IGNORE INTO station_outbox (id, target, time_ms, text, lat, "
                           "lon, releasable_to, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &s.raw, nullptr) != SQLITE_OK) {
        return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    }
    const LogEntry& e = queued.entry;
    sqlite3_bind_text(s.raw, 1, e.id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s.raw, 2, queued.target.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s.raw, 3, e.time);
    sqlite3_bind_text(s.raw, 4, e.text.c_str(), -1, SQLITE_TRANSIENT);
    if (e.lat) {
        sqlite3_bind_double(s.raw, 5, *e.lat);
        sqlite3_bind_double(s.raw, 6, *e.lon);
    }
    const std::string groups = joinGroups(e.releasableTo);
    sqlite3_bind_text(s.raw, 7, groups.c_str(), -1, SQLITE_TRANSIENT);
    if (!e.ref.empty()) sqlite3_bind_text(s.raw, 8, e.ref.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s.raw) != SQLITE_DONE) {
        return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    }
    return {};
}

Status Outbox::remove(const std::string& id) {
    Stmt s;
    sqlite3* db = ws_->handle();
    if (sqlite3_prepare_v2(db, "DELETE FROM station_outbox WHERE id = ?", -1, &s.raw, nullptr) !=
        SQLITE_OK) {
        return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    }
    sqlite3_bind_text(s.raw, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s.raw) != SQLITE_DONE) {
        return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    }
    return {};
}

Result<std::vector<LogEntry>> Outbox::pending(const std::string& target) const {
    Stmt s;
    sqlite3* db = ws_->handle();
    if (sqlite3_prepare_v2(db,
                           "SELECT id, time_ms, text, lat, lon, releasable_to, ref FROM "
                           "station_outbox WHERE target = ? ORDER BY queue_no",
                           -1, &s.raw, nullptr) != SQLITE_OK) {
        return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    }
    sqlite3_bind_text(s.raw, 1, target.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<LogEntry> out;
    int rc;
    while ((rc = sqlite3_step(s.raw)) == SQLITE_ROW) {
        LogEntry e;
        e.id = reinterpret_cast<const char*>(sqlite3_column_text(s.raw, 0));
        e.time = sqlite3_column_int64(s.raw, 1);
        e.text = reinterpret_cast<const char*>(sqlite3_column_text(s.raw, 2));
        if (sqlite3_column_type(s.raw, 3) != SQLITE_NULL) {
            e.lat = sqlite3_column_double(s.raw, 3);
            e.lon = sqlite3_column_double(s.raw, 4);
        }
        e.releasableTo =
            splitGroupList(reinterpret_cast<const char*>(sqlite3_column_text(s.raw, 5)));
        if (sqlite3_column_type(s.raw, 6) != SQLITE_NULL) {
            e.ref = reinterpret_cast<const char*>(sqlite3_column_text(s.raw, 6));
        }
        out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    return out;
}

Status Outbox::addItems(const std::vector<OutboxItem>& items) {
    if (items.empty()) return {};
    sqlite3* db = ws_->handle();
    workspace::Transaction tx(*ws_);
    if (!tx.active()) return makeError("outbox " + path_.string() + ": " + tx.beginError());
    Stmt s;
    if (sqlite3_prepare_v2(db,
                           "INSERT OR IGNORE INTO station_outbox_items (kind, id, target, payload) "
                           "VALUES (?, ?, ?, ?)",
                           -1, &s.raw, nullptr) != SQLITE_OK) {
        return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    }
    for (const OutboxItem& item : items) {
        sqlite3_reset(s.raw);
        sqlite3_bind_text(s.raw, 1, item.kind.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s.raw, 2, item.id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s.raw, 3, item.target.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s.raw, 4, item.payload.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s.raw) != SQLITE_DONE) {
            return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
        }
    }
    if (auto ok = tx.commit(); !ok)
        return makeError("outbox " + path_.string() + ": " + ok.error());
    return {};
}

Status Outbox::removeItems(const std::vector<std::int64_t>& queueNos) {
    if (queueNos.empty()) return {};
    sqlite3* db = ws_->handle();
    workspace::Transaction tx(*ws_);
    if (!tx.active()) return makeError("outbox " + path_.string() + ": " + tx.beginError());
    Stmt s;
    if (sqlite3_prepare_v2(db, "DELETE FROM station_outbox_items WHERE queue_no = ?", -1, &s.raw,
                           nullptr) != SQLITE_OK) {
        return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    }
    for (const std::int64_t queueNo : queueNos) {
        sqlite3_reset(s.raw);
        sqlite3_bind_int64(s.raw, 1, queueNo);
        if (sqlite3_step(s.raw) != SQLITE_DONE) {
            return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
        }
    }
    if (auto ok = tx.commit(); !ok)
        return makeError("outbox " + path_.string() + ": " + ok.error());
    return {};
}

namespace {

// " AND kind IN (?, ?)" for `kinds` (nothing for none), bound from parameter `first` on.
std::string kindFilter(const std::vector<std::string>& kinds) {
    if (kinds.empty()) return {};
    std::string sql = " AND kind IN (";
    for (std::size_t i = 0; i < kinds.size(); ++i) sql += i == 0 ? "?" : ", ?";
    return sql + ")";
}

void bindKinds(sqlite3_stmt* s, int first, const std::vector<std::string>& kinds) {
    for (std::size_t i = 0; i < kinds.size(); ++i)
        sqlite3_bind_text(s, first + static_cast<int>(i), kinds[i].c_str(), -1, SQLITE_TRANSIENT);
}

}  // namespace

Result<std::vector<OutboxItem>> Outbox::pendingItems(const std::string& target, std::size_t limit,
                                                     const std::vector<std::string>& kinds) const {
    Stmt s;
    sqlite3* db = ws_->handle();
    const std::string sql =
        "SELECT queue_no, kind, id, payload FROM station_outbox_items "
        "WHERE target = ?" +
        kindFilter(kinds) + " ORDER BY queue_no LIMIT ?";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s.raw, nullptr) != SQLITE_OK) {
        return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    }
    sqlite3_bind_text(s.raw, 1, target.c_str(), -1, SQLITE_TRANSIENT);
    bindKinds(s.raw, 2, kinds);
    sqlite3_bind_int64(s.raw, 2 + static_cast<int>(kinds.size()),
                       static_cast<sqlite3_int64>(limit));
    std::vector<OutboxItem> out;
    int rc;
    while ((rc = sqlite3_step(s.raw)) == SQLITE_ROW) {
        OutboxItem item;
        item.queueNo = sqlite3_column_int64(s.raw, 0);
        item.kind = reinterpret_cast<const char*>(sqlite3_column_text(s.raw, 1));
        item.id = reinterpret_cast<const char*>(sqlite3_column_text(s.raw, 2));
        item.target = target;
        item.payload = reinterpret_cast<const char*>(sqlite3_column_text(s.raw, 3));
        out.push_back(std::move(item));
    }
    if (rc != SQLITE_DONE) return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    return out;
}

Result<std::size_t> Outbox::countItems(const std::string& target,
                                       const std::vector<std::string>& kinds) const {
    Stmt s;
    sqlite3* db = ws_->handle();
    const std::string sql =
        "SELECT count(*) FROM station_outbox_items WHERE target = ?" + kindFilter(kinds);
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s.raw, nullptr) != SQLITE_OK) {
        return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    }
    sqlite3_bind_text(s.raw, 1, target.c_str(), -1, SQLITE_TRANSIENT);
    bindKinds(s.raw, 2, kinds);
    if (sqlite3_step(s.raw) != SQLITE_ROW)
        return makeError("outbox " + path_.string() + ": " + sqlite3_errmsg(db));
    return static_cast<std::size_t>(sqlite3_column_int64(s.raw, 0));
}

FlushReport Outbox::flush(const std::string& target) {
    FlushReport report;
    auto queued = pending(target);
    if (queued && queued->empty()) return report;
    PgFailure failure;
    auto conn = openStation(target, &failure);
    if (!conn) {
        report.remaining = queued ? queued->size() : 0;
        report.unreachable = conn.error();
        if (failure.kind != FailureKind::Unreachable) report.refused.push_back(conn.error());
        return report;
    }
    return flush(*conn, target);
}

FlushReport Outbox::flush(PgConnection& conn, const std::string& target) {
    FlushReport report;
    auto queued = pending(target);
    if (!queued) {
        report.refused.push_back(queued.error());
        return report;
    }
    for (std::size_t i = 0; i < queued->size(); ++i) {
        const LogEntry& e = (*queued)[i];
        PgFailure failure;
        auto posted = postEntry(conn, e, &failure);
        if (!posted && failure.kind == FailureKind::Unreachable) {
            report.remaining = queued->size() - i;
            report.unreachable = posted.error();
            return report;
        }
        if (!posted && failure.kind != FailureKind::BadInput) {
            // Rights or schema: every other entry would fail the same way; keep them all.
            report.remaining = queued->size() - i;
            report.refused.push_back(posted.error());
            return report;
        }
        if (!posted) report.refused.push_back(e.id + ": " + posted.error());
        if (posted) ++report.sent;
        if (auto ok = remove(e.id); !ok) report.refused.push_back(ok.error());
    }
    return report;
}

}  // namespace seawatch::station
