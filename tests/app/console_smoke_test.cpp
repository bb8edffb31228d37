#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_support.hpp"

using namespace seawatch::testing;
namespace fs = std::filesystem;

namespace {

bool haveXvfbRun() {
    return std::system("command -v xvfb-run >/dev/null 2>&1") == 0;
}

const std::string kScenario =
    std::string(SEAWATCH_SOURCE_DIR) + "/data/scenarios/gulf_of_aden_2009.json";

// The --frame-times file: between `least` and `most` lines of "<start, Unix ms> <ms>", the
// starts in order and within the last hour, every drawing time above zero.
void expectFrameTimes(const std::string& text, std::size_t least, std::size_t most) {
    std::istringstream in(text);
    std::size_t frames = 0;
    long long previous = 0;
    const long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    for (std::string line; std::getline(in, line); ++frames) {
        std::istringstream fields(line);
        long long start = 0;
        double ms = 0;
        ASSERT_TRUE(fields >> start >> ms) << "line " << frames + 1 << ": " << line;
        EXPECT_GE(start, previous) << "line " << frames + 1;
        EXPECT_GT(start, now - 3'600'000) << "line " << frames + 1;
        EXPECT_LE(start, now) << "line " << frames + 1;
        EXPECT_GT(ms, 0.0) << "line " << frames + 1;
        previous = start;
    }
    EXPECT_GE(frames, least) << text;
    EXPECT_LE(frames, most) << text;
}

// The environment a console test runs in: its own HOME under `dir`, a virtual X server, and
// LeakSanitizer off for the console only (Mesa's GLX driver keeps allocations past exit).
std::string xvfbEnvironment(const fs::path& dir) {
    return "env HOME=" + dir.string() +
           " XDG_CONFIG_HOME= XDG_DATA_HOME= ASAN_OPTIONS=detect_leaks=0 "
           "xvfb-run -a -s '-screen 0 1280x800x24'";
}

// Starts the console with the bundled exercise and `arguments`, its log in dir/err.txt, waits
// for its first frame (up to 120 s: a sanitizer build starts slowly), runs the shell commands
// `afterFirstFrame` (with $pid the console's), and returns the console's wait status.
int runConsoleThen(const fs::path& dir, const std::string& arguments,
                   const std::string& afterFirstFrame) {
    const fs::path err = dir / "err.txt";
    const fs::path script = dir / "run.sh";
    {
        std::ofstream out(script);
        out << std::string(SEAWATCH_BINARY) << " --scenario " << kScenario << " " << arguments
            << " 2>" << err.string() << " &\n"
            << "pid=$!\n"
            << "for i in $(seq 1200); do grep -qs 'first frame' " << err.string()
            << " && break; sleep 0.1; done\n"
            << afterFirstFrame << "\n"
            << "wait $pid\n";
    }
    return std::system((xvfbEnvironment(dir) + " sh " + script.string()).c_str());
}

}  // namespace

// The console itself, in a real GLFW window on a virtual X server: it opens the bundled
// exercise, draws frames and closes cleanly. LeakSanitizer is off for this child only:
// Mesa's GLX driver keeps allocations past exit that are not seawatch's.
TEST(Console, OpensTheBundledExerciseUnderXvfb) {
    if (!haveXvfbRun()) GTEST_SKIP() << "xvfb-run is not installed";
    const fs::path dir = scratchDir("console_smoke");
    const fs::path shot = dir / "console.png";
    const fs::path frameTimes = dir / "frames.txt";
    const auto r = runSeawatch("--scenario " + kScenario + " --exit-after-frames 5 --screenshot " +
                                   shot.string() + " --frame-times " + frameTimes.string(),
                               xvfbEnvironment(dir));
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
    // --frame-times: the five frames, each "<start, Unix ms> <drawing time, ms>", in order.
    expectFrameTimes(readFile(frameTimes), 5, 5);
    fs::remove_all(dir);
}

// SIGTERM (a logout, a service stop) closes the console as its close button does: exit code
// 0, settings saved, the frame-times file written. Before, the signal killed it outright.
TEST(Console, ClosesCleanlyOnSigterm) {
    if (!haveXvfbRun()) GTEST_SKIP() << "xvfb-run is not installed";
    const fs::path dir = scratchDir("console_sigterm");
    const fs::path frameTimes = dir / "frames.txt";
    const int status =
        runConsoleThen(dir, "--frame-times " + frameTimes.string(), "sleep 0.5; kill -TERM $pid");
    const std::string err = readFile(dir / "err.txt");
    ASSERT_TRUE(WIFEXITED(status)) << err;
    EXPECT_EQ(WEXITSTATUS(status), 0) << err;
    EXPECT_NE(err.find("first frame"), std::string::npos) << err;
    EXPECT_TRUE(fs::exists(dir / ".config" / "seawatch" / "console.json"));
    expectFrameTimes(readFile(frameTimes), 1, 100000);
    fs::remove_all(dir);
}

// A console that does not close on the first signal can still be stopped: the second one
// ends the process as the signal does by default.
TEST(Console, ASecondStopSignalEndsItAtOnce) {
    if (!haveXvfbRun()) GTEST_SKIP() << "xvfb-run is not installed";
    const fs::path dir = scratchDir("console_sigterm_twice");
    // Two different signals: two of the same sent together may arrive as one.
    const int status = runConsoleThen(dir, "", "kill -INT $pid; kill -TERM $pid");
    const std::string err = readFile(dir / "err.txt");
    ASSERT_TRUE(WIFEXITED(status)) << err;
    // Ended by whichever of the two was handled second, not closed cleanly (0).
    const int code = WEXITSTATUS(status);
    EXPECT_TRUE(code == 128 + SIGTERM || code == 128 + SIGINT) << code << "\n" << err;
    fs::remove_all(dir);
}

TEST(Console, AFrameTimesFileItCannotWriteIsAnErrorNamingIt) {
    if (!haveXvfbRun()) GTEST_SKIP() << "xvfb-run is not installed";
    const fs::path dir = scratchDir("console_frame_times");
    const fs::path unwritable = dir / "no_such_folder" / "frames.txt";
    const auto r = runSeawatch("--exit-after-frames 1 --frame-times " + unwritable.string(),
                               xvfbEnvironment(dir));
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_NE(r.err.find("--frame-times " + unwritable.string()), std::string::npos) << r.err;
    fs::remove_all(dir);
}

TEST(Console, WithoutADisplayItSaysSoAndSuggestsRender) {
    const auto r = runSeawatch("--exit-after-frames 1", "env -u DISPLAY -u WAYLAND_DISPLAY");
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.err.find("no display"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("seawatch render"), std::string::npos) << r.err;
}
