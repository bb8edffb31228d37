// GeoPackage feature-layer plumbing: point geometry blobs, layer registration, the R*Tree
// triggers of the spec, and the R*Tree rebuild of bulk loads (see
// docs/decisions/0001-geopackage-writer.md).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "seawatch/workspace/gpkg.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"

namespace seawatch::workspace {

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

struct RtreeEntry {
    std::int64_t id = 0;
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
    std::uint64_t order = 0;  // position of the box centre along the Hilbert curve
};

// Index of (x, y) on a Hilbert curve over a 2^16 x 2^16 grid: neighbours on the curve are
// neighbours on the map, so entries inserted in this order fill one R*Tree leaf after another.
std::uint64_t hilbertIndex(std::uint32_t x, std::uint32_t y) {
    constexpr std::uint32_t kSide = 1u << 16;
    std::uint64_t d = 0;
    for (std::uint32_t s = kSide / 2; s > 0; s /= 2) {
        const std::uint32_t rx = (x & s) ? 1 : 0;
        const std::uint32_t ry = (y & s) ? 1 : 0;
        d += static_cast<std::uint64_t>(s) * s * ((3 * rx) ^ ry);
        if (ry == 0) {  // rotate the quadrant so the curve stays continuous
            if (rx == 1) {
                x = kSide - 1 - x;
                y = kSide - 1 - y;
            }
            std::swap(x, y);
        }
    }
    return d;
}

// Step 1: every non-empty geometry's bounds, as the ST_ functions the triggers use see them.
Result<std::vector<RtreeEntry>> readEntries(sqlite3* db, const std::string& table,
                                            const std::string& column, const std::string& id) {
    auto read = Statement::prepare(
        db, "SELECT \"" + id + "\", ST_MinX(\"" + column + "\"), ST_MaxX(\"" + column +
                "\"), ST_MinY(\"" + column + "\"), ST_MaxY(\"" + column + "\") FROM \"" + table +
                "\" WHERE \"" + column + "\" NOT NULL AND NOT ST_IsEmpty(\"" + column + "\")");
    if (!read) return makeError(read.error());
    std::vector<RtreeEntry> entries;
    int rc;
    while ((rc = read->step()) == SQLITE_ROW) {
        if (read->isNull(1)) continue;  // a geometry the ST_ functions cannot bound
        entries.push_back(
            {read->int64(0), read->real(1), read->real(2), read->real(3), read->real(4), 0});
    }
    if (rc != SQLITE_DONE) return makeError(sqliteError(db, "reading geometries"));
    return entries;
}

// Step 2: sort along the Hilbert curve of the layer's own extent.
void sortAlongHilbertCurve(std::vector<RtreeEntry>& entries) {
    if (entries.empty()) return;
    double minX = std::numeric_limits<double>::infinity(), minY = minX;
    double maxX = -minX, maxY = -minX;
    for (const RtreeEntry& e : entries) {
        minX = std::min(minX, e.minX + e.maxX);
        maxX = std::max(maxX, e.minX + e.maxX);
        minY = std::min(minY, e.minY + e.maxY);
        maxY = std::max(maxY, e.minY + e.maxY);
    }
    constexpr double kCells = 65535.0;
    const double sx = maxX > minX ? kCells / (maxX - minX) : 0.0;
    const double sy = maxY > minY ? kCells / (maxY - minY) : 0.0;
    for (RtreeEntry& e : entries) {
        const auto gx = static_cast<std::uint32_t>((e.minX + e.maxX - minX) * sx);
        const auto gy = static_cast<std::uint32_t>((e.minY + e.maxY - minY) * sy);
        e.order = hilbertIndex(gx, gy);
    }
    std::sort(entries.begin(), entries.end(), [](const RtreeEntry& a, const RtreeEntry& b) {
        return a.order != b.order ? a.order < b.order : a.id < b.id;
    });
}

// Step 3: through the virtual table's INSERT, which keeps the R*Tree's own invariants
// (node sizes, rounding of 32-bit bounds outwards, parent and rowid maps) in SQLite's hands.
Status insertEntries(sqlite3* db, const std::string& rtree,
                     const std::vector<RtreeEntry>& entries) {
    auto insert =
        Statement::prepare(db, "INSERT INTO \"" + rtree +
                                   "\"(id, minx, maxx, miny, maxy) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert) return makeError(insert.error());
    for (const RtreeEntry& e : entries) {
        insert->reset();
        insert->bind(1, e.id);
        insert->bind(2, e.minX);
        insert->bind(3, e.maxX);
        insert->bind(4, e.minY);
        insert->bind(5, e.maxY);
        if (insert->step() != SQLITE_DONE) {
            return makeError(sqliteError(db, "inserting into " + rtree));
        }
    }
    return {};
}

}  // namespace

Status rebuildGpkgRtree(Workspace& ws, std::string_view table, std::string_view geometryColumn,
                        std::string_view idColumn) {
    sqlite3* db = ws.handle();
    if (!db) return makeError(ws.name() + ": not a GeoPackage workspace");
    const std::string t(table), c(geometryColumn), i(idColumn);
    const std::string rtree = "rtree_" + t + "_" + c;
    auto entries = readEntries(db, t, c, i);
    if (!entries) return makeError(entries.error());
    sortAlongHilbertCurve(*entries);
    if (auto s = ws.exec("DELETE FROM \"" + rtree + "\""); !s) return s;
    return insertEntries(db, rtree, *entries);
}

}  // namespace seawatch::workspace
