// GeoPackage feature-layer plumbing: point geometry blobs, layer registration, the R*Tree
// triggers of the spec. The R*Tree itself is only ever written through its virtual table
// (docs/decisions/0001-geopackage-writer.md).
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "seawatch/workspace/gpkg.hpp"

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

}  // namespace seawatch::workspace
