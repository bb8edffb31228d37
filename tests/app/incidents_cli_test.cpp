// seawatch incidents import|query|stats, run as a user would.
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Run {
    int exitCode = -1;
    std::string out;
};

// Runs the binary with a shell; stderr is folded into the output when asked.
Run runSeawatch(const std::string& args, bool withStderr = false) {
    const std::string command =
        std::string(SEAWATCH_BINARY) + " " + args + (withStderr ? " 2>&1" : " 2>/dev/null");
    Run run;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return run;
    std::array<char, 4096> buffer{};
    std::size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
    const int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

class IncidentsCli : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("seawatch_incidents_cli_" + std::to_string(getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        db_ = (dir_ / "w.gpkg").string();
        csv_ = (dir_ / "asam.csv").string();
        std::ofstream(csv_, std::ios::binary)
            << "reference,date,position,navArea,subreg,hostility,victim,description,\r\n"
               "2009-101,2009-04-08,\"2\xC2\xB0"
               "00'00\"\"N\n51\xC2\xB0"
               "30'00\"\"E\",VIII,61,"
               "PIRATES,US-flagged container ship MAERSK ALABAMA,\"Pirates boarded the ship "
               "and took the master hostage\",\r\n"
               "2009-102,2009-04-14,\"12\xC2\xB0"
               "30'00\"\"N\n47\xC2\xB0"
               "00'00\"\"E\",IX,62,"
               "Shots fired at vessel,Bulk carrier,\"Skiff fired upon the vessel\",\r\n"
               "2009-103,2009-13-01,\"12\xC2\xB0"
               "30'00\"\"N\n47\xC2\xB0"
               "00'00\"\"E\",IX,62,"
               "PIRATES,Tanker,\"bad date row\",\r\n";
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path dir_;
    std::string db_;
    std::string csv_;
};

}  // namespace

TEST_F(IncidentsCli, ImportReportsRejectsAndIsIdempotent) {
    auto first = runSeawatch("incidents import " + csv_ + " --db " + db_, true);
    EXPECT_EQ(first.exitCode, 0) << first.out;
    EXPECT_NE(first.out.find("read 3, inserted 2, updated 0, duplicate 0, rejected 1"),
              std::string::npos)
        << first.out;
    EXPECT_NE(first.out.find("asam.csv:6: rejected: bad date"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("rejected, bad date: 1"), std::string::npos) << first.out;

    auto second = runSeawatch("incidents import " + csv_ + " --db " + db_);
    EXPECT_EQ(second.exitCode, 0);
    EXPECT_NE(second.out.find("inserted 0, updated 0, duplicate 2, rejected 1"), std::string::npos)
        << second.out;
}

TEST_F(IncidentsCli, StrictFailsWithExitOneAndStoresNothing) {
    auto strict = runSeawatch("incidents import --strict " + csv_ + " --db " + db_, true);
    EXPECT_EQ(strict.exitCode, 1) << strict.out;
    EXPECT_NE(strict.out.find("strict mode"), std::string::npos) << strict.out;
    auto stats = runSeawatch("incidents stats --db " + db_);
    EXPECT_EQ(stats.exitCode, 0);
    EXPECT_NE(stats.out.find("incidents: 0"), std::string::npos) << stats.out;
}

TEST_F(IncidentsCli, StatsCountMatchesOgrAndQueryFormats) {
    ASSERT_EQ(runSeawatch("incidents import " + csv_ + " --db " + db_).exitCode, 0);
    auto stats = runSeawatch("incidents stats --db " + db_ + " --by category");
    EXPECT_EQ(stats.exitCode, 0);
    EXPECT_NE(stats.out.find("incidents: 2"), std::string::npos) << stats.out;
    EXPECT_NE(stats.out.find("fired_upon"), std::string::npos) << stats.out;

    GDALAllRegister();
    GDALDatasetH ds =
        GDALOpenEx(db_.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, "incidents");
    ASSERT_NE(layer, nullptr);
    EXPECT_EQ(OGR_L_GetFeatureCount(layer, TRUE), 2);
    GDALClose(ds);

    auto jsonl = runSeawatch("incidents query --db " + db_ + " --format jsonl");
    ASSERT_EQ(jsonl.exitCode, 0);
    std::istringstream lines(jsonl.out);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
        auto j = nlohmann::json::parse(line);
        for (const char* key : {"source", "source_ref", "occurred_at", "lat", "lon", "category"}) {
            EXPECT_TRUE(j.contains(key)) << key << " in " << line;
        }
        ++count;
    }
    EXPECT_EQ(count, 2);

    auto filtered = runSeawatch("incidents query --db " + db_ +
                                " --bbox 45,10,50,15 --from 2009-04-01 --to 2009-04-30 "
                                "--category fired_upon --format csv");
    ASSERT_EQ(filtered.exitCode, 0);
    EXPECT_NE(filtered.out.find("2009-102"), std::string::npos) << filtered.out;
    EXPECT_EQ(filtered.out.find("2009-101"), std::string::npos) << filtered.out;

    auto text = runSeawatch("incidents query --db " + db_ + " --text \"maersk alabama\"");
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_NE(text.out.find("MAERSK ALABAMA"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("1 incident"), std::string::npos) << text.out;

    auto geojson = runSeawatch("incidents query --db " + db_ + " --format geojson");
    ASSERT_EQ(geojson.exitCode, 0);
    const std::string exported = (dir_ / "export.geojson").string();
    std::ofstream(exported) << geojson.out;
    const std::string other = (dir_ / "other.gpkg").string();
    auto back = runSeawatch("incidents import " + exported + " --db " + other);
    EXPECT_EQ(back.exitCode, 0);
    EXPECT_NE(back.out.find("inserted 2"), std::string::npos) << back.out;
}

TEST_F(IncidentsCli, UsageAndMissingInputExitCodes) {
    EXPECT_EQ(runSeawatch("incidents query --db " + db_ + " --category piracy").exitCode, 2);
    EXPECT_EQ(runSeawatch("incidents query --db " + db_ + " --bbox 1,2,3").exitCode, 2);
    EXPECT_EQ(runSeawatch("incidents import " + csv_ + " --db " + db_ + " --format xml").exitCode,
              2);
    EXPECT_EQ(runSeawatch("incidents stats --db " + (dir_ / "absent.gpkg").string()).exitCode, 1);
    EXPECT_EQ(
        runSeawatch("incidents import " + (dir_ / "absent.csv").string() + " --db " + db_).exitCode,
        2);  // CLI11 checks the file exists: a usage error
    const std::string junk = (dir_ / "junk.txt").string();
    std::ofstream(junk) << "hello,world\n";
    EXPECT_EQ(runSeawatch("incidents import " + junk + " --db " + db_).exitCode, 1);
}
