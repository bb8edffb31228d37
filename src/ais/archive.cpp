#include "seawatch/ais/archive.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "seawatch/ais/line_reader.hpp"
#include "seawatch/workspace/gpkg.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"

namespace seawatch::ais {
namespace {

using workspace::sqliteError;
using workspace::Statement;

// Version 1 is the schema that seawatch created before the workspace layer versioned it,
// hence IF NOT EXISTS: on a file from then it adopts the tables as they are.
constexpr const char* kSchemaV1 = R"sql(
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

// Version 2 indexes the fixes in space and time for `ais query` (archive_query.hpp). The
// positions gain an INTEGER PRIMARY KEY so that the R*Tree's ids survive a VACUUM (an
// implicit rowid may be renumbered by one); triggers keep the tree in step with every writer.
// The tree keys time in seconds: its 32-bit float bounds are rounded outwards (a couple of
// minutes at today's epoch), so it only narrows the candidates and the exact, inclusive test
// is made on ais_positions itself.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE ais_positions_v2 (
  id INTEGER PRIMARY KEY,
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
INSERT INTO ais_positions_v2(id,mmsi,time_ms,lat,lon,sog,cog,heading,nav_status,msg_type)
  SELECT rowid,mmsi,time_ms,lat,lon,sog,cog,heading,nav_status,msg_type FROM ais_positions;
DROP TABLE ais_positions;
ALTER TABLE ais_positions_v2 RENAME TO ais_positions;
CREATE INDEX ais_positions_time ON ais_positions(time_ms);
CREATE VIRTUAL TABLE ais_positions_rtree USING rtree(id, t0, t1, lat0, lat1, lon0, lon1);
INSERT INTO ais_positions_rtree
  SELECT id, time_ms / 1000.0, time_ms / 1000.0, lat, lat, lon, lon FROM ais_positions;
CREATE TRIGGER ais_positions_rtree_insert AFTER INSERT ON ais_positions BEGIN
  INSERT INTO ais_positions_rtree VALUES
    (NEW.id, NEW.time_ms / 1000.0, NEW.time_ms / 1000.0, NEW.lat, NEW.lat, NEW.lon, NEW.lon);
END;
CREATE TRIGGER ais_positions_rtree_update AFTER UPDATE OF time_ms, lat, lon ON ais_positions
BEGIN
  UPDATE ais_positions_rtree SET t0 = NEW.time_ms / 1000.0, t1 = NEW.time_ms / 1000.0,
    lat0 = NEW.lat, lat1 = NEW.lat, lon0 = NEW.lon, lon1 = NEW.lon WHERE id = NEW.id;
END;
CREATE TRIGGER ais_positions_rtree_delete AFTER DELETE ON ais_positions BEGIN
  DELETE FROM ais_positions_rtree WHERE id = OLD.id;
END;
)sql";

// Version 3 replaces the R*Tree with a B-tree on (one-degree cell, time). Every R*Tree
// insert cost about 15 µs, which made `ais import` of a million sentences take 24 s of CPU
// instead of under one; a B-tree insert in time order costs a small fraction of that, and a
// query for a box and a window seeks once per cell of the box. The cell is a virtual
// generated column: nothing to write on insert and nothing to fill on upgrade, only the
// index to build. archiveCell() in archive_query.hpp is the same formula in C++.
constexpr const char* kSchemaV3 = R"sql(
DROP TRIGGER ais_positions_rtree_insert;
DROP TRIGGER ais_positions_rtree_update;
DROP TRIGGER ais_positions_rtree_delete;
DROP TABLE ais_positions_rtree;
ALTER TABLE ais_positions ADD COLUMN cell INTEGER GENERATED ALWAYS AS
  (min(max(CAST(lat + 90 AS INTEGER), 0), 179) * 360 +
   min(max(CAST(lon + 180 AS INTEGER), 0), 359)) VIRTUAL;
CREATE INDEX ais_positions_cell_time ON ais_positions(cell, time_ms);
)sql";

}  // namespace

// A 64-bit content hash (FNV-1a over 8-byte words), enough to recognise a file again.
Result<std::string> archiveContentHash(const std::string& path) {
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

namespace {

// Floats are stored rounded to the 0.1 resolution AIS carries, not as float artefacts.
void bindOptional(Statement& s, int i, float v) {
    if (isKnown(v)) {
        s.bind(i, std::round(static_cast<double>(v) * 10.0) / 10.0);
    } else {
        s.bindNull(i);
    }
}

struct ResumePoint {
    std::uint64_t linesDone = 0;
    bool complete = false;
};

// Step 1 of an import: how far an earlier run of the same content got.
Result<ResumePoint> readResumePoint(sqlite3* db, const std::string& hash) {
    auto q = Statement::prepare(
        db, "SELECT lines_done, complete FROM ais_import_progress WHERE content_hash = ?1");
    if (!q) return makeError(q.error());
    q->bind(1, hash);
    const int rc = q->step();
    if (rc == SQLITE_DONE) return ResumePoint{};
    if (rc != SQLITE_ROW) return makeError(sqliteError(db, "reading import progress"));
    return ResumePoint{static_cast<std::uint64_t>(q->int64(0)), q->int64(1) != 0};
}

constexpr const char* kUpsertStaticSql =
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
    "class_b=MAX(class_b,excluded.class_b)";

constexpr const char* kProgressSql =
    "INSERT INTO ais_import_progress(content_hash,path,lines_done,complete) VALUES(?,?,?,?) "
    "ON CONFLICT(content_hash) DO UPDATE SET path=excluded.path,lines_done=excluded.lines_done,"
    "complete=excluded.complete";

// Rows go in groups of kRowsPerInsert through one multi-row statement (far fewer VM round
// trips per row); the remainder of a batch goes through the single-row one.
constexpr int kRowsPerInsert = 64;
constexpr int kColumnsPerFix = 9;

std::string insertFixesSql(int rows) {
    std::string sql =
        "INSERT INTO ais_positions(mmsi,time_ms,lat,lon,sog,cog,heading,nav_status,msg_type) "
        "VALUES";
    for (int r = 0; r < rows; ++r) sql += r ? ",(?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?)";
    return sql;
}

// The writing half of an import: prepared statements and fixes waiting for a full group.
// Lives inside the import's transactions; knows nothing of lines or files.
class ArchiveWriter {
  public:
    static Result<ArchiveWriter> prepare(sqlite3* db) {
        auto one = Statement::prepare(db, insertFixesSql(1));
        if (!one) return makeError(one.error());
        auto many = Statement::prepare(db, insertFixesSql(kRowsPerInsert));
        if (!many) return makeError(many.error());
        auto upsertStatic = Statement::prepare(db, kUpsertStaticSql);
        if (!upsertStatic) return makeError(upsertStatic.error());
        auto progress = Statement::prepare(db, kProgressSql);
        if (!progress) return makeError(progress.error());
        return ArchiveWriter(db, std::move(one).value(), std::move(many).value(),
                             std::move(upsertStatic).value(), std::move(progress).value());
    }

    Status addFix(const PositionFix& fix) {
        pending_.push_back(fix);
        if (pending_.size() < static_cast<std::size_t>(kRowsPerInsert)) return {};
        for (int r = 0; r < kRowsPerInsert; ++r) {
            bindFix(insertMany_, r * kColumnsPerFix, pending_[static_cast<std::size_t>(r)]);
        }
        pending_.clear();
        return stepAndReset(insertMany_, "insert positions");
    }

    Status addStatic(const VesselStatic& st) {
        Statement& s = upsertStatic_;
        s.bind(1, static_cast<std::int64_t>(st.mmsi));
        s.bind(2, st.name);
        s.bind(3, st.callsign);
        s.bind(4, static_cast<std::int64_t>(st.imo));
        s.bind(5, st.shipType);
        s.bind(6, st.toBow);
        s.bind(7, st.toStern);
        s.bind(8, st.toPort);
        s.bind(9, st.toStarboard);
        bindOptional(s, 10, st.draughtM);
        s.bind(11, st.destination);
        s.bind(12, st.classB ? 1 : 0);
        return stepAndReset(s, "store static data");
    }

    // Writes the fixes still pending and the progress row, in the caller's transaction, so
    // that rows and progress commit together.
    Status finishBatch(const std::string& hash, const std::string& path, std::uint64_t linesDone,
                       bool complete) {
        for (const PositionFix& fix : pending_) {
            bindFix(insertOne_, 0, fix);
            if (auto s = stepAndReset(insertOne_, "insert position"); !s) return s;
        }
        pending_.clear();
        progress_.bind(1, hash);
        progress_.bind(2, path);
        progress_.bind(3, static_cast<std::int64_t>(linesDone));
        progress_.bind(4, complete ? 1 : 0);
        return stepAndReset(progress_, "progress");
    }

  private:
    ArchiveWriter(sqlite3* db, Statement one, Statement many, Statement upsertStatic,
                  Statement progress)
        : db_(db),
          insertOne_(std::move(one)),
          insertMany_(std::move(many)),
          upsertStatic_(std::move(upsertStatic)),
          progress_(std::move(progress)) {
        pending_.reserve(kRowsPerInsert);
    }

    static void bindFix(Statement& s, int base, const PositionFix& fx) {
        s.bind(base + 1, static_cast<std::int64_t>(fx.mmsi));
        s.bind(base + 2, static_cast<std::int64_t>(fx.time));
        s.bind(base + 3, fx.lat);
        s.bind(base + 4, fx.lon);
        bindOptional(s, base + 5, fx.speedKn);
        bindOptional(s, base + 6, fx.courseDeg);
        bindOptional(s, base + 7, fx.headingDeg);
        s.bind(base + 8, static_cast<int>(fx.navStatus));
        s.bind(base + 9, static_cast<int>(fx.messageType));
    }

    Status stepAndReset(Statement& s, std::string_view what) {
        const int rc = s.step();
        s.reset();
        if (rc != SQLITE_DONE) return makeError(sqliteError(db_, what));
        return {};
    }

    sqlite3* db_;
    Statement insertOne_;
    Statement insertMany_;
    Statement upsertStatic_;
    Statement progress_;
    std::vector<PositionFix> pending_;
};

// Step 3 of an import, for one decoded message: its fix and its static data, if any.
Status storeMessage(const AisMessage& m, time::UnixMillis lastTime, ArchiveLogSink& sink,
                    ImportReport& report) {
    const time::UnixMillis t = m.meta.time != kNoTime ? m.meta.time : lastTime;
    if (auto fix = toPositionFix(m, t)) {
        if (t == kNoTime) {
            ++report.untimedMessages;
        } else {
            if (auto s = sink.addFix(*fix); !s) return s;
            ++report.fixesStored;
        }
    }
    if (auto st = toVesselStatic(m); st && st->mmsi != 0) {
        if (auto s = sink.addStatic(*st); !s) return s;
        ++report.staticStored;
    }
    return {};
}

// The workspace's sink: rows through the writer, a commit every batchLines lines.
class WorkspaceSink : public ArchiveLogSink {
  public:
    WorkspaceSink(workspace::Workspace& ws, ArchiveWriter& writer, const std::string& hash,
                  const std::string& path, std::size_t batchLines)
        : ws_(ws), writer_(writer), hash_(hash), path_(path), batchLines_(batchLines) {}

    Status begin() {
        tx_ = std::make_unique<workspace::Transaction>(ws_);
        if (!tx_->active()) return makeError(tx_->beginError());
        return {};
    }
    Status addFix(const PositionFix& fix) override { return writer_.addFix(fix); }
    Status addStatic(const VesselStatic& report) override { return writer_.addStatic(report); }
    Status lineDone(std::uint64_t lineNo) override {
        if (++inBatch_ < batchLines_) return {};
        if (auto s = writer_.finishBatch(hash_, path_, lineNo, false); !s) return s;
        if (auto s = tx_->commit(); !s) return s;
        inBatch_ = 0;
        return begin();
    }
    // The last batch and the final progress row.
    Status finish(std::uint64_t lineNo, bool complete) {
        if (auto s = writer_.finishBatch(hash_, path_, lineNo, complete); !s) return s;
        return tx_->commit();
    }

  private:
    workspace::Workspace& ws_;
    ArchiveWriter& writer_;
    const std::string& hash_;
    const std::string& path_;
    std::size_t batchLines_;
    std::size_t inBatch_ = 0;
    std::unique_ptr<workspace::Transaction> tx_;
};

}  // namespace

const std::vector<workspace::Migration>& archiveMigrations() {
    static const std::vector<workspace::Migration> steps{
        {1, kSchemaV1}, {2, kSchemaV2}, {3, kSchemaV3}};
    return steps;
}

struct AisArchive::Impl {
    workspace::Workspace ws;
    sqlite3* db() const { return ws.handle(); }
};

AisArchive::AisArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AisArchive::AisArchive(AisArchive&&) noexcept = default;
AisArchive& AisArchive::operator=(AisArchive&&) noexcept = default;
AisArchive::~AisArchive() = default;

Result<AisArchive> AisArchive::open(const workspace::Location& location, workspace::Access access) {
    auto ws = workspace::Workspace::open(location, access);
    if (!ws) return makeError(ws.error());
    if (ws->kind() != workspace::BackendKind::GeoPackage) {
        // A PostgreSQL archive (issue 11: partitioned by day) joins here.
        return makeError(ws->name() + ": the AIS archive is not yet stored in " +
                         workspace::backendName(ws->kind()) + " workspaces");
    }
    if (auto s = ws->migrate("ais", archiveMigrations()); !s) return makeError(s.error());
    return AisArchive(std::make_unique<Impl>(Impl{std::move(ws).value()}));
}

Result<ImportReport> readArchiveLog(const std::string& path, const ImportOptions& options,
                                    std::uint64_t resumeAfterLine, ArchiveLogSink& sink) {
    ImportReport report;
    report.path = path;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return makeError("cannot read " + path + ": " + std::strerror(errno));
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(f, &std::fclose);
    LineReader reader(f);
    AisDecoder decoder;
    std::string_view line;
    std::uint64_t lineNo = 0;
    while (reader.next(line)) {
        ++lineNo;
        if (lineNo <= resumeAfterLine) {
            // Skipped lines still feed the decoder's clock and multi-part state.
            decoder.decodeLine(line);
            ++report.linesSkipped;
            continue;
        }
        ++report.linesRead;
        if (const AisMessage* m = decoder.decodeLine(line)) {
            time::UnixMillis fallback = decoder.lastTime();
            if (m->meta.time == kNoTime && fallback == kNoTime && options.untimedStart) {
                // A log with no times at all: date each line as the user asked.
                fallback = *options.untimedStart +
                           static_cast<time::UnixMillis>(lineNo - 1) * options.untimedIntervalMs;
            }
            if (auto s = storeMessage(*m, fallback, sink, report); !s) {
                return makeError(path + ":" + std::to_string(lineNo) + ": " + s.error());
            }
        }
        if (auto s = sink.lineDone(lineNo); !s) return makeError(path + ": " + s.error());
        if (options.stopAfterLines && report.linesRead >= options.stopAfterLines) {
            report.stoppedEarly = true;
            break;
        }
    }
    if (reader.failed()) return makeError("read error on " + path);
    decoder.endOfInput();
    report.decode = decoder.stats();
    return report;
}

Result<ImportReport> AisArchive::importFile(const std::string& path, const ImportOptions& options) {
    sqlite3* db = impl_->db();
    auto hash = archiveContentHash(path);
    if (!hash) return makeError(hash.error());
    auto resume = readResumePoint(db, *hash);
    if (!resume) return makeError(path + ": " + resume.error());
    if (resume->complete) {
        ImportReport report;
        report.path = path;
        report.alreadyComplete = true;
        report.linesSkipped = resume->linesDone;
        return report;
    }
    auto writer = ArchiveWriter::prepare(db);
    if (!writer) return makeError(writer.error());

    // Step 2: batches of lines, each in one transaction with its progress row.
    WorkspaceSink sink(impl_->ws, *writer, *hash, path, options.batchLines);
    if (auto s = sink.begin(); !s) return makeError(s.error());
    auto report = readArchiveLog(path, options, resume->linesDone, sink);
    if (!report) return report;
    if (report->fixesStored == 0 && report->untimedMessages > 0 && resume->linesDone == 0) {
        // Nothing could be dated: record no progress (the transaction rolls back), so the
        // same file imports in full once the user gives --start or --mtime.
        return report;
    }
    // Step 4: the last batch and the final progress row.
    const std::uint64_t lastLine = report->linesSkipped + report->linesRead;
    if (auto s = sink.finish(lastLine, !report->stoppedEarly); !s) {
        return makeError(path + ": " + s.error());
    }
    return report;
}

Result<std::size_t> AisArchive::loadWindow(time::UnixMillis tFrom, time::UnixMillis tTo,
                                           TrackStore& store,
                                           std::optional<geo::GeoBox> box) const {
    sqlite3* db = impl_->db();
    auto q = Statement::prepare(
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

    auto st = Statement::prepare(
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
    auto q = Statement::prepare(impl_->db(), "SELECT COUNT(*) FROM ais_positions");
    if (!q) return makeError(q.error());
    if (sqlite3_step(q->get()) != SQLITE_ROW) return makeError("count failed");
    return static_cast<std::uint64_t>(sqlite3_column_int64(q->get(), 0));
}

Result<std::uint64_t> AisArchive::staticCount() const {
    auto q = Statement::prepare(impl_->db(), "SELECT COUNT(*) FROM ais_static");
    if (!q) return makeError(q.error());
    if (sqlite3_step(q->get()) != SQLITE_ROW) return makeError("count failed");
    return static_cast<std::uint64_t>(sqlite3_column_int64(q->get(), 0));
}

}  // namespace seawatch::ais
