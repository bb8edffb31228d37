#pragma once
// The GeoPackage backend: the embedded default workspace, one SQLite file that is also a valid
// GeoPackage 1.2 (OGC 12-128r18), so QGIS and every GDAL tool open it as it is. Each domain
// keeps its own tables in it (incidents, ais_*, alerts).
//
// Connection settings live here and nowhere else: WAL journal (readers never wait for the
// writer), a 5 s busy timeout for writers that meet another writer, foreign keys on, and the
// ST_* SQL functions that the GeoPackage R*Tree triggers call. GeoPackage claims
// PRAGMA application_id and user_version, so schema versions go in `seawatch_schema`, one
// row per component; a read-only open never creates that table.
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "seawatch/workspace/workspace.hpp"

namespace seawatch::workspace {

// The one busy timeout of every workspace connection.
inline constexpr int kBusyTimeoutMs = 5000;

class GpkgBackend final : public Backend {
  public:
    static Result<std::unique_ptr<GpkgBackend>> open(const std::filesystem::path& file,
                                                     Access access);
    ~GpkgBackend() override;

    BackendKind kind() const override { return BackendKind::GeoPackage; }
    Access access() const override { return access_; }
    const std::string& name() const override { return name_; }
    Result<int> schemaVersion(std::string_view component) const override;
    Status applyMigration(std::string_view component, const Migration& step) override;
    Status exec(std::string_view sql) override;
    Status begin() override;
    Status commit() override;
    Status rollback() override;

    sqlite3* db() const { return db_; }
    const std::filesystem::path& file() const { return file_; }

  private:
    // Only open() makes one; the key lets it use std::make_unique.
    struct Key {
        explicit Key() = default;
    };

  public:
    GpkgBackend(Key, sqlite3* db, std::filesystem::path file, Access access);

  private:
    Status prepareForWriting();
    Status prepareForReading();

    sqlite3* db_;
    std::filesystem::path file_;
    std::string name_;
    Access access_;
};

// GeoPackage binary geometry (GP header, no envelope, little-endian WKB point) for WGS84.
std::vector<unsigned char> gpkgPointBlob(double lon, double lat, int srsId = 4326);

// Registers `table`.`geometryColumn` as a GeoPackage feature layer of points in EPSG:4326,
// with the gpkg_rtree_index extension and the spec's R*Tree triggers. `idColumn` is the
// table's INTEGER PRIMARY KEY. Meant to be called from inside a migration.
std::string gpkgPointLayerSql(std::string_view table, std::string_view geometryColumn,
                              std::string_view idColumn, std::string_view description);
// The R*Tree triggers alone, and their names: bulk loaders drop them, fill the R*Tree with
// one INSERT … SELECT into the rtree virtual table (never its shadow tables) and create them
// again, inside one transaction.
std::string gpkgRtreeTriggersSql(std::string_view table, std::string_view geometryColumn,
                                 std::string_view idColumn);
std::vector<std::string> gpkgRtreeTriggerNames(std::string_view table,
                                               std::string_view geometryColumn);

}  // namespace seawatch::workspace
