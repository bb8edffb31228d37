// Readers don't write (issue 15 item 5): `incidents query` and `stats` open the workspace
// read-only, read during an import, leave someone else's GeoPackage as it was, and read a
// write-protected workspace in a write-protected folder.
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"
#include "seawatch/workspace/workspace.hpp"

using namespace seawatch;
using seawatch::testing::readFile;
using seawatch::testing::runSeawatch;
namespace fs = std::filesystem;

namespace {

class WorkspaceReaders : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = seawatch::testing::scratchDir("workspace_readers");
        fs::permissions(dir_, fs::perms::all, fs::perm_options::add);
        csv_ = dir_ / "asam.csv";
        std::ofstream(csv_, std::ios::binary)
            << "reference,date,position,navArea,subreg,hostility,victim,description,\r\n"
               "2009-101,2009-04-08,\"2\xC2\xB0"
               "00'00\"\"N\n51\xC2\xB0"
               "30'00\"\"E\",VIII,61,PIRATES,Container ship,\"Pirates boarded the ship\",\r\n"
               "2009-102,2009-04-14,\"12\xC2\xB0"
               "30'00\"\"N\n47\xC2\xB0"
               "00'00\"\"E\",IX,62,Shots fired at vessel,Bulk carrier,\"Skiff fired\",\r\n";
    }
    void TearDown() override {
        std::error_code ec;
        for (const auto& entry : fs::recursive_directory_iterator(dir_, ec)) {
            fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ec);
        }
        fs::remove_all(dir_, ec);
    }

    // A workspace with the two incidents, imported by the binary and closed.
    fs::path importedWorkspace(const fs::path& folder) {
        const fs::path db = folder / "w.gpkg";
        const auto r = runSeawatch("incidents import " + csv_.string() + " --db " + db.string());
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return db;
    }

    fs::path dir_;
    fs::path csv_;
};

int countLines(const std::string& text) {
    int n = 0;
    for (char c : text) n += c == '\n';
    return n;
}

}  // namespace

TEST_F(WorkspaceReaders, ForeignGeoPackageIsNotModifiedByQueryOrStats) {
    GDALAllRegister();
    const fs::path file = dir_ / "ports.gpkg";
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), file.c_str(), 0, 0, 0,
                                 GDT_Unknown, nullptr);
    ASSERT_NE(ds, nullptr);
    ASSERT_NE(GDALDatasetCreateLayer(ds, "ports", nullptr, wkbPoint, nullptr), nullptr);
    GDALClose(ds);
    const std::string before = readFile(file);

    for (const std::string command : {"incidents query --db ", "incidents stats --db "}) {
        const auto r = runSeawatch(command + file.string());
        EXPECT_EQ(r.exitCode, 1) << command;
        EXPECT_NE(r.err.find("no seawatch incidents tables"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(file.string()), std::string::npos) << r.err;
    }
    EXPECT_EQ(readFile(file), before) << "a reader changed someone else's GeoPackage";
    EXPECT_FALSE(fs::exists(file.string() + "-wal"));
}

TEST_F(WorkspaceReaders, QueryAndStatsReadDuringAnImport) {
    const fs::path db = importedWorkspace(dir_);
    // An import in progress elsewhere: a write transaction holding the write lock.
    auto writer = workspace::Workspace::open(db);
    ASSERT_TRUE(writer) << writer.error();
    workspace::Transaction importing(*writer);
    ASSERT_TRUE(importing.active()) << importing.beginError();
    ASSERT_TRUE(writer->exec("DELETE FROM incidents"));

    const auto started = std::chrono::steady_clock::now();
    const auto query = runSeawatch("incidents query --db " + db.string() + " --format jsonl");
    EXPECT_EQ(query.exitCode, 0) << query.err;
    EXPECT_EQ(countLines(query.out), 2) << "the reader sees the last committed state";
    const auto stats = runSeawatch("incidents stats --db " + db.string() + " --by year");
    EXPECT_EQ(stats.exitCode, 0) << stats.err;
    EXPECT_NE(stats.out.find("2009"), std::string::npos) << stats.out;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4))
        << "the readers waited for the writer's lock";
}

TEST_F(WorkspaceReaders, WriteProtectedWorkspaceInWriteProtectedFolder) {
    const fs::path folder = dir_ / "archive";
    fs::create_directories(folder);
    fs::permissions(folder, fs::perms::all, fs::perm_options::add);
    const fs::path db = importedWorkspace(folder);
    const std::string before = readFile(db);
    fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec |
                                fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec);
    // root ignores permission bits: read as the nobody user, as an analyst's account would.
    const std::string as = ::geteuid() == 0 ? "runuser -u nobody --" : "";
    const auto query = runSeawatch("incidents query --db " + db.string() + " --format jsonl", as);
    EXPECT_EQ(query.exitCode, 0) << query.err;
    EXPECT_EQ(countLines(query.out), 2);
    const auto stats = runSeawatch("incidents stats --db " + db.string(), as);
    EXPECT_EQ(stats.exitCode, 0) << stats.err;
    EXPECT_EQ(readFile(db), before);
    EXPECT_FALSE(fs::exists(db.string() + "-shm"));
}
