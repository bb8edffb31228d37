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

std::vector<unsigned char> gpkgPointBlob(double lon, double lat, int srsId) {
    std::vector<unsigned char> blob(8 + 21);
    blob[0] = 'G';
    blob[1] = 'P';
    blob[2] = 0;     // version 1
    blob[3] = 0x01;  // little-endian, no envelope, not empty, standard type
    const auto srs = static_cast<std::uint32_t>(srsId);
    for (int i = 0; i < 4; ++i) blob[4 + i] = static_cast<unsigned char>(srs >> (8 * i));
    blob[8] = 1;  // WKB little-endian
    blob[9] = 1;  // wkbPoint
    blob[10] = blob[11] = blob[12] = 0;
    // The byte order flag says little-endian; this code assumes a little-endian host,
    // which every platform seawatch targets is.
    static_assert(sizeof(double) == 8);
    std::memcpy(blob.data() + 13, &lon, 8);
    std::memcpy(blob.data() + 21, &lat, 8);
    return blob;
}

std::string gpkgPointLayerSql(std::string_view table, std::string_view geometryColumn,
                              std::string_view idColumn, std::string_view description) {
    const std::string t(table), c(geometryColumn), i(idColumn);
    const std::string rtree = "rtree_" + t + "_" + c;
    const std::string bounds = "NEW." + i + ", ST_MinX(NEW." + c + "), ST_MaxX(NEW." + c +
                               "), ST_MinY(NEW." + c + "), ST_MaxY(NEW." + c + ")";
    std::string sql;
    sql +=
        "INSERT INTO gpkg_contents(table_name, data_type, identifier, description, srs_id) "
        "VALUES('" +
        t + "', 'features', '" + t + "', '" + std::string(description) + "', 4326);\n";
    sql += "INSERT INTO gpkg_geometry_columns VALUES('" + t + "', '" + c +
           "', 'POINT', 4326, 0, 0);\n";
    sql += "INSERT INTO gpkg_extensions VALUES('" + t + "', '" + c +
           "', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', "
           "'write-only');\n";
    sql += "CREATE VIRTUAL TABLE " + rtree + " USING rtree(id, minx, maxx, miny, maxy);\n";
    return sql + gpkgRtreeTriggersSql(table, geometryColumn, idColumn);
}

std::vector<std::string> gpkgRtreeTriggerNames(std::string_view table,
                                               std::string_view geometryColumn) {
    const std::string rtree = "rtree_" + std::string(table) + "_" + std::string(geometryColumn);
    return {rtree + "_insert",  rtree + "_update1", rtree + "_update2",
            rtree + "_update3", rtree + "_update4", rtree + "_delete"};
}

std::string gpkgRtreeTriggersSql(std::string_view table, std::string_view geometryColumn,
                                 std::string_view idColumn) {
    const std::string t(table), c(geometryColumn), i(idColumn);
    const std::string rtree = "rtree_" + t + "_" + c;
    const std::string bounds = "NEW." + i + ", ST_MinX(NEW." + c + "), ST_MaxX(NEW." + c +
                               "), ST_MinY(NEW." + c + "), ST_MaxY(NEW." + c + ")";
    std::string sql;
    // The triggers are the ones GeoPackage 1.2 Annex F.3 prescribes.
    sql += "CREATE TRIGGER " + rtree + "_insert AFTER INSERT ON " + t + " WHEN (NEW." + c +
           " NOT NULL AND NOT ST_IsEmpty(NEW." + c + ")) BEGIN INSERT OR REPLACE INTO " + rtree +
           " VALUES (" + bounds + "); END;\n";
    sql += "CREATE TRIGGER " + rtree + "_update1 AFTER UPDATE OF " + c + " ON " + t + " WHEN OLD." +
           i + " = NEW." + i + " AND (NEW." + c + " NOTNULL AND NOT ST_IsEmpty(NEW." + c +
           ")) BEGIN INSERT OR REPLACE INTO " + rtree + " VALUES (" + bounds + "); END;\n";
    sql += "CREATE TRIGGER " + rtree + "_update2 AFTER UPDATE OF " + c + " ON " + t + " WHEN OLD." +
           i + " = NEW." + i + " AND (NEW." + c + " ISNULL OR ST_IsEmpty(NEW." + c +
           ")) BEGIN DELETE FROM " + rtree + " WHERE id = OLD." + i + "; END;\n";
    sql += "CREATE TRIGGER " + rtree + "_update3 AFTER UPDATE ON " + t + " WHEN OLD." + i +
           " != NEW." + i + " AND (NEW." + c + " NOTNULL AND NOT ST_IsEmpty(NEW." + c +
           ")) BEGIN DELETE FROM " + rtree + " WHERE id = OLD." + i + "; INSERT OR REPLACE INTO " +
           rtree + " VALUES (" + bounds + "); END;\n";
    sql += "CREATE TRIGGER " + rtree + "_update4 AFTER UPDATE ON " + t + " WHEN OLD." + i +
           " != NEW." + i + " AND (NEW." + c + " ISNULL OR ST_IsEmpty(NEW." + c +
           ")) BEGIN DELETE FROM " + rtree + " WHERE id IN (OLD." + i + ", NEW." + i + "); END;\n";
    sql += "CREATE TRIGGER " + rtree + "_delete AFTER DELETE ON " + t + " WHEN OLD." + c +
           " NOT NULL BEGIN DELETE FROM " + rtree + " WHERE id = OLD." + i + "; END;\n";
    return sql;
}

namespace {

struct RtreeCell {
    std::int64_t id = 0;
    float minX = 0, maxX = 0, minY = 0, maxY = 0;
};

// SQLite's R*Tree stores 32-bit floats rounded outwards so a box always contains its value.
float roundDown(double v) {
    float f = static_cast<float>(v);
    if (static_cast<double>(f) > v) f = std::nextafter(f, -std::numeric_limits<float>::infinity());
    return f;
}
float roundUp(double v) {
    float f = static_cast<float>(v);
    if (static_cast<double>(f) < v) f = std::nextafter(f, std::numeric_limits<float>::infinity());
    return f;
}

void putBigEndian(unsigned char* p, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) {
        p[i] = static_cast<unsigned char>(v & 0xff);
        v >>= 8;
    }
}

void putFloat(unsigned char* p, float f) {
    std::uint32_t bits;
    std::memcpy(&bits, &f, 4);
    putBigEndian(p, bits, 4);
}

struct PackedNode {
    std::int64_t number = 0;
    std::vector<RtreeCell> cells;
};

RtreeCell boundsOf(const std::vector<RtreeCell>& cells, std::int64_t id) {
    RtreeCell b{id, cells[0].minX, cells[0].maxX, cells[0].minY, cells[0].maxY};
    for (const RtreeCell& c : cells) {
        b.minX = std::min(b.minX, c.minX);
        b.maxX = std::max(b.maxX, c.maxX);
        b.minY = std::min(b.minY, c.minY);
        b.maxY = std::max(b.maxY, c.maxY);
    }
    return b;
}

// One level of sort-tile-recursive packing: vertical slices by x centre, nodes by y centre.
std::vector<std::vector<RtreeCell>> packLevel(std::vector<RtreeCell> cells, std::size_t perNode) {
    const std::size_t nodes = (cells.size() + perNode - 1) / perNode;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    const std::size_t perSlice = slices * perNode;
    std::sort(cells.begin(), cells.end(), [](const RtreeCell& a, const RtreeCell& b) {
        return a.minX + a.maxX < b.minX + b.maxX;
    });
    std::vector<std::vector<RtreeCell>> out;
    for (std::size_t start = 0; start < cells.size(); start += perSlice) {
        const auto end = std::min(cells.size(), start + perSlice);
        std::sort(cells.begin() + static_cast<std::ptrdiff_t>(start),
                  cells.begin() + static_cast<std::ptrdiff_t>(end),
                  [](const RtreeCell& a, const RtreeCell& b) {
                      return a.minY + a.maxY < b.minY + b.maxY;
                  });
        for (std::size_t k = start; k < end; k += perNode) {
            out.emplace_back(
                cells.begin() + static_cast<std::ptrdiff_t>(k),
                cells.begin() + static_cast<std::ptrdiff_t>(std::min(end, k + perNode)));
        }
    }
    return out;
}

}  // namespace

Status rebuildGpkgRtree(Workspace& ws, std::string_view table, std::string_view geometryColumn,
                        std::string_view idColumn) {
    const std::string t(table), c(geometryColumn), i(idColumn);
    const std::string rtree = "rtree_" + t + "_" + c;
    sqlite3* db = ws.handle();

    // Every node blob has the size the R*Tree chose when it was created (the root's).
    auto sizeStmt =
        Statement::prepare(db, "SELECT length(data) FROM \"" + rtree + "_node\" WHERE nodeno = 1");
    if (!sizeStmt) return makeError(sizeStmt.error());
    if (sizeStmt->step() != SQLITE_ROW) return makeError(rtree + " has no root node");
    const auto nodeSize = static_cast<std::size_t>(sizeStmt->int64(0));
    constexpr std::size_t kCellBytes = 8 + 4 * 4;
    const std::size_t perNode = (nodeSize - 4) / kCellBytes;
    if (perNode < 4) return makeError(rtree + ": unexpected node size");

    std::vector<RtreeCell> leaves;
    {
        auto read = Statement::prepare(
            db, "SELECT \"" + i + "\", ST_MinX(\"" + c + "\"), ST_MaxX(\"" + c + "\"), ST_MinY(\"" +
                    c + "\"), ST_MaxY(\"" + c + "\") FROM \"" + t + "\" WHERE \"" + c +
                    "\" NOT NULL AND NOT ST_IsEmpty(\"" + c + "\")");
        if (!read) return makeError(read.error());
        int rc;
        while ((rc = read->step()) == SQLITE_ROW) {
            if (read->isNull(1)) continue;  // a geometry the ST_ functions cannot bound
            leaves.push_back({read->int64(0), roundDown(read->real(1)), roundUp(read->real(2)),
                              roundDown(read->real(3)), roundUp(read->real(4))});
        }
        if (rc != SQLITE_DONE) return makeError(sqliteError(db, "reading geometries"));
    }

    // Bottom-up: leaves, then parents, until one level fits in the root (node 1).
    std::vector<PackedNode> nodes;                                // every node but the root
    std::vector<std::pair<std::int64_t, std::int64_t>> parentOf;  // (child node, parent)
    std::vector<std::pair<std::int64_t, std::int64_t>> leafOf;    // (row id, leaf node)
    std::vector<RtreeCell> level = std::move(leaves);
    int depth = 0;
    std::int64_t nextNumber = 2;
    bool leafLevel = true;
    while (level.size() > perNode) {
        std::vector<RtreeCell> upper;
        for (auto& group : packLevel(std::move(level), perNode)) {
            PackedNode node{nextNumber++, std::move(group)};
            if (leafLevel) {
                for (const RtreeCell& cell : node.cells) leafOf.emplace_back(cell.id, node.number);
            }
            upper.push_back(boundsOf(node.cells, node.number));
            nodes.push_back(std::move(node));
        }
        // Children of this level get their parent when the next level is packed.
        level = std::move(upper);
        leafLevel = false;
        ++depth;
    }
    PackedNode root{1, std::move(level)};
    if (leafLevel) {
        for (const RtreeCell& cell : root.cells) leafOf.emplace_back(cell.id, 1);
    }
    // Parents: the cells of an inner node name its children.
    auto recordParents = [&](const PackedNode& node, bool isLeaf) {
        if (isLeaf) return;
        for (const RtreeCell& cell : node.cells) parentOf.emplace_back(cell.id, node.number);
    };
    // A node is a leaf when rows point at it.
    std::vector<char> isLeafNode(static_cast<std::size_t>(nextNumber), 0);
    for (const auto& [row, node] : leafOf) isLeafNode[static_cast<std::size_t>(node)] = 1;
    for (const PackedNode& node : nodes)
        recordParents(node, isLeafNode[static_cast<std::size_t>(node.number)]);
    recordParents(root, depth == 0);

    for (const char* suffix : {"_node", "_parent", "_rowid"}) {
        if (auto s = ws.exec("DELETE FROM \"" + rtree + suffix + "\""); !s) return s;
    }
    auto insertNode =
        Statement::prepare(db, "INSERT INTO \"" + rtree + "_node\"(nodeno, data) VALUES (?1, ?2)");
    auto insertParent = Statement::prepare(
        db, "INSERT INTO \"" + rtree + "_parent\"(nodeno, parentnode) VALUES (?1, ?2)");
    auto insertRowid = Statement::prepare(
        db, "INSERT INTO \"" + rtree + "_rowid\"(rowid, nodeno) VALUES (?1, ?2)");
    if (!insertNode || !insertParent || !insertRowid) {
        return makeError(!insertNode     ? insertNode.error()
                         : !insertParent ? insertParent.error()
                                         : insertRowid.error());
    }
    std::vector<unsigned char> blob(nodeSize);
    auto writeNode = [&](const PackedNode& node, int nodeDepth) -> Status {
        std::fill(blob.begin(), blob.end(), 0);
        putBigEndian(blob.data(), static_cast<std::uint64_t>(nodeDepth), 2);
        putBigEndian(blob.data() + 2, node.cells.size(), 2);
        unsigned char* p = blob.data() + 4;
        for (const RtreeCell& cell : node.cells) {
            putBigEndian(p, static_cast<std::uint64_t>(cell.id), 8);
            putFloat(p + 8, cell.minX);
            putFloat(p + 12, cell.maxX);
            putFloat(p + 16, cell.minY);
            putFloat(p + 20, cell.maxY);
            p += kCellBytes;
        }
        insertNode->reset();
        insertNode->bind(1, node.number);
        insertNode->bindBlob(2, blob);
        if (insertNode->step() != SQLITE_DONE) return makeError(sqliteError(db, "writing node"));
        return {};
    };
    // Only the root's depth field is read; the other nodes carry 0.
    if (auto s = writeNode(root, depth); !s) return s;
    for (const PackedNode& node : nodes) {
        if (auto s = writeNode(node, 0); !s) return s;
    }
    for (const auto& [child, parent] : parentOf) {
        insertParent->reset();
        insertParent->bind(1, child);
        insertParent->bind(2, parent);
        if (insertParent->step() != SQLITE_DONE)
            return makeError(sqliteError(db, "writing parent"));
    }
    for (const auto& [row, node] : leafOf) {
        insertRowid->reset();
        insertRowid->bind(1, row);
        insertRowid->bind(2, node);
        if (insertRowid->step() != SQLITE_DONE) return makeError(sqliteError(db, "writing rowid"));
    }
    return {};
}

}  // namespace seawatch::workspace
