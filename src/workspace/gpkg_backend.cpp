#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstring>
#include <string>
#include <system_error>

#include "seawatch/workspace/gpkg.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"

namespace seawatch::workspace {

namespace {

// 'GPKG' and GeoPackage 1.2, which every GDAL since 2.2 and QGIS read.
constexpr int kGpkgApplicationId = 0x47504B47;
constexpr int kGpkgUserVersion = 10200;

constexpr const char* kCoreSchema = R"sql(
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326,
   'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
   'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE IF NOT EXISTS gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE IF NOT EXISTS gpkg_extensions (
  table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
  scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
CREATE TABLE IF NOT EXISTS seawatch_schema (
  component TEXT PRIMARY KEY, version INTEGER NOT NULL, migrated_at TEXT NOT NULL);
)sql";

// GeoPackage binary header: magic, version, flags, srs_id, then an optional envelope.
struct GpkgHeader {
    bool valid = false;
    bool empty = false;
    bool hasEnvelope = false;
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
    const unsigned char* wkb = nullptr;
    std::size_t wkbSize = 0;
};

double readDouble(const unsigned char* p, bool littleEndian) {
    unsigned char bytes[8];
    std::memcpy(bytes, p, 8);
    if (!littleEndian) {
        for (int i = 0; i < 4; ++i) std::swap(bytes[i], bytes[7 - i]);
    }
    double v;
    std::memcpy(&v, bytes, 8);
    return v;
}

std::uint32_t readUint32(const unsigned char* p, bool littleEndian) {
    return littleEndian ? (std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 |
                           std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24)
                        : (std::uint32_t(p[3]) | std::uint32_t(p[2]) << 8 |
                           std::uint32_t(p[1]) << 16 | std::uint32_t(p[0]) << 24);
}

GpkgHeader readHeader(sqlite3_value* value) {
    GpkgHeader h;
    if (sqlite3_value_type(value) != SQLITE_BLOB) return h;
    const auto* p = static_cast<const unsigned char*>(sqlite3_value_blob(value));
    const auto size = static_cast<std::size_t>(sqlite3_value_bytes(value));
    if (size < 8 || p[0] != 'G' || p[1] != 'P') return h;
    const unsigned flags = p[3];
    const bool le = flags & 1u;
    const unsigned envelopeKind = (flags >> 1) & 7u;
    static constexpr std::size_t kEnvelopeBytes[] = {0, 32, 48, 48, 64};
    if (envelopeKind > 4) return h;
    const std::size_t headerSize = 8 + kEnvelopeBytes[envelopeKind];
    if (size < headerSize) return h;
    h.valid = true;
    h.empty = flags & 0x10u;
    if (envelopeKind > 0) {
        h.hasEnvelope = true;
        h.minX = readDouble(p + 8, le);
        h.maxX = readDouble(p + 16, le);
        h.minY = readDouble(p + 24, le);
        h.maxY = readDouble(p + 32, le);
    }
    h.wkb = p + headerSize;
    h.wkbSize = size - headerSize;
    // A point carries no envelope; its coordinates are its bounds.
    if (!h.hasEnvelope && !h.empty && h.wkbSize >= 21) {
        const bool wkbLe = h.wkb[0] == 1;
        const std::uint32_t type = readUint32(h.wkb + 1, wkbLe) % 1000;
        if (type == 1) {
            h.minX = h.maxX = readDouble(h.wkb + 5, wkbLe);
            h.minY = h.maxY = readDouble(h.wkb + 13, wkbLe);
            h.hasEnvelope = true;
            if (h.minX != h.minX) h.empty = true;  // POINT EMPTY is written as NaN
        }
    }
    return h;
}

template <int Which>
void envelopeFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const GpkgHeader h = readHeader(argv[0]);
    if (!h.valid || h.empty || !h.hasEnvelope) {
        sqlite3_result_null(ctx);
        return;
    }
    const double values[] = {h.minX, h.maxX, h.minY, h.maxY};
    sqlite3_result_double(ctx, values[Which]);
}

void isEmptyFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const GpkgHeader h = readHeader(argv[0]);
    if (!h.valid) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_int(ctx, h.empty ? 1 : 0);
}

Status registerGeometryFunctions(sqlite3* db) {
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    struct Fn {
        const char* name;
        void (*fn)(sqlite3_context*, int, sqlite3_value**);
    };
    const Fn functions[] = {{"ST_MinX", envelopeFunction<0>},
                            {"ST_MaxX", envelopeFunction<1>},
                            {"ST_MinY", envelopeFunction<2>},
                            {"ST_MaxY", envelopeFunction<3>},
                            {"ST_IsEmpty", isEmptyFunction}};
    for (const Fn& f : functions) {
        if (sqlite3_create_function_v2(db, f.name, 1, flags, nullptr, f.fn, nullptr, nullptr,
                                       nullptr) != SQLITE_OK) {
            return makeError(sqliteError(db, std::string("cannot register ") + f.name));
        }
    }
    return {};
}

Result<int> pragmaInt(sqlite3* db, const char* pragma) {
    auto stmt = Statement::prepare(db, std::string("PRAGMA ") + pragma);
    if (!stmt) return makeError(stmt.error());
    if (const int rc = stmt->step(); rc != SQLITE_ROW) {
        return makeError(std::string(pragma) + ": " + sqlite3_errstr(rc) + " (" +
                         sqlite3_errmsg(db) + ")");
    }
    return static_cast<int>(stmt->int64(0));
}

Status execOn(sqlite3* db, std::string_view sql) {
    char* message = nullptr;
    const std::string owned(sql);
    if (sqlite3_exec(db, owned.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        return makeError(text);
    }
    return {};
}

Result<bool> tableExists(sqlite3* db, std::string_view table) {
    auto stmt =
        Statement::prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
    if (!stmt) return makeError(stmt.error());
    stmt->bind(1, table);
    const int rc = stmt->step();
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return makeError(sqliteError(db, "reading the schema"));
}

// A file URI for sqlite3_open_v2 with SQLITE_OPEN_URI: every byte outside the unreserved set
// percent-encoded, so '?', '#' and '%' in a path stay part of the path.
std::string fileUri(const std::filesystem::path& file, std::string_view query) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string uri = "file:";
    const std::filesystem::path absolute = std::filesystem::absolute(file);
    for (const unsigned char c : absolute.native()) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            uri += static_cast<char>(c);
        } else {
            uri += '%';
            uri += kHex[c >> 4];
            uri += kHex[c & 15];
        }
    }
    return uri + "?" + std::string(query);
}

struct Connection {
    sqlite3* db = nullptr;
    int rc = SQLITE_OK;
};

Connection openConnection(const std::string& name, int flags) {
    Connection c;
    c.rc = sqlite3_open_v2(name.c_str(), &c.db, flags, nullptr);
    return c;
}

std::string openError(const std::filesystem::path& file, const Connection& c) {
    return "cannot open workspace " + file.string() + ": " +
           (c.db ? sqlite3_errmsg(c.db) : "out of memory");
}

// Whether this process may create files next to `file` and write `file` itself: a WAL
// reader needs the -shm and -wal files, and SQLite cannot make them in a read-only folder.
bool writableByUs(const std::filesystem::path& file) {
    const std::filesystem::path folder =
        file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    return ::access(file.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
}

}  // namespace

GpkgBackend::GpkgBackend(Key, sqlite3* db, std::filesystem::path file, Access access)
    : db_(db), file_(std::move(file)), name_(file_.string()), access_(access) {}

GpkgBackend::~GpkgBackend() {
    sqlite3_close_v2(db_);
}

Result<std::unique_ptr<GpkgBackend>> GpkgBackend::open(const std::filesystem::path& file,
                                                       Access access) {
    if (file.empty()) return makeError("no workspace file given");
    if (access == Access::ReadOnly) {
        std::error_code ec;
        if (!std::filesystem::exists(file, ec)) {
            return makeError("workspace " + file.string() + " does not exist");
        }
        Connection c = openConnection(file.string(), SQLITE_OPEN_READONLY);
        auto backend = std::make_unique<GpkgBackend>(Key{}, c.db, file, access);
        if (c.rc != SQLITE_OK) return makeError(openError(file, c));
        auto ready = backend->prepareForReading();
        if (!ready && !writableByUs(file)) {
            // A WAL file in a read-only folder: SQLite cannot make the shared-memory index
            // it reads through. Nobody can be writing to it there, so read it as immutable.
            c = openConnection(fileUri(file, "immutable=1"),
                               SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
            backend = std::make_unique<GpkgBackend>(Key{}, c.db, file, access);
            if (c.rc != SQLITE_OK) return makeError(openError(file, c));
            ready = backend->prepareForReading();
        }
        if (!ready) return makeError(ready.error());
        return backend;
    }
    Connection c = openConnection(file.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    auto backend = std::make_unique<GpkgBackend>(Key{}, c.db, file, access);
    if (c.rc != SQLITE_OK) return makeError(openError(file, c));
    if (sqlite3_db_readonly(c.db, "main") == 1) {
        return makeError("workspace " + file.string() +
                         " cannot be written (the file or its folder is read-only)");
    }
    if (auto s = backend->prepareForWriting(); !s) return makeError(s.error());
    return backend;
}

// Settings of every connection, reader or writer.
static Status commonSettings(sqlite3* db) {
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    sqlite3_extended_result_codes(db, 1);
    if (auto s = registerGeometryFunctions(db); !s) return s;
    return execOn(db,
                  "PRAGMA foreign_keys=ON; PRAGMA cache_size=-131072; "
                  "PRAGMA temp_store=MEMORY");
}

Status GpkgBackend::prepareForReading() {
    if (auto s = commonSettings(db_); !s) return makeError("workspace " + name_ + ": " + s.error());
    // Belt and braces: even a bug in a reader cannot write through this connection.
    if (auto s = execOn(db_, "PRAGMA query_only=ON"); !s) return makeError(s.error());
    auto appId = pragmaInt(db_, "application_id");
    if (!appId) {
        return makeError("workspace " + name_ + " cannot be read: " + appId.error());
    }
    if (*appId != 0 && *appId != kGpkgApplicationId) {
        return makeError("workspace " + name_ +
                         " is a SQLite file of another application (application_id " +
                         std::to_string(*appId) + ")");
    }
    return {};
}

Status GpkgBackend::prepareForWriting() {
    if (auto s = commonSettings(db_); !s) return makeError("workspace " + name_ + ": " + s.error());
    auto appId = pragmaInt(db_, "application_id");
    if (!appId) {
        return makeError("workspace " + name_ + " is not a SQLite database: " + appId.error());
    }
    if (*appId != 0 && *appId != kGpkgApplicationId) {
        return makeError("workspace " + name_ +
                         " is a SQLite file of another application (application_id " +
                         std::to_string(*appId) + ")");
    }
    // WAL: readers (queries, the console) go on reading while an import writes.
    if (auto s = execOn(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"); !s) {
        return makeError("workspace " + name_ + ": " + s.error());
    }
    // The core tables exist in every workspace this layer made; checking first spares a
    // writer the write lock (and a wait) on every open.
    auto schema = tableExists(db_, "seawatch_schema");
    if (!schema) return makeError("workspace " + name_ + ": " + schema.error());
    auto contents = tableExists(db_, "gpkg_contents");
    if (!contents) return makeError("workspace " + name_ + ": " + contents.error());
    if (*schema && *contents && *appId == kGpkgApplicationId) return {};
    std::string sql = "BEGIN IMMEDIATE;";
    if (*appId == 0) {
        sql += "PRAGMA application_id=" + std::to_string(kGpkgApplicationId) +
               "; PRAGMA user_version=" + std::to_string(kGpkgUserVersion) + ";";
    }
    sql += kCoreSchema;
    sql += "COMMIT;";
    if (auto s = execOn(db_, sql); !s) {
        (void)execOn(db_, "ROLLBACK");
        return makeError("workspace " + name_ + ": " + s.error());
    }
    return {};
}

Result<int> GpkgBackend::schemaVersion(std::string_view component) const {
    // A reader of a foreign GeoPackage finds no seawatch_schema; writers always have one.
    auto exists = tableExists(db_, "seawatch_schema");
    if (!exists) return makeError(exists.error());
    if (!*exists) return 0;
    auto stmt = Statement::prepare(db_, "SELECT version FROM seawatch_schema WHERE component = ?1");
    if (!stmt) return makeError(stmt.error());
    stmt->bind(1, component);
    const int rc = stmt->step();
    if (rc == SQLITE_ROW) return static_cast<int>(stmt->int64(0));
    if (rc == SQLITE_DONE) return 0;
    return makeError(sqliteError(db_, "reading the schema version"));
}

Status GpkgBackend::applyMigration(std::string_view component, const Migration& step) {
    if (auto s = exec(step.sql); !s) return s;
    auto record =
        Statement::prepare(db_,
                           "INSERT INTO seawatch_schema(component, version, migrated_at) "
                           "VALUES(?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ','now')) "
                           "ON CONFLICT(component) DO UPDATE SET version = excluded.version, "
                           "migrated_at = excluded.migrated_at");
    if (!record) return makeError(record.error());
    record->bind(1, component);
    record->bind(2, step.version);
    if (record->step() != SQLITE_DONE) {
        return makeError(sqliteError(db_, "cannot record schema version"));
    }
    return {};
}

Status GpkgBackend::exec(std::string_view sql) {
    return execOn(db_, sql);
}
Status GpkgBackend::begin() {
    return execOn(db_, "BEGIN IMMEDIATE");
}
Status GpkgBackend::commit() {
    return execOn(db_, "COMMIT");
}
Status GpkgBackend::rollback() {
    return execOn(db_, "ROLLBACK");
}

}  // namespace seawatch::workspace
