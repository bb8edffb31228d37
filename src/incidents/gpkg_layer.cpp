// GeoPackage feature-layer plumbing: point geometry blobs, layer registration, the R*Tree
// triggers of the spec, and a packed (sort-tile-recursive) R*Tree rebuild for bulk loads.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "seawatch/incidents/workspace.hpp"
#include "sqlite_statement.hpp"

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
