#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_support.hpp"

using namespace seawatch::testing;
namespace fs = std::filesystem;

namespace {

bool haveXvfbRun() {
    return std::system("command -v xvfb-run >/dev/null 2>&1") == 0;
}

const std::string kScenario =
    std::string(SEAWATCH_SOURCE_DIR) + "/data/scenarios/gulf_of_aden_2009.json";

}  // namespace

// The console itself, in a real GLFW window on a virtual X server: it opens the bundled
// exercise, draws frames and closes cleanly. LeakSanitizer is off for this child only:
// Mesa's GLX driver keeps allocations past exit that are not seawatch's.
TEST(Console, OpensTheBundledExerciseUnderXvfb) {
    if (!haveXvfbRun()) GTEST_SKIP() << "xvfb-run is not installed";
    const fs::path dir = scratchDir("console_smoke");
    const fs::path shot = dir / "console.png";
    const auto r = runSeawatch(
        "--scenario " + kScenario + " --exit-after-frames 5 --screenshot " + shot.string(),
        "env HOME=" + dir.string() +
            " XDG_CONFIG_HOME= XDG_DATA_HOME= ASAN_OPTIONS=detect_leaks=0 "
            "xvfb-run -a -s '-screen 0 1280x800x24'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_TRUE(fs::exists(shot)) << r.err;
    // The window shows a chart, not a blank frame: across a grid of samples, much of it is
    // sea- or land-coloured (panels and the cursor's tooltip cover the rest).
    GDALAllRegister();
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(shot.string().c_str(), GA_ReadOnly));
    ASSERT_NE(ds, nullptr);
    const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
    std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3);
    int bands[] = {1, 2, 3};
    ASSERT_EQ(ds->RasterIO(GF_Read, 0, 0, w, h, rgb.data(), w, h, GDT_Byte, 3, bands, 3, w * 3, 1),
              CE_None);
    GDALClose(ds);
    int chart = 0, samples = 0;
    for (int y = h / 20; y < h; y += h / 10) {
        for (int x = w / 20; x < w; x += w / 10) {
            const unsigned char* p = &rgb[(static_cast<std::size_t>(y) * w + x) * 3];
            const bool sea = p[2] > 200 && p[2] - p[0] > 5;
            const bool land = p[0] > 200 && p[0] - p[2] > 25;
            chart += sea || land;
            ++samples;
        }
    }
    EXPECT_GE(chart * 100 / samples, 30) << chart << " of " << samples << " samples show the chart";
    // Settings are written where XDG says, for the next start.
    EXPECT_TRUE(fs::exists(dir / ".config" / "seawatch" / "console.json"));
    fs::remove_all(dir);
}

TEST(Console, WithoutADisplayItSaysSoAndSuggestsRender) {
    const auto r = runSeawatch("--exit-after-frames 1", "env -u DISPLAY -u WAYLAND_DISPLAY");
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.err.find("no display"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("seawatch render"), std::string::npos) << r.err;
}
