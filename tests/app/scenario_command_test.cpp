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

RunResult run(const std::string& arguments) {
    const std::string command = std::string(SEAWATCH_BINARY) + " " + arguments + " 2>&1";
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
