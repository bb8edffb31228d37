// seawatch analyze end to end: tracks made here, encoded as NMEA with the project's AIS
// encoder, analysed by the binary, and checked against truth computed independently
// (brute-force sampling of the great-circle tracks, not the engine's plane formula).
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "seawatch/ais/encoder.hpp"
#include "seawatch/geo/geo.hpp"
#include "seawatch/time/utc.hpp"

using namespace seawatch;
namespace fs = std::filesystem;

namespace {

const time::UnixMillis kT0 = *time::parseIso8601("2009-11-15T09:00:00Z");
constexpr time::UnixMillis kStep = 10 * time::kMillisPerSecond;
constexpr time::UnixMillis kSpan = 60 * time::kMillisPerMinute;

struct Leg {
    ais::Mmsi mmsi;
    geo::LonLat start;
    double courseDeg;
    double speedKn;
    geo::LonLat at(time::UnixMillis t) const {
        return geo::destination(start, courseDeg, speedKn * static_cast<double>(t - kT0) / 3.6e6);
    }
};

struct CommandResult {
    int exitCode = -1;
    std::string out;
};

CommandResult runSeawatch(const std::string& args) {
    const std::string command = std::string(SEAWATCH_BINARY) + " " + args + " 2>/dev/null";
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return result;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.out.append(buffer.data(), n);
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string dataPath(const char* name) {
    return (fs::path(SEAWATCH_SOURCE_DIR) / "data/zones" / name).string();
}

class AnalyzeCommand : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("seawatch_analyze_" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        // A tanker and a container ship on reciprocal courses 0.4 nm apart, well south of the
        // corridor; a cargo ship eastbound along the IRTC centreline with no group near it.
        const geo::LonLat tanker0{49.0, 11.0};
        legs_ = {
            {352000001, tanker0, 80.0, 13.0},
            {352000002, geo::destination(geo::destination(tanker0, 80.0, 14.0), 350.0, 0.4), 260.0,
             11.0},
            {352000003, {47.5, 11.841667 + 2.5 * 2.5 / 8.0}, 71.5, 12.0},
        };
        std::ofstream nmea(dir_ / "tracks.nmea");
        const std::array<std::pair<int, int>, 3> types{{{80, 250}, {70, 300}, {71, 180}}};
        for (std::size_t i = 0; i < legs_.size(); ++i) {
            ais::VesselStatic s;
            s.mmsi = legs_[i].mmsi;
            s.shipType = types[i].first;
            s.toBow = types[i].second / 2;
            s.toStern = types[i].second / 2;
            s.name = "TEST " + std::to_string(i);
            for (const auto& sentence : ais::encodeStaticData(s))
                nmea << ais::withTagBlock(sentence, kT0 - time::kMillisPerMinute) << "\r\n";
        }
        for (time::UnixMillis t = kT0; t <= kT0 + kSpan; t += kStep) {
            for (const Leg& leg : legs_) {
                const geo::LonLat p = leg.at(t);
                ais::PositionFix f;
                f.mmsi = leg.mmsi;
                f.time = t;
                f.lat = p.lat;
                f.lon = p.lon;
                f.speedKn = static_cast<float>(leg.speedKn);
                f.courseDeg = static_cast<float>(leg.courseDeg);
                f.navStatus = 0;
                for (const auto& sentence : ais::encodePositionReport(f))
                    nmea << ais::withTagBlock(sentence, t) << "\r\n";
            }
        }
        nmea << "!AIVDM,1,1,,A,this is not a sentence*00\r\n";  // counted and skipped
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string baseArgs() const {
        return "analyze --ais " + (dir_ / "tracks.nmea").string() + " --zones " +
               dataPath("irtc.geojson") + " --zones " + dataPath("patrol_sectors.geojson") +
               " --schedule " + dataPath("schedule_gulf_of_aden_2009.json") +
               " --from 2009-11-15T09:00:00Z --to 2009-11-15T10:00:00Z";
    }

    std::vector<nlohmann::json> events(const std::string& out) const {
        std::vector<nlohmann::json> list;
        std::size_t pos = 0;
        while (pos < out.size()) {
            const std::size_t nl = out.find('\n', pos);
            list.push_back(nlohmann::json::parse(out.substr(pos, nl - pos)));
            pos = nl + 1;
        }
        return list;
    }

    fs::path dir_;
    std::vector<Leg> legs_;
};

}  // namespace

TEST_F(AnalyzeCommand, CpaMatchesIndependentTruth) {
    const CommandResult r = runSeawatch(baseArgs());
    ASSERT_EQ(r.exitCode, 0) << r.out;
    // Truth: the smallest great-circle separation, sampled every second.
    double truthNm = 1e9;
    time::UnixMillis truthTime = 0;
    for (time::UnixMillis t = kT0; t <= kT0 + kSpan; t += time::kMillisPerSecond) {
        const double d = geo::distanceNm(legs_[0].at(t), legs_[1].at(t));
        if (d < truthNm) {
            truthNm = d;
            truthTime = t;
        }
    }
    int cpaEvents = 0;
    for (const auto& e : events(r.out)) {
        if (e["type"] != "cpa") continue;
        ++cpaEvents;
        EXPECT_EQ(e["mmsi"], nlohmann::json::array({352000001, 352000002}));
        EXPECT_NEAR(e["cpa_nm"].get<double>(), truthNm, 0.05);
        const double eventCpaTime =
            static_cast<double>(*time::parseIso8601(e["time"].get<std::string>())) +
            e["tcpa_min"].get<double>() * 60000.0;
        EXPECT_NEAR(eventCpaTime, static_cast<double>(truthTime), 60000.0);
    }
    EXPECT_EQ(cpaEvents, 1);
}

TEST_F(AnalyzeCommand, SectorTransitionWithinOneFixInterval) {
    const CommandResult r = runSeawatch(baseArgs());
    ASSERT_EQ(r.exitCode, 0);
    // Sector 2 ends at 45 + 2 * 8/6 = 47.6667°E; find when the cargo ship crosses it.
    const double boundary = 45.0 + 2.0 * 8.0 / 6.0;
    time::UnixMillis lo = kT0, hi = kT0 + kSpan;
    ASSERT_LT(legs_[2].at(lo).lon, boundary);
    ASSERT_GT(legs_[2].at(hi).lon, boundary);
    while (hi - lo > 1) {
        const time::UnixMillis mid = lo + (hi - lo) / 2;
        (legs_[2].at(mid).lon < boundary ? lo : hi) = mid;
    }
    bool sawEnter = false, sawExit = false;
    for (const auto& e : events(r.out)) {
        if (e.value("mmsi", nlohmann::json()) != 352000003) continue;
        const time::UnixMillis t = *time::parseIso8601(e["time"].get<std::string>());
        if (e["type"] == "zone_enter" && e["zone"] == "IRTC Sector 3") {
            sawEnter = true;
            EXPECT_GE(t, hi);
            EXPECT_LE(t - hi, kStep);
        }
        if (e["type"] == "zone_exit" && e["zone"] == "IRTC Sector 2") {
            sawExit = true;
            EXPECT_GE(t, hi);
            EXPECT_LE(t - hi, kStep);
        }
    }
    EXPECT_TRUE(sawEnter);
    EXPECT_TRUE(sawExit);
}

TEST_F(AnalyzeCommand, MerchantAloneInTheCorridorIsUnescorted) {
    const CommandResult r = runSeawatch(baseArgs());
    ASSERT_EQ(r.exitCode, 0);
    int unescorted = 0;
    for (const auto& e : events(r.out))
        if (e["type"] == "unescorted_transit" && e["mmsi"] == 352000003) ++unescorted;
    EXPECT_EQ(unescorted, 1);
}

TEST_F(AnalyzeCommand, OutputIsByteIdenticalRunToRun) {
    const CommandResult a = runSeawatch(baseArgs());
    const CommandResult b = runSeawatch(baseArgs());
    ASSERT_EQ(a.exitCode, 0);
    EXPECT_FALSE(a.out.empty());
    EXPECT_EQ(a.out, b.out);
    const CommandResult csv = runSeawatch(baseArgs() + " --format csv");
    ASSERT_EQ(csv.exitCode, 0);
    EXPECT_EQ(csv.out.rfind("type,time,mmsi,mmsi2,zone,unit,lat,lon,numbers,text\n", 0), 0u);
    EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'),
              std::count(a.out.begin(), a.out.end(), '\n') + 1);
}

TEST_F(AnalyzeCommand, ExitCodesMeanSomething) {
    EXPECT_EQ(runSeawatch(baseArgs() + " --format xml").exitCode, 2);
    EXPECT_EQ(runSeawatch("analyze --ais " + (dir_ / "tracks.nmea").string() + " --zones " +
                          dataPath("irtc.geojson") + " --from yesterday")
                  .exitCode,
              2);
    EXPECT_EQ(
        runSeawatch("analyze --ais /nonexistent.nmea --zones " + dataPath("irtc.geojson")).exitCode,
        1);
    EXPECT_EQ(runSeawatch("analyze --ais " + (dir_ / "tracks.nmea").string() +
                          " --zones /nonexistent.geojson")
                  .exitCode,
              1);
    EXPECT_EQ(runSeawatch("analyze --zones " + dataPath("irtc.geojson")).exitCode, 2);
}

TEST_F(AnalyzeCommand, StoresAlertsInTheWorkspace) {
    const fs::path workspace = dir_ / "workspace.sqlite";
    const CommandResult r = runSeawatch(baseArgs() + " --workspace " + workspace.string());
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_TRUE(fs::exists(workspace));
    EXPECT_GT(fs::file_size(workspace), 0u);
}

TEST_F(AnalyzeCommand, AnArchiveWindowGivesTheEventsOfTheLogItHolds) {
    const std::string workspace = (dir_ / "archive.gpkg").string();
    ASSERT_EQ(runSeawatch("ais import " + (dir_ / "tracks.nmea").string() + " --db " + workspace)
                  .exitCode,
              0);
    const CommandResult fromLog = runSeawatch(baseArgs());
    // The same window read from the archive instead of the log: the same event log, ship
    // types and all (the unescorted transit needs the merchant's type from the static table).
    const std::string archiveOnly = "analyze --archive " + workspace + " --zones " +
                                    dataPath("irtc.geojson") + " --zones " +
                                    dataPath("patrol_sectors.geojson") + " --schedule " +
                                    dataPath("schedule_gulf_of_aden_2009.json") +
                                    " --from 2009-11-15T09:00:00Z --to 2009-11-15T10:00:00Z";
    const CommandResult fromArchive = runSeawatch(archiveOnly);
    ASSERT_EQ(fromLog.exitCode, 0);
    ASSERT_EQ(fromArchive.exitCode, 0);
    EXPECT_FALSE(fromLog.out.empty());
    EXPECT_EQ(fromArchive.out, fromLog.out);
    bool unescorted = false;
    for (const auto& e : events(fromArchive.out))
        unescorted = unescorted || (e["type"] == "unescorted_transit" && e["mmsi"] == 352000003);
    EXPECT_TRUE(unescorted);

    // A box that holds only the cargo ship: no CPA between the other two.
    const CommandResult boxed = runSeawatch(archiveOnly + " --bbox 47,11,48.5,13");
    ASSERT_EQ(boxed.exitCode, 0);
    for (const auto& e : events(boxed.out)) {
        EXPECT_NE(e["type"], "cpa");
        if (e.contains("mmsi") && e["mmsi"].is_number()) {
            EXPECT_EQ(e["mmsi"], 352000003);
        }
    }
}

TEST_F(AnalyzeCommand, AnArchiveThatCannotBeReadIsAFailureNotAnEmptyLog) {
    const std::string zones = " --zones " + dataPath("irtc.geojson");
    const std::string window = " --from 2009-11-15T09:00:00Z --to 2009-11-15T10:00:00Z";
    // No window: an archive may hold years.
    EXPECT_EQ(runSeawatch("analyze --archive " + (dir_ / "a.gpkg").string() + zones).exitCode, 2);
    // A box with nothing to read it from.
    EXPECT_EQ(runSeawatch("analyze --ais " + (dir_ / "tracks.nmea").string() + zones + window +
                          " --bbox 47,11,48,13")
                  .exitCode,
              2);
    EXPECT_EQ(runSeawatch("analyze --archive " + (dir_ / "a.gpkg").string() + zones + window +
                          " --bbox 47,11,48")
                  .exitCode,
              2);
    // A workspace that is not there, and one with no archive in it.
    EXPECT_EQ(runSeawatch("analyze --archive " + (dir_ / "missing.gpkg").string() + zones + window)
                  .exitCode,
              1);
    const std::string alertsOnly = (dir_ / "alerts.gpkg").string();
    ASSERT_EQ(runSeawatch(baseArgs() + " --workspace " + alertsOnly).exitCode, 0);
    const CommandResult noArchive = runSeawatch("analyze --archive " + alertsOnly + zones + window);
    EXPECT_EQ(noArchive.exitCode, 1);
    EXPECT_TRUE(noArchive.out.empty());
}

TEST(AnalyzeRealLogs, SharedTestdataRunsCleanAndRepeatably) {
    const fs::path shared(SEAWATCH_SHARED_TESTDATA);
    const fs::path amsa = shared / "ais/tracks/amsa_exact-earth-with-tag-block.txt";
    const fs::path dma = shared / "ais/tracks/dma_stream_example.txt";
    if (!fs::exists(amsa) || !fs::exists(dma)) GTEST_SKIP() << "shared testdata absent";
    const std::string args = "analyze --ais " + amsa.string() + " --ais " + dma.string() +
                             " --zones " + dataPath("irtc.geojson") + " --zones " +
                             dataPath("hra.geojson") + " --zones " + dataPath("vra.geojson");
    const CommandResult a = runSeawatch(args);
    const CommandResult b = runSeawatch(args);
    ASSERT_EQ(a.exitCode, 0);
    EXPECT_EQ(a.out, b.out);
    std::size_t pos = 0;
    while (pos < a.out.size()) {
        const std::size_t nl = a.out.find('\n', pos);
        const auto line = nlohmann::json::parse(a.out.substr(pos, nl - pos), nullptr, false);
        ASSERT_FALSE(line.is_discarded()) << a.out.substr(pos, nl - pos);
        EXPECT_TRUE(line.contains("type") && line.contains("time"));
        pos = nl + 1;
    }
}
