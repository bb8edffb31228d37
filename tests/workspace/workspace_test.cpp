// The workspace layer on its own: locations, migrations per component, and readers that never
// write (issue 15 item 5). Domain stores have their own tests; these use a made-up component.
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "seawatch/workspace/gpkg.hpp"
#include "seawatch/workspace/sqlite_statement.hpp"
#include "seawatch/workspace/workspace.hpp"

using namespace seawatch;
using namespace seawatch::workspace;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path =
            fs::temp_directory_path() / ("seawatch_workspace_" + std::to_string(::getpid()) + "_" +
                                         std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path, ec);
    }
};

const std::vector<Migration>& thingMigrations() {
    static const std::vector<Migration> steps{
        {1, "CREATE TABLE things(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"},
        {2, "ALTER TABLE things ADD COLUMN colour TEXT;"},
    };
    return steps;
}

std::string readBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::int64_t countRows(Workspace& ws, const char* sql) {
    auto stmt = Statement::prepare(ws.handle(), sql);
    EXPECT_TRUE(stmt) << stmt.error();
    if (!stmt) return -1;
    EXPECT_EQ(stmt->step(), SQLITE_ROW) << sqlite3_errmsg(ws.handle());
    return stmt->int64(0);
}

std::string pragmaText(Workspace& ws, const char* pragma) {
    auto stmt = Statement::prepare(ws.handle(), std::string("PRAGMA ") + pragma);
    EXPECT_TRUE(stmt);
    if (!stmt || stmt->step() != SQLITE_ROW) return {};
    return stmt->text(0);
}

// A workspace with three things, closed (so its -wal and -shm files are gone).
void makeThings(const fs::path& file) {
    auto ws = Workspace::open(file);
    ASSERT_TRUE(ws) << ws.error();
    ASSERT_TRUE(ws->migrate("things", thingMigrations()));
    ASSERT_TRUE(ws->exec("INSERT INTO things(name) VALUES ('a'), ('b'), ('c')"));
}

// A GeoPackage written by GDAL's own driver, as ogr2ogr would: no seawatch tables.
fs::path makeForeignGeoPackage(const fs::path& dir) {
    GDALAllRegister();
    const fs::path file = dir / "foreign.gpkg";
    GDALDriverH driver = GDALGetDriverByName("GPKG");
    EXPECT_NE(driver, nullptr);
    GDALDatasetH ds = GDALCreate(driver, file.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    EXPECT_NE(ds, nullptr);
    OGRLayerH layer = GDALDatasetCreateLayer(ds, "ports", nullptr, wkbPoint, nullptr);
    EXPECT_NE(layer, nullptr);
    OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
    OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(point, 0, 45.03, 12.78);
    OGR_F_SetGeometryDirectly(feature, point);
    EXPECT_EQ(OGR_L_CreateFeature(layer, feature), OGRERR_NONE);
    OGR_F_Destroy(feature);
    GDALClose(ds);
    return file;
}

// Runs `check` in a child process that cannot write the folder, even when the tests run as
// root (who ignores permission bits): the child drops to the nobody user first.
// Returns the child's exit code, or -1 when it could not drop privileges.
template <typename Check>
int runAsReader(Check check) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(100);
        ::_exit(check());
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status)) return -1;
    return WEXITSTATUS(status) == 100 ? -1 : WEXITSTATUS(status);
}

}  // namespace

TEST(Location, TellsFilesFromPostgresUris) {
    EXPECT_EQ(Location("workspace.gpkg").kind(), BackendKind::GeoPackage);
    EXPECT_EQ(Location(fs::path("/data/ws.sqlite")).file(), fs::path("/data/ws.sqlite"));
    EXPECT_EQ(Location(std::string("postgresql://station@hub/shade")).kind(),
              BackendKind::PostgreSQL);
    EXPECT_EQ(Location("postgres://hub/shade").kind(), BackendKind::PostgreSQL);
    EXPECT_TRUE(Location("postgres://hub/shade").file().empty());
    EXPECT_EQ(Location("service=hub").kind(), BackendKind::PostgreSQL);
    EXPECT_EQ(Location("host=hub dbname=shade").kind(), BackendKind::PostgreSQL);
    // A file whose name merely contains the scheme text or an '=' is still a file.
    EXPECT_EQ(Location("./postgresql://x").kind(), BackendKind::GeoPackage);
    EXPECT_EQ(Location("runs/a=b.gpkg").kind(), BackendKind::GeoPackage);
    EXPECT_EQ(Location("run=3.gpkg").kind(), BackendKind::GeoPackage);  // not a libpq key
    EXPECT_EQ(Location(" host = hub").kind(), BackendKind::PostgreSQL);
}

TEST(Location, NeverShowsAPassword) {
    EXPECT_EQ(Location("postgresql://djibouti:s3cret@hub.example:5433/shade").display(),
              "postgresql://djibouti:***@hub.example:5433/shade");
    EXPECT_EQ(
        Location("postgresql://hub/shade?user=x&password=s3cret&sslmode=verify-full").display(),
        "postgresql://hub/shade?user=x&password=***&sslmode=verify-full");
    EXPECT_EQ(Location("postgresql://djibouti@hub/shade").display(),
              "postgresql://djibouti@hub/shade");
    EXPECT_EQ(Location("host=hub password=s3cret dbname=shade").display(),
              "host=hub password=*** dbname=shade");
    EXPECT_EQ(Location("my:file@name.gpkg").display(), "my:file@name.gpkg");
}

TEST(Workspace, PostgresUriIsNotTakenForAFileName) {
    TempDir dir;
    const fs::path cwd = fs::current_path();
    fs::current_path(dir.path);
    auto ws = Workspace::open("postgresql://user:pw@localhost/none");
    fs::current_path(cwd);
    ASSERT_FALSE(ws);
    EXPECT_NE(ws.error().find("PostgreSQL"), std::string::npos) << ws.error();
    EXPECT_EQ(ws.error().find("pw"), std::string::npos) << ws.error();
    EXPECT_TRUE(fs::is_empty(dir.path));
}

TEST(Workspace, WriterMakesAGeoPackageInWalMode) {
    TempDir dir;
    auto ws = Workspace::open(dir.path / "w.gpkg");
    ASSERT_TRUE(ws) << ws.error();
    EXPECT_EQ(ws->kind(), BackendKind::GeoPackage);
    EXPECT_FALSE(ws->readOnly());
    EXPECT_EQ(ws->path(), dir.path / "w.gpkg");
    EXPECT_EQ(pragmaText(*ws, "journal_mode"), "wal");
    EXPECT_EQ(pragmaText(*ws, "foreign_keys"), "1");
    EXPECT_EQ(pragmaText(*ws, "application_id"), std::to_string(0x47504B47));
    EXPECT_EQ(countRows(*ws,
                        "SELECT COUNT(*) FROM sqlite_master WHERE name IN "
                        "('gpkg_spatial_ref_sys','gpkg_contents','gpkg_geometry_columns',"
                        "'gpkg_extensions','seawatch_schema')"),
              5);
}

TEST(Workspace, MigratesEachComponentOnceAndRefusesANewerSchema) {
    TempDir dir;
    auto ws = Workspace::open(dir.path / "w.gpkg");
    ASSERT_TRUE(ws) << ws.error();
    EXPECT_EQ(ws->schemaVersion("things"), 0);
    ASSERT_TRUE(ws->migrate("things", {thingMigrations()[0]}));
    EXPECT_EQ(ws->schemaVersion("things"), 1);
    ASSERT_TRUE(ws->migrate("things", thingMigrations()));
    EXPECT_EQ(ws->schemaVersion("things"), 2);
    // Again: nothing to do (an ALTER run twice would fail).
    EXPECT_TRUE(ws->migrate("things", thingMigrations()));
    EXPECT_EQ(ws->schemaVersion("other"), 0);

    const auto older = ws->migrate("things", {thingMigrations()[0]});
    ASSERT_FALSE(older);
    EXPECT_NE(older.error().find("newer than this seawatch"), std::string::npos) << older.error();
}

TEST(Workspace, FailedMigrationLeavesNothingHalfDone) {
    TempDir dir;
    auto ws = Workspace::open(dir.path / "w.gpkg");
    ASSERT_TRUE(ws);
    const std::vector<Migration> broken{
        {1, "CREATE TABLE half(id INTEGER); CREATE TABLE half(id INTEGER);"}};
    EXPECT_FALSE(ws->migrate("broken", broken));
    EXPECT_EQ(ws->schemaVersion("broken"), 0);
    EXPECT_EQ(countRows(*ws, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'"), 0);
}

TEST(ReadOnlyWorkspace, MissingFileIsNotCreated) {
    TempDir dir;
    auto ws = Workspace::open(dir.path / "absent.gpkg", Access::ReadOnly);
    ASSERT_FALSE(ws);
    EXPECT_NE(ws.error().find("does not exist"), std::string::npos) << ws.error();
    EXPECT_FALSE(fs::exists(dir.path / "absent.gpkg"));
}

TEST(ReadOnlyWorkspace, ReadsWithoutMigratingOrWriting) {
    TempDir dir;
    const fs::path file = dir.path / "w.gpkg";
    makeThings(file);
    const std::string before = readBytes(file);
    auto ws = Workspace::open(file, Access::ReadOnly);
    ASSERT_TRUE(ws) << ws.error();
    EXPECT_TRUE(ws->readOnly());
    EXPECT_TRUE(ws->migrate("things", thingMigrations()));
    EXPECT_EQ(countRows(*ws, "SELECT COUNT(*) FROM things"), 3);
    // A newer program's extra step is not run by a reader: it says what is missing.
    auto more = thingMigrations();
    more.push_back({3, "CREATE TABLE more_things(id INTEGER);"});
    const auto upgrade = ws->migrate("things", more);
    ASSERT_FALSE(upgrade);
    EXPECT_NE(upgrade.error().find("version 2"), std::string::npos) << upgrade.error();
    EXPECT_EQ(ws->schemaVersion("things"), 2);
    // Writes are refused with a sentence, not half done.
    Transaction tx(*ws);
    EXPECT_FALSE(tx.active());
    EXPECT_NE(tx.beginError().find("read-only"), std::string::npos) << tx.beginError();
    EXPECT_FALSE(ws->exec("INSERT INTO things(name) VALUES ('d')"));
    ws = makeError("closed");
    EXPECT_EQ(readBytes(file), before);
}

TEST(ReadOnlyWorkspace, ForeignGeoPackageIsNeverModified) {
    TempDir dir;
    const fs::path file = makeForeignGeoPackage(dir.path);
    const std::string before = readBytes(file);
    const auto modified = fs::last_write_time(file);
    {
        auto ws = Workspace::open(file, Access::ReadOnly);
        ASSERT_TRUE(ws) << ws.error();
        const auto s = ws->migrate("things", thingMigrations());
        ASSERT_FALSE(s);
        EXPECT_NE(s.error().find("no seawatch things tables"), std::string::npos) << s.error();
        EXPECT_NE(s.error().find(file.string()), std::string::npos) << s.error();
        EXPECT_EQ(countRows(*ws, "SELECT COUNT(*) FROM ports"), 1);
    }
    EXPECT_EQ(readBytes(file), before);
    EXPECT_EQ(fs::last_write_time(file), modified);
    EXPECT_FALSE(fs::exists(file.string() + "-wal"));
}

TEST(ReadOnlyWorkspace, ReadsWhileAnotherConnectionWrites) {
    TempDir dir;
    const fs::path file = dir.path / "w.gpkg";
    makeThings(file);
    auto writer = Workspace::open(file);
    ASSERT_TRUE(writer);
    Transaction importing(*writer);
    ASSERT_TRUE(importing.active()) << importing.beginError();
    ASSERT_TRUE(writer->exec("INSERT INTO things(name) VALUES ('d'), ('e')"));

    // The reader neither waits for the writer's lock nor sees its uncommitted rows.
    const auto started = std::chrono::steady_clock::now();
    auto reader = Workspace::open(file, Access::ReadOnly);
    ASSERT_TRUE(reader) << reader.error();
    ASSERT_TRUE(reader->migrate("things", thingMigrations()));
    EXPECT_EQ(countRows(*reader, "SELECT COUNT(*) FROM things"), 3);
    EXPECT_LT(std::chrono::steady_clock::now() - started,
              std::chrono::milliseconds(kBusyTimeoutMs / 2))
        << "the reader waited for the writer's lock";
    ASSERT_TRUE(importing.commit());
    EXPECT_EQ(countRows(*reader, "SELECT COUNT(*) FROM things"), 5);
}

TEST(ReadOnlyWorkspace, ReadsAWriteProtectedFileInAWriteProtectedFolder) {
    TempDir dir;
    const fs::path folder = dir.path / "archive";
    fs::create_directories(folder);
    const fs::path file = folder / "w.gpkg";
    makeThings(file);
    ASSERT_FALSE(fs::exists(file.string() + "-shm"));
    const std::string before = readBytes(file);
    fs::permissions(file, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    // 555 on the folder and every folder above it the reader must pass through.
    const auto readAndEnter = fs::perms::owner_read | fs::perms::owner_exec |
                              fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec;
    fs::permissions(folder, readAndEnter);
    fs::permissions(dir.path, readAndEnter);

    const int code = runAsReader([&] {
        auto ws = Workspace::open(file, Access::ReadOnly);
        if (!ws) {
            std::fprintf(stderr, "%s\n", ws.error().c_str());
            return 1;
        }
        if (auto s = ws->migrate("things", thingMigrations()); !s) {
            std::fprintf(stderr, "%s\n", s.error().c_str());
            return 2;
        }
        auto stmt = Statement::prepare(ws->handle(), "SELECT COUNT(*) FROM things");
        if (!stmt || stmt->step() != SQLITE_ROW) return 3;
        return stmt->int64(0) == 3 ? 0 : 4;
    });
    ASSERT_NE(code, -1) << "could not drop privileges to read as another user";
    EXPECT_EQ(code, 0) << "reading a write-protected workspace failed (see stderr)";
    // And a writer is told plainly that it cannot write there (when not root).
    if (::geteuid() != 0) {
        auto writer = Workspace::open(file);
        ASSERT_FALSE(writer);
        EXPECT_NE(writer.error().find("cannot be written"), std::string::npos) << writer.error();
    }
    EXPECT_EQ(readBytes(file), before);
}
