// `seawatch scenario ...` end to end: exit codes, messages and output files.
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct RunResult {
    int exitCode = -1;
    std::string output;  // stdout and stderr together
};

RunResult run(const std::string& arguments, const std::string& environment = "") {
    const std::string command =
        environment + " " + std::string(SEAWATCH_BINARY) + " " + arguments + " 2>&1";
    RunResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return result;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

const std::string kBundled =
    (fs::path(SEAWATCH_SOURCE_DIR) / "data" / "scenarios" / "gulf_of_aden_2009.json").string();

fs::path tempFile(const std::string& name) {
    return fs::temp_directory_path() / ("seawatch_scn_" + std::to_string(::getpid()) + "_" + name);
}

}  // namespace

TEST(ScenarioCommand, CheckSummarisesTheBundledExercise) {
    auto r = run("scenario check '" + kBundled + "'");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("window      2009-11-15T00:00:00Z .. 2009-11-16T00:00:00Z"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("steps       10"), std::string::npos);
    EXPECT_NE(r.output.find("2 skiff"), std::string::npos);
    EXPECT_NE(r.output.find("fixes       "), std::string::npos);
}

TEST(ScenarioCommand, CheckListsEveryErrorAndFails) {
    const auto file = tempFile("bad.json");
    std::ofstream(file) << R"({"seawatch_scenario": 1, "title": "Bad",
      "window": {"start": "2009-11-15T00:00:00Z", "end": "2009-11-16T00:00:00Z"},
      "view": [44, 11, 52, 15],
      "tracks": [{"mmsi": 538000001, "name": "A", "ship_type": 70, "role": "merchant",
                  "waypoints": [{"position": [51, 13.7], "time": "2009-11-15T01:00:00Z"},
                                {"position": [50, 13.4], "time": "noon"}]}],
      "steps": [{"time": "2009-11-15T01:00:00Z", "view": [1, 2], "caption": "x"}]})";
    auto r = run("scenario check '" + file.string() + "'");
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("tracks[0].waypoints[1].time: not ISO 8601"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("steps[0].view: expected [W,S,E,N]"), std::string::npos);
    EXPECT_NE(r.output.find("2 error(s)"), std::string::npos);
    EXPECT_NE(r.output.find(file.string()), std::string::npos);  // names the file
    fs::remove(file);
}

TEST(ScenarioCommand, UnreadableFileAndUsage) {
    auto missing = run("scenario check /nonexistent/exercise.json");
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.output.find("/nonexistent/exercise.json: cannot open"), std::string::npos);
    EXPECT_EQ(run("scenario").exitCode, 2);
    EXPECT_EQ(run("scenario check").exitCode, 2);
    EXPECT_EQ(run("scenario export-ais '" + kBundled + "'").exitCode, 2);  // no -o
}

TEST(ScenarioCommand, ExportAisWritesTaggedSentences) {
    const auto out = tempFile("goa.nmea");
    auto r = run("scenario export-ais '" + kBundled + "' -o '" + out.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("position reports"), std::string::npos);
    std::ifstream in(out);
    std::string line;
    std::size_t lines = 0;
    std::size_t radar = 0;
    while (std::getline(in, line)) {
        ++lines;
        ASSERT_EQ(line.rfind("\\s:", 0), 0u) << line;
        ASSERT_NE(line.find(",c:"), std::string::npos) << line;
        ASSERT_NE(line.find("\\!AIVDM,"), std::string::npos) << line;
        if (line.find("s:radar") != std::string::npos) ++radar;
    }
    EXPECT_GT(lines, 100000u);
    EXPECT_GT(radar, 0u);
    // Decoding it back is checked in-process by tests/scenario/ais_export_test.cpp.
    fs::remove(out);
    EXPECT_FALSE(fs::exists(out.string() + ".partial"));
}

TEST(ScenarioCommand, MissingReferencesWarnButPass) {
    const auto file = tempFile("refs.json");
    std::ofstream(file) << R"({"seawatch_scenario": 1, "title": "Refs",
      "window": {"start": "2009-11-15T00:00:00Z", "end": "2009-11-16T00:00:00Z"},
      "view": [44, 11, 52, 15], "zones": ["no_such_zones.geojson"]})";
    auto r = run("scenario check '" + file.string() + "'");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("warning: no_such_zones.geojson not found"), std::string::npos)
        << r.output;
    fs::remove(file);
}

TEST(ScenarioCommand, SyntaxErrorNamesFileAndLine) {
    const auto file = tempFile("syntax.json");
    std::ofstream(file) << "{\n  \"title\": \"x\",\n  \"window\": ,\n}\n";
    auto r = run("scenario check '" + file.string() + "'");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find(file.string() + ": JSON syntax error: parse error at line 3"),
              std::string::npos)
        << r.output;
    fs::remove(file);
}

TEST(ScenarioCommand, WholeTracksWritesMoreThanTheWindow) {
    const auto inWindow = tempFile("window.nmea");
    const auto whole = tempFile("whole.nmea");
    ASSERT_EQ(run("scenario export-ais '" + kBundled + "' -o '" + inWindow.string() + "'").exitCode,
              0);
    ASSERT_EQ(
        run("scenario export-ais '" + kBundled + "' --whole-tracks -o '" + whole.string() + "'")
            .exitCode,
        0);
    EXPECT_GT(fs::file_size(whole), fs::file_size(inWindow));
    fs::remove(inWindow);
    fs::remove(whole);
}

TEST(ScenarioCommand, ExportAisFailsOnAnUnwritableOutput) {
    auto r = run("scenario export-ais '" + kBundled + "' -o /nonexistent/dir/out.nmea");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("cannot write /nonexistent/dir/out.nmea"), std::string::npos)
        << r.output;
}

namespace {

// `scenario prepare` of the bundled exercise, with `environment` before the program (env ...).
RunResult prepareBundled(const std::string& environment) {
    return run("scenario prepare " + kBundled, environment);
}

std::size_t filesIn(const fs::path& dir, const std::string& extension) {
    std::size_t n = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        n += it->is_regular_file() && (extension.empty() || it->path().extension() == extension);
    return n;
}

}  // namespace

// `scenario prepare` computes what the console computes on opening an exercise, into the
// caches: the scripted AIS once per program, the basemap's fill triangles once per geometry.
TEST(ScenarioCommand, PrepareFillsTheCachesOnceAndSaysWhenThereAreNone) {
    const fs::path dir = tempFile("prepare");
    fs::remove_all(dir);
    const std::string env = "env SEAWATCH_SCENE_CACHE=" + (dir / "scenes").string() +
                            " SEAWATCH_TRIANGLE_CACHE=" + (dir / "triangles").string();
    const RunResult computed = prepareBundled(env);
    ASSERT_EQ(computed.exitCode, 0) << computed.output;
    EXPECT_NE(
        computed.output.find("scripted AIS of 31 vessels prepared in " + (dir / "scenes").string()),
        std::string::npos)
        << computed.output;
    EXPECT_NE(computed.output.find("basemap: fill triangles of"), std::string::npos)
        << computed.output;
    EXPECT_EQ(filesIn(dir / "scenes", ".scene"), 1U);
    EXPECT_GE(filesIn(dir / "triangles", ".tri"), 1U);

    const RunResult again = prepareBundled(env);
    ASSERT_EQ(again.exitCode, 0) << again.output;
    EXPECT_NE(again.output.find("scripted AIS already prepared"), std::string::npos)
        << again.output;
    EXPECT_EQ(filesIn(dir / "scenes", ".scene"), 1U);

    const RunResult off = prepareBundled("env SEAWATCH_SCENE_CACHE=off");
    EXPECT_EQ(off.exitCode, 1) << off.output;
    EXPECT_NE(off.output.find("no scene cache to fill"), std::string::npos) << off.output;
    fs::remove_all(dir);
}

// The build ran `scenario prepare` on the bundled exercise beside the program, so a user's
// first start (nothing in their own caches) finds it prepared.
TEST(ScenarioCommand, TheBuildPreparedTheBundledExerciseBesideTheProgram) {
    const fs::path home = tempFile("fresh_home");
    fs::remove_all(home);
    fs::create_directories(home);
    const RunResult r = prepareBundled(
        "env -u SEAWATCH_SCENE_CACHE -u SEAWATCH_TRIANGLE_CACHE -u XDG_CACHE_HOME HOME=" +
        home.string());
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("scripted AIS already prepared"), std::string::npos) << r.output;
    // Nothing had to be computed, so nothing was written into the user's own caches.
    EXPECT_EQ(filesIn(home / ".cache", ""), 0U);
    fs::remove_all(home);
}
