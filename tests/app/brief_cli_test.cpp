#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "cli_support.hpp"

using namespace seawatch::testing;
namespace fs = std::filesystem;

namespace {
const std::string kScenario =
    std::string(SEAWATCH_SOURCE_DIR) + "/data/scenarios/gulf_of_aden_2009.json";
}

TEST(BriefCommand, OneImagePerStepAndADeckThatReferencesEveryImage) {
    const fs::path dir = scratchDir("brief");
    const auto r =
        runSeawatch("brief " + kScenario + " --size 640x360 -o " + dir.string(), "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::set<std::string> images;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".png") images.insert(e.path().filename().string());
    EXPECT_EQ(images.size(), 10u);  // the bundled exercise has 10 steps
    const std::string html = readFile(dir / "index.html");
    ASSERT_FALSE(html.empty());
    for (const auto& image : images) {
        EXPECT_NE(html.find("src=\"" + image + "\""), std::string::npos) << image;
        const std::string bytes = readFile(dir / image);
        EXPECT_EQ(bytes.substr(1, 3), "PNG") << image;
    }
    // Captions and times are in the deck, and it closes with a summary table.
    EXPECT_NE(html.find("Suspicious approach"), std::string::npos);
    EXPECT_NE(html.find("2009-11-15"), std::string::npos);
    EXPECT_NE(html.find("<table"), std::string::npos);
    fs::remove_all(dir);
}

TEST(BriefCommand, GeoTiffsOnRequestAndClearErrors) {
    const fs::path dir = scratchDir("brief_tif");
    auto r = runSeawatch("brief " + kScenario + " --size 320x180 --geotiff -o " + dir.string(),
                         "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir / "step_01.tif"));
    EXPECT_TRUE(fs::exists(dir / "step_10.tif"));
    // A broken scenario names the problem and exits 1.
    const fs::path bad = dir / "bad.json";
    std::ofstream(bad) << R"({"seawatch_scenario": 1, "title": "x", "window": {"start": "nope"}})";
    r = runSeawatch("brief " + bad.string() + " -o " + (dir / "out").string(), "env -u DISPLAY");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("window"), std::string::npos) << r.err;
    fs::remove_all(dir);
}

TEST(RenderCommand, ScenarioAtATimeAndFrames) {
    const fs::path dir = scratchDir("render_at");
    auto r = runSeawatch("render " + kScenario + " --at 2009-11-15T12:50:00Z --size 320x180 -o " +
                             (dir / "at.png").string(),
                         "env -u DISPLAY");
    if (r.exitCode == 3) GTEST_SKIP() << "no EGL context here: " << r.err;
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir / "at.png"));
    r = runSeawatch("render " + kScenario +
                        " --frames 2h --from 2009-11-15T10:00:00Z --to 2009-11-15T16:00:00Z "
                        "--size 160x90 -o " +
                        (dir / "frames").string(),
                    "env -u DISPLAY");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    int frames = 0;
    for (const auto& e : fs::directory_iterator(dir / "frames"))
        frames += e.path().extension() == ".png";
    EXPECT_EQ(frames, 4);  // 10:00, 12:00, 14:00, 16:00
    r = runSeawatch("render --at 2009-11-15T12:50:00Z -o " + (dir / "x.png").string());
    EXPECT_EQ(r.exitCode, 2);
    r = runSeawatch("render " + kScenario + " --at yesterday -o " + (dir / "x.png").string());
    EXPECT_EQ(r.exitCode, 2);
    fs::remove_all(dir);
}
