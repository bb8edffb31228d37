#pragma once
// The seawatch workspace: one SQLite file that is also a valid GeoPackage (OGC 12-128r18),
// so QGIS and every GDAL tool open it as it is. Each domain keeps its own tables in it
// (incidents, ais_*, alerts) and versions them with its own migrations.
//
// GeoPackage claims PRAGMA application_id and user_version for itself, so seawatch keeps
// its schema versions in a `seawatch_schema` table, one row per component.
#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/common/result.hpp"

namespace seawatch::workspace {

// One migration step: the SQL that takes a component from version-1 to version.
struct Migration {
    int version = 0;
    std::string sql;
};

class Workspace {
  public:
    // Opens (creating when absent) a workspace file: GeoPackage core tables, WAL mode,
    // foreign keys on, and the ST_* SQL functions the GeoPackage R*Tree triggers call.
    static Result<Workspace> open(const std::filesystem::path& path);

    sqlite3* handle() const { return db_.get(); }
    const std::filesystem::path& path() const { return path_; }

    // Runs every migration of `component` newer than its stored version, each in its own
    // transaction, and records the new version. Versions must be ascending from 1.
    Status migrate(std::string_view component, const std::vector<Migration>& steps);
    // 0 when the component has never been migrated.
    int schemaVersion(std::string_view component) const;

    // Runs SQL with no parameters and no result rows (DDL, PRAGMA, BEGIN/COMMIT).
    Status exec(std::string_view sql);

  private:
    struct Closer {
        void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    };
    Workspace(std::unique_ptr<sqlite3, Closer> db, std::filesystem::path path)
        : db_(std::move(db)), path_(std::move(path)) {}

    std::unique_ptr<sqlite3, Closer> db_;
    std::filesystem::path path_;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() succeeded, so an
// early return or an exception never leaves half a file imported.
class Transaction {
  public:
    explicit Transaction(Workspace& ws);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool active() const { return active_; }
    const std::string& beginError() const { return beginError_; }
    Status commit();

  private:
    Workspace& ws_;
    bool active_ = false;
    std::string beginError_;
};

// GeoPackage binary geometry (GP header, no envelope, little-endian WKB point) for WGS84.
std::vector<unsigned char> gpkgPointBlob(double lon, double lat, int srsId = 4326);

// Registers `table`.`geometryColumn` as a GeoPackage feature layer of points in EPSG:4326,
// with the gpkg_rtree_index extension and the spec's R*Tree triggers. `idColumn` is the
// table's INTEGER PRIMARY KEY. Meant to be called from inside a migration.
std::string gpkgPointLayerSql(std::string_view table, std::string_view geometryColumn,
                              std::string_view idColumn, std::string_view description);
// The R*Tree triggers alone, and their names: bulk loaders drop them, fill the R*Tree in
// one statement and create them again, inside one transaction.
std::string gpkgRtreeTriggersSql(std::string_view table, std::string_view geometryColumn,
                                 std::string_view idColumn);
std::vector<std::string> gpkgRtreeTriggerNames(std::string_view table,
                                               std::string_view geometryColumn);

// Rebuilds a layer's GeoPackage R*Tree from scratch by sort-tile-recursive packing, writing
// the R*Tree's node, parent and rowid tables directly, as GDAL's own bulk loader does.
// Many times faster than inserting entry by entry; the triggers stay as they are. Call it
// inside a transaction.
Status rebuildGpkgRtree(Workspace& ws, std::string_view table, std::string_view geometryColumn,
                        std::string_view idColumn);

}  // namespace seawatch::workspace
