#include "seawatch/ais/archive.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "seawatch/ais/line_reader.hpp"

namespace seawatch::ais {
namespace {

struct StmtDeleter {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

struct DbDeleter {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Db = std::unique_ptr<sqlite3, DbDeleter>;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS ais_positions (
  mmsi INTEGER NOT NULL,
  time_ms INTEGER NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  sog REAL,
  cog REAL,
  heading REAL,
  nav_status INTEGER,
  msg_type INTEGER
);
CREATE INDEX IF NOT EXISTS ais_positions_time ON ais_positions(time_ms);
CREATE TABLE IF NOT EXISTS ais_static (
  mmsi INTEGER PRIMARY KEY,
  name TEXT, callsign TEXT, imo INTEGER, ship_type INTEGER,
  to_bow INTEGER, to_stern INTEGER, to_port INTEGER, to_starboard INTEGER,
  draught REAL, destination TEXT, class_b INTEGER
);
CREATE TABLE IF NOT EXISTS ais_import_progress (
  content_hash TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  lines_done INTEGER NOT NULL,
  complete INTEGER NOT NULL
);
)sql";

// Best effort after an error that is already being reported.
void rollback(sqlite3* db) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
}

std::string sqliteError(sqlite3* db, std::string_view what) {
    return std::string(what) + ": " + sqlite3_errmsg(db);
}

Result<Stmt> prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
        return makeError(sqliteError(db, "prepare"));
    return Stmt(s);
}

Status exec(sqlite3* db, const char* sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string err = msg ? msg : "sqlite error";
        sqlite3_free(msg);
        return makeError(err);
    }
    return {};
}

// A 64-bit content hash (FNV-1a over 8-byte words), enough to recognise a file again.
Result<std::string> hashFile(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return makeError("cannot read " + path + ": " + std::strerror(errno));
    std::vector<unsigned char> buf(1 << 20);
    std::uint64_t h = 1469598103934665603ULL;
    std::uint64_t total = 0;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, buf.data() + i, 8);
            h = (h ^ w) * 1099511628211ULL;
            h ^= h >> 29;
        }
        for (; i < n; ++i) h = (h ^ buf[i]) * 1099511628211ULL;
        total += n;
    }
    const bool bad = std::ferror(f) != 0;
    std::fclose(f);
    if (bad) return makeError("read error on " + path);
    char out[48];
    std::snprintf(out, sizeof out, "%016llx-%llu", static_cast<unsigned long long>(h),
                  static_cast<unsigned long long>(total));
    return std::string(out);
}

// Floats are stored rounded to the 0.1 resolution AIS carries, not as float artefacts.
void bindOptional(sqlite3_stmt* s, int i, float v) {
    if (isKnown(v)) {
        sqlite3_bind_double(s, i, std::round(static_cast<double>(v) * 10.0) / 10.0);
    } else {
        sqlite3_bind_null(s, i);
    }
}

}  // namespace

struct AisArchive::Impl {
    Db db;
};

AisArchive::AisArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AisArchive::AisArchive(AisArchive&&) noexcept = default;
AisArchive& AisArchive::operator=(AisArchive&&) noexcept = default;
AisArchive::~AisArchive() = default;

Result<AisArchive> AisArchive::open(const std::string& workspacePath) {
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(workspacePath.c_str(), &raw,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        return makeError("cannot open workspace " + workspacePath + ": " +
                         (raw ? sqlite3_errmsg(raw) : "out of memory"));
    sqlite3_busy_timeout(db.get(), 5000);
    if (auto s = exec(db.get(),
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                      "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
        !s)
        return makeError("workspace " + workspacePath + ": " + s.error());
    if (auto s = exec(db.get(), kSchema); !s)
        return makeError("workspace " + workspacePath + ": " + s.error());
    auto impl = std::make_unique<Impl>();
    impl->db = std::move(db);
    return AisArchive(std::move(impl));
}

Result<ImportReport> AisArchive::importFile(const std::string& path, const ImportOptions& options) {
    sqlite3* db = impl_->db.get();
    ImportReport report;
    report.path = path;
    auto hash = hashFile(path);
    if (!hash) return makeError(hash.error());

    std::uint64_t resumeFrom = 0;
    {
        auto q = prepare(
            db, "SELECT lines_done, complete FROM ais_import_progress WHERE content_hash=?");
        if (!q) return makeError(q.error());
        sqlite3_bind_text(q->get(), 1, hash->c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(q->get()) == SQLITE_ROW) {
            resumeFrom = static_cast<std::uint64_t>(sqlite3_column_int64(q->get(), 0));
            if (sqlite3_column_int(q->get(), 1) != 0) {
                report.alreadyComplete = true;
                report.linesSkipped = resumeFrom;
                return report;
            }
        }
    }

    // Rows go in groups of kRowsPerInsert through one multi-row statement (far fewer VM
    // round trips per row); the remainder of a batch goes through the single-row one.
    constexpr int kRowsPerInsert = 64;
    const auto insertSql = [](int rows) {
        std::string sql =
            "INSERT INTO ais_positions(mmsi,time_ms,lat,lon,sog,cog,heading,nav_status,msg_type) "
            "VALUES";
        for (int r = 0; r < rows; ++r) sql += r ? ",(?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?)";
        return sql;
    };
    auto insertFix = prepare(db, insertSql(1).c_str());
    auto insertMany = prepare(db, insertSql(kRowsPerInsert).c_str());
    if (!insertMany) return makeError(insertMany.error());
    std::vector<PositionFix> pending;
    pending.reserve(kRowsPerInsert);
    const auto bindFix = [](sqlite3_stmt* s, int base, const PositionFix& fx) {
        sqlite3_bind_int64(s, base + 1, fx.mmsi);
        sqlite3_bind_int64(s, base + 2, fx.time);
        sqlite3_bind_double(s, base + 3, fx.lat);
        sqlite3_bind_double(s, base + 4, fx.lon);
        bindOptional(s, base + 5, fx.speedKn);
        bindOptional(s, base + 6, fx.courseDeg);
        bindOptional(s, base + 7, fx.headingDeg);
        sqlite3_bind_int(s, base + 8, fx.navStatus);
        sqlite3_bind_int(s, base + 9, fx.messageType);
    };
    // Writes the pending rows: all of them (`all`) or only whole groups.
    const auto flushFixes = [&](bool all) -> Status {
        if (pending.size() == static_cast<std::size_t>(kRowsPerInsert)) {
            sqlite3_stmt* s = insertMany->get();
            for (int r = 0; r < kRowsPerInsert; ++r)
                bindFix(s, r * 9, pending[static_cast<std::size_t>(r)]);
            if (sqlite3_step(s) != SQLITE_DONE)
                return makeError(sqliteError(db, "insert positions"));
            sqlite3_reset(s);
            pending.clear();
        }
        if (!all) return {};
        for (const auto& fx : pending) {
            sqlite3_stmt* s = insertFix->get();
            bindFix(s, 0, fx);
            if (sqlite3_step(s) != SQLITE_DONE)
                return makeError(sqliteError(db, "insert position"));
            sqlite3_reset(s);
        }
        pending.clear();
        return {};
    };
    auto upsertStatic =
        prepare(db,
                "INSERT INTO ais_static(mmsi,name,callsign,imo,ship_type,to_bow,to_stern,to_port,"
                "to_starboard,draught,destination,class_b) VALUES(?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(mmsi) DO UPDATE SET "
                "name=COALESCE(NULLIF(excluded.name,''),name),"
                "callsign=COALESCE(NULLIF(excluded.callsign,''),callsign),"
                "imo=COALESCE(NULLIF(excluded.imo,0),imo),"
                "ship_type=COALESCE(NULLIF(excluded.ship_type,0),ship_type),"
                "to_bow=CASE WHEN "
                "excluded.to_bow+excluded.to_stern+excluded.to_port+excluded.to_starboard>0 THEN "
                "excluded.to_bow ELSE to_bow END,"
                "to_stern=CASE WHEN "
                "excluded.to_bow+excluded.to_stern+excluded.to_port+excluded.to_starboard>0 THEN "
                "excluded.to_stern ELSE to_stern END,"
                "to_port=CASE WHEN "
                "excluded.to_bow+excluded.to_stern+excluded.to_port+excluded.to_starboard>0 THEN "
                "excluded.to_port ELSE to_port END,"
                "to_starboard=CASE WHEN "
                "excluded.to_bow+excluded.to_stern+excluded.to_port+excluded.to_starboard>0 THEN "
                "excluded.to_starboard ELSE to_starboard END,"
                "draught=COALESCE(excluded.draught,draught),"
                "destination=COALESCE(NULLIF(excluded.destination,''),destination),"
                "class_b=MAX(class_b,excluded.class_b)");
    auto progress = prepare(
        db,
        "INSERT INTO ais_import_progress(content_hash,path,lines_done,complete) VALUES(?,?,?,?) "
        "ON CONFLICT(content_hash) DO UPDATE SET path=excluded.path,lines_done=excluded.lines_done,"
        "complete=excluded.complete");
    if (!insertFix) return makeError(insertFix.error());
    if (!upsertStatic) return makeError(upsertStatic.error());
    if (!progress) return makeError(progress.error());

    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return makeError("cannot read " + path + ": " + std::strerror(errno));
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(f, &std::fclose);
    LineReader reader(f);
    AisDecoder decoder;

    const auto commit = [&](std::uint64_t linesDone, bool complete) -> Status {
        if (auto st = flushFixes(true); !st) return st;
        sqlite3_stmt* p = progress->get();
        sqlite3_bind_text(p, 1, hash->c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(p, 2, path.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(p, 3, static_cast<sqlite3_int64>(linesDone));
        sqlite3_bind_int(p, 4, complete ? 1 : 0);
        if (sqlite3_step(p) != SQLITE_DONE) return makeError(sqliteError(db, "progress"));
        sqlite3_reset(p);
        if (auto s = exec(db, "COMMIT"); !s) return s;
        return {};
    };

    if (auto s = exec(db, "BEGIN"); !s) return makeError(s.error());
    std::string_view line;
    std::uint64_t lineNo = 0;
    std::uint64_t inBatch = 0;
    bool stoppedEarly = false;
    while (reader.next(line)) {
        ++lineNo;
        if (lineNo <= resumeFrom) {
            // Skipped lines still feed the decoder's clock and multi-part state.
            decoder.decodeLine(line);
            ++report.linesSkipped;
            continue;
        }
        ++report.linesRead;
        const AisMessage* m = decoder.decodeLine(line);
        if (m) {
            time::UnixMillis t = m->meta.time != kNoTime ? m->meta.time : decoder.lastTime();
            if (t == kNoTime && options.untimedStart) {
                t = *options.untimedStart +
                    static_cast<time::UnixMillis>(lineNo - 1) * options.untimedIntervalMs;
            }
            if (auto fix = toPositionFix(*m, t)) {
                if (t == kNoTime) {
                    ++report.untimedMessages;
                } else {
                    pending.push_back(*fix);
                    if (pending.size() == static_cast<std::size_t>(kRowsPerInsert)) {
                        if (auto st = flushFixes(false); !st) {
                            rollback(db);
                            return makeError(path + ":" + std::to_string(lineNo) + ": " +
                                             st.error());
                        }
                    }
                    ++report.fixesStored;
                }
            }
            if (auto st = toVesselStatic(*m); st && st->mmsi != 0) {
                sqlite3_stmt* s = upsertStatic->get();
                sqlite3_bind_int64(s, 1, st->mmsi);
                sqlite3_bind_text(s, 2, st->name.c_str(), -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(s, 3, st->callsign.c_str(), -1, SQLITE_TRANSIENT);
                sqlite3_bind_int64(s, 4, st->imo);
                sqlite3_bind_int(s, 5, st->shipType);
                sqlite3_bind_int(s, 6, st->toBow);
                sqlite3_bind_int(s, 7, st->toStern);
                sqlite3_bind_int(s, 8, st->toPort);
                sqlite3_bind_int(s, 9, st->toStarboard);
                bindOptional(s, 10, st->draughtM);
                sqlite3_bind_text(s, 11, st->destination.c_str(), -1, SQLITE_TRANSIENT);
                sqlite3_bind_int(s, 12, st->classB ? 1 : 0);
                if (sqlite3_step(s) != SQLITE_DONE) {
                    const std::string err = sqliteError(db, "store static data");
                    rollback(db);
                    return makeError(path + ":" + std::to_string(lineNo) + ": " + err);
                }
                sqlite3_reset(s);
                ++report.staticStored;
            }
        }
        if (++inBatch >= options.batchLines) {
            if (auto s = commit(lineNo, false); !s) {
                rollback(db);
                return makeError(path + ": " + s.error());
            }
            if (auto s = exec(db, "BEGIN"); !s) return makeError(s.error());
            inBatch = 0;
        }
        if (options.stopAfterLines && report.linesRead >= options.stopAfterLines) {
            stoppedEarly = true;
            break;
        }
    }
    if (reader.failed()) {
        rollback(db);
        return makeError("read error on " + path);
    }
    if (auto s = commit(lineNo, !stoppedEarly); !s) {
        rollback(db);
        return makeError(path + ": " + s.error());
    }
    decoder.endOfInput();
    report.decode = decoder.stats();
    return report;
}

Result<std::size_t> AisArchive::loadWindow(time::UnixMillis tFrom, time::UnixMillis tTo,
                                           TrackStore& store,
                                           std::optional<geo::GeoBox> box) const {
    sqlite3* db = impl_->db.get();
    auto q = prepare(
        db,
        "SELECT mmsi,time_ms,lat,lon,sog,cog,heading,nav_status,msg_type FROM ais_positions "
        "WHERE time_ms BETWEEN ? AND ? ORDER BY time_ms");
    if (!q) return makeError(q.error());
    sqlite3_stmt* s = q->get();
    sqlite3_bind_int64(s, 1, tFrom);
    sqlite3_bind_int64(s, 2, tTo);
    const auto optionalFloat = [s](int col) {
        return sqlite3_column_type(s, col) == SQLITE_NULL
                   ? kUnknown
                   : static_cast<float>(sqlite3_column_double(s, col));
    };
    std::size_t loaded = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        PositionFix f;
        f.mmsi = static_cast<Mmsi>(sqlite3_column_int64(s, 0));
        f.time = sqlite3_column_int64(s, 1);
        f.lat = sqlite3_column_double(s, 2);
        f.lon = sqlite3_column_double(s, 3);
        f.speedKn = optionalFloat(4);
        f.courseDeg = optionalFloat(5);
        f.headingDeg = optionalFloat(6);
        f.navStatus = static_cast<std::uint8_t>(sqlite3_column_int(s, 7));
        f.messageType = static_cast<std::uint8_t>(sqlite3_column_int(s, 8));
        if (box && !box->contains({f.lon, f.lat})) continue;
        if (store.addFix(f)) ++loaded;
    }
    if (rc != SQLITE_DONE) return makeError(sqliteError(db, "load positions"));

    auto st = prepare(
        db,
        "SELECT mmsi,name,callsign,imo,ship_type,to_bow,to_stern,to_port,to_starboard,draught,"
        "destination,class_b FROM ais_static");
    if (!st) return makeError(st.error());
    sqlite3_stmt* t = st->get();
    const auto text = [t](int col) {
        const auto* p = sqlite3_column_text(t, col);
        return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
    };
    while ((rc = sqlite3_step(t)) == SQLITE_ROW) {
        const auto mmsi = static_cast<Mmsi>(sqlite3_column_int64(t, 0));
        if (!store.indexOf(mmsi)) continue;  // only vessels in the window
        VesselStatic v;
        v.mmsi = mmsi;
        v.name = text(1);
        v.callsign = text(2);
        v.imo = static_cast<std::uint32_t>(sqlite3_column_int64(t, 3));
        v.shipType = sqlite3_column_int(t, 4);
        v.toBow = sqlite3_column_int(t, 5);
        v.toStern = sqlite3_column_int(t, 6);
        v.toPort = sqlite3_column_int(t, 7);
        v.toStarboard = sqlite3_column_int(t, 8);
        v.draughtM = sqlite3_column_type(t, 9) == SQLITE_NULL
                         ? kUnknown
                         : static_cast<float>(sqlite3_column_double(t, 9));
        v.destination = text(10);
        v.classB = sqlite3_column_int(t, 11) != 0;
        store.mergeStatic(v);
    }
    if (rc != SQLITE_DONE) return makeError(sqliteError(db, "load static data"));
    store.compact();
    return loaded;
}

Result<std::uint64_t> AisArchive::positionCount() const {
    auto q = prepare(impl_->db.get(), "SELECT COUNT(*) FROM ais_positions");
    if (!q) return makeError(q.error());
    if (sqlite3_step(q->get()) != SQLITE_ROW) return makeError("count failed");
    return static_cast<std::uint64_t>(sqlite3_column_int64(q->get(), 0));
}

Result<std::uint64_t> AisArchive::staticCount() const {
    auto q = prepare(impl_->db.get(), "SELECT COUNT(*) FROM ais_static");
    if (!q) return makeError(q.error());
    if (sqlite3_step(q->get()) != SQLITE_ROW) return makeError("count failed");
    return static_cast<std::uint64_t>(sqlite3_column_int64(q->get(), 0));
}

}  // namespace seawatch::ais
