#include "seawatch/incidents/workspace.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "sqlite_statement.hpp"

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
    if (stmt->step() != SQLITE_ROW) return makeError(sqliteError(db, pragma));
    return static_cast<int>(stmt->int64(0));
}

}  // namespace

Result<Workspace> Workspace::open(const std::filesystem::path& path) {
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    std::unique_ptr<sqlite3, Closer> db(raw);
    if (rc != SQLITE_OK) {
        return makeError("cannot open workspace " + path.string() + ": " +
                         (raw ? sqlite3_errmsg(raw) : "out of memory"));
    }
    Workspace ws(std::move(db), path);
    sqlite3_busy_timeout(ws.handle(), 5000);
    sqlite3_extended_result_codes(ws.handle(), 1);
    if (auto s = registerGeometryFunctions(ws.handle()); !s) return makeError(s.error());

    auto appId = pragmaInt(ws.handle(), "application_id");
    if (!appId) {
        return makeError("workspace " + path.string() +
                         " is not a SQLite database: " + appId.error());
    }
    if (*appId != 0 && *appId != kGpkgApplicationId) {
        return makeError("workspace " + path.string() +
                         " is a SQLite file of another application (application_id " +
                         std::to_string(*appId) + ")");
    }
    for (const char* pragma : {"journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL",
                               "cache_size=-131072", "temp_store=MEMORY"}) {
        if (auto s = ws.exec(std::string("PRAGMA ") + pragma); !s) {
            return makeError("workspace " + path.string() + ": " + s.error());
        }
    }
    if (*appId == 0) {
        if (auto s = ws.exec("PRAGMA application_id=" + std::to_string(kGpkgApplicationId) +
                             "; PRAGMA user_version=" + std::to_string(kGpkgUserVersion));
            !s) {
            return makeError(s.error());
        }
    }
    if (auto s = ws.exec(std::string("BEGIN IMMEDIATE;") + kCoreSchema + "COMMIT;"); !s) {
        (void)ws.exec("ROLLBACK");
        return makeError("workspace " + path.string() + ": " + s.error());
    }
    return ws;
}

Status Workspace::exec(std::string_view sql) {
    char* message = nullptr;
    const std::string owned(sql);
    if (sqlite3_exec(handle(), owned.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(handle());
        sqlite3_free(message);
        return makeError(text);
    }
    return {};
}

int Workspace::schemaVersion(std::string_view component) const {
    auto stmt =
        Statement::prepare(handle(), "SELECT version FROM seawatch_schema WHERE component = ?1");
    if (!stmt) return 0;
    stmt->bind(1, component);
    return stmt->step() == SQLITE_ROW ? static_cast<int>(stmt->int64(0)) : 0;
}

Status Workspace::migrate(std::string_view component, const std::vector<Migration>& steps) {
    for (const Migration& step : steps) {
        if (step.version <= schemaVersion(component)) continue;
        Transaction tx(*this);
        if (!tx.active()) return makeError(tx.beginError());
        // Re-read inside the write lock: another process may have migrated meanwhile.
        if (step.version <= schemaVersion(component)) continue;
        if (auto s = exec(step.sql); !s) {
            return makeError(std::string(component) + " migration " + std::to_string(step.version) +
                             " failed: " + s.error());
        }
        auto record =
            Statement::prepare(handle(),
                               "INSERT INTO seawatch_schema(component, version, migrated_at) "
                               "VALUES(?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ','now')) "
                               "ON CONFLICT(component) DO UPDATE SET version = excluded.version, "
                               "migrated_at = excluded.migrated_at");
        if (!record) return makeError(record.error());
        record->bind(1, component);
        record->bind(2, step.version);
        if (record->step() != SQLITE_DONE) {
            return makeError(sqliteError(handle(), "cannot record schema version"));
        }
        if (auto s = tx.commit(); !s) return s;
    }
    return {};
}

Transaction::Transaction(Workspace& ws) : ws_(ws) {
    if (auto s = ws_.exec("BEGIN IMMEDIATE"); s) {
        active_ = true;
    } else {
        beginError_ = "cannot start a transaction on " + ws_.path().string() + ": " + s.error();
    }
}

Transaction::~Transaction() {
    if (active_) (void)ws_.exec("ROLLBACK");
}

Status Transaction::commit() {
    if (!active_) return makeError("no transaction to commit");
    if (auto s = ws_.exec("COMMIT"); !s) return s;
    active_ = false;
    return {};
}

}  // namespace seawatch::workspace
