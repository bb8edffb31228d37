// Output never lost in silence, and inputs that once stalled or crashed a command.
#include <gtest/gtest.h>
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"

using namespace seawatch::testing;
namespace fs = std::filesystem;

namespace {
const std::string kScenario =
    std::string(SEAWATCH_SOURCE_DIR) + "/data/scenarios/gulf_of_aden_2009.json";
const std::string kPosition = "!AIVDM,1,1,,B,15N1u<PP1FJuvSRHOE6QIwwh0HQ6,0*33";
}  // namespace

// The README's own example, `brief ... -o deck/`, failed for any relative folder.
TEST(ReliabilityCli, BriefWritesIntoARelativeFolder) {
    const fs::path dir = scratchDir("brief_relative");
    const auto r = runSeawatch("brief " + kScenario + " --size 320x180 -o deck/",
                               "cd " + dir.string() + " && env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir / "deck/index.html"));
    EXPECT_TRUE(fs::exists(dir / "deck/step_01.png"));
    EXPECT_NE(readFile(dir / "deck/index.html").find("src=\"step_01.png\""), std::string::npos);
    // Nothing half-written is left beside the output.
    for (const auto& e : fs::directory_iterator(dir / "deck"))
        EXPECT_NE(e.path().filename().string().front(), '.') << e.path();
    fs::remove_all(dir);
}

TEST(ReliabilityCli, DecodeToAFullDiskFails) {
    const fs::path dir = scratchDir("decode_full");
    const fs::path log = dir / "log.nmea";
    {
        std::ofstream out(log);
        for (int i = 0; i < 5000; ++i) out << kPosition << "\n";
    }
    // runSeawatch sends stdout to a file of its own, so the command is run here.
    const fs::path err = dir / "err.txt";
    const std::string command = std::string(SEAWATCH_BINARY) + " ais decode --json " +
                                log.string() + " >/dev/full 2>" + err.string();
    const int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);
    const std::string errText = readFile(err);
    EXPECT_NE(errText.find("No space left on device"), std::string::npos) << errText;
    fs::remove_all(dir);
}

TEST(ReliabilityCli, ScenarioWithAWaypointIn9999FailsFast) {
    const fs::path dir = scratchDir("scenario_9999");
    std::ifstream in(kScenario);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The first track's last waypoint time becomes a typo.
    const auto tracks = text.find("\"tracks\"");
    ASSERT_NE(tracks, std::string::npos);
    const auto time = text.find("\"time\": \"2009-", tracks);
    ASSERT_NE(time, std::string::npos);
    text.replace(time + 9, 4, "9999");
    const fs::path file = dir / "typo.json";
    std::ofstream(file) << text;
    fs::copy(fs::path(SEAWATCH_SOURCE_DIR) / "data", dir / "data",
             fs::copy_options::recursive | fs::copy_options::skip_existing);
    const auto r = runSeawatch("scenario check " + file.string());
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("year 9999 is outside 1990-2100"), std::string::npos) << r.err;
    fs::remove_all(dir);
}

TEST(ReliabilityCli, ImportOfALogWithoutTimesFailsAndSaysHowToDateIt) {
    const fs::path dir = scratchDir("import_untimed");
    const fs::path log = dir / "untimed.nmea";
    {
        std::ofstream out(log);
        for (int i = 0; i < 10; ++i) out << kPosition << "\n";
    }
    const fs::path db = dir / "ws.gpkg";
    auto r = runSeawatch("ais import " + log.string() + " --db " + db.string());
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("--start TIME --interval-ms N"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--mtime"), std::string::npos) << r.err;

    r = runSeawatch("ais import " + log.string() + " --db " + db.string() +
                    " --start 2010-06-11T11:46:00Z --interval-ms 2000");
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("10 positions"), std::string::npos) << r.out;

    const fs::path log2 = dir / "untimed2.nmea";
    {
        std::ofstream out(log2);
        for (int i = 0; i < 3; ++i) out << kPosition << "\r\n";
        out << "\n";  // differs in content from the first log, so it is not a re-import
    }
    r = runSeawatch("ais import " + log2.string() + " --db " + db.string() + " --mtime");
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("3 positions"), std::string::npos) << r.out;

    r = runSeawatch("ais import " + log.string() + " --db " + db.string() + " --start yesterday");
    EXPECT_EQ(r.exitCode, 2) << r.err;
    fs::remove_all(dir);
}

// A truncated GeoTIFF used to render as an empty picture with exit 0 and nothing on stderr.
TEST(ReliabilityCli, RenderOfATruncatedChartFailsAndSaysWhy) {
    const fs::path source =
        fs::path(SEAWATCH_SHARED_TESTDATA) / "charts/geotiff/m_3607824_se_17_1_20160620_sub.tif";
    if (!fs::exists(source)) GTEST_SKIP() << "no shared testdata: " << source;
    const fs::path dir = scratchDir("render_truncated");
    const fs::path chart = dir / "truncated.tif";
    {
        std::ifstream in(source, std::ios::binary);
        std::string bytes(150000, '\0');
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        std::ofstream(chart, std::ios::binary) << bytes;
    }
    const fs::path out = dir / "out.png";
    const auto r = runSeawatch("render --chart " + chart.string() + " --no-basemap --size 320x180 -o " +
                                   out.string(),
                               "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_NE(r.err.find("truncated.tif"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    fs::remove_all(dir);
}

TEST(ReliabilityCli, OptionsAreRangeChecked) {
    const fs::path dir = scratchDir("options");
    const fs::path log = dir / "log.nmea";
    std::ofstream(log) << kPosition << "\n";
    const std::string analyze = "analyze --ais " + log.string() + " --zones " +
                                SEAWATCH_SOURCE_DIR + "/data/zones/irtc.geojson ";
    EXPECT_EQ(runSeawatch(analyze + "--cpa-nm 0.5").exitCode, 0);
    for (const char* bad : {"--cpa-nm -5", "--cpa-nm nan", "--tcpa-min inf"}) {
        const auto r = runSeawatch(analyze + bad);
        EXPECT_EQ(r.exitCode, 2) << bad << ": " << r.err;
    }
    const std::string query = "incidents query --db " + (dir / "none.gpkg").string();
    EXPECT_NE(runSeawatch(query + " --limit 5").exitCode, 2);
    const auto r = runSeawatch(query + " --limit -1");
    EXPECT_EQ(r.exitCode, 2) << r.err;
    fs::remove_all(dir);
    const auto big = runSeawatch("render --size 16384x16384 -o x.png");
    EXPECT_EQ(big.exitCode, 2);
    EXPECT_NE(big.err.find("8192"), std::string::npos) << big.err;
}
