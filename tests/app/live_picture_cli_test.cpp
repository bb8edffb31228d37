// The console's live picture and `seawatch analyze` must raise the same alerts: the bundled
// exercise's AIS, exported as NMEA, replayed through a feed into `seawatch ais watch` (the
// live picture without a window, sentence by sentence through the inbox) gives the same
// event log, byte for byte, as `seawatch analyze` over the same file with the same options.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using seawatch::testing::readFile;
using seawatch::testing::runSeawatch;
using seawatch::testing::scratchDir;

namespace {

const fs::path kSource = SEAWATCH_SOURCE_DIR;

// The engine inputs of the exercise, named the way both commands take them.
std::string engineOptions() {
    const fs::path zones = kSource / "data" / "zones";
    std::string options;
    for (const char* name : {"irtc", "hra", "vra", "patrol_sectors"})
        options += " --zones " + (zones / (std::string(name) + ".geojson")).string();
    options += " --schedule " + (zones / "schedule_gulf_of_aden_2009.json").string();
    options +=
        " --land " + (kSource / "data/basemap/natural_earth.gpkg").string() + " --land-layer land";
    return options;
}

}  // namespace

TEST(LivePictureCli, LiveFeedOfTheExerciseGivesTheSameEventsAsAnalyze) {
    const fs::path dir = scratchDir("live_picture");
    const fs::path nmea = dir / "exercise.nmea";
    const auto exported = runSeawatch("scenario export-ais " +
                                      (kSource / "data/scenarios/gulf_of_aden_2009.json").string() +
                                      " -o " + nmea.string());
    ASSERT_EQ(exported.exitCode, 0) << exported.err;

    const fs::path batch = dir / "analyze.jsonl";
    const auto analyzed =
        runSeawatch("analyze --ais " + nmea.string() + engineOptions() + " -o " + batch.string());
    ASSERT_EQ(analyzed.exitCode, 0) << analyzed.err;

    const fs::path live = dir / "live.jsonl";
    const auto watched = runSeawatch("ais watch " + nmea.string() + " --unpaced" + engineOptions() +
                                     " --events " + live.string());
    ASSERT_EQ(watched.exitCode, 0) << watched.err;

    const std::string expected = readFile(batch);
    const std::string actual = readFile(live);
    // The exercise has alerts of several kinds; an empty log would prove nothing.
    ASSERT_NE(expected.find("\"type\":\"suspicious_approach\""), std::string::npos) << expected;
    ASSERT_NE(expected.find("\"type\":\"coverage_gap\""), std::string::npos) << expected;
    EXPECT_EQ(actual, expected);
    fs::remove_all(dir);
}
