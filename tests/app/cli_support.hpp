#pragma once
// Runs the seawatch binary the way a user would, capturing exit code, stdout and stderr.
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR, SEAWATCH_SHARED_TESTDATA, SEAWATCH_BINARY
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace seawatch::testing {

struct CommandResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// `arguments` is appended to the binary path as-is (quote paths with spaces yourself);
// `environment` is prefixed, e.g. "env -u DISPLAY".
inline CommandResult runSeawatch(const std::string& arguments, const std::string& environment = "",
                                 const std::string& stdinFile = "") {
    static int counter = 0;
    const auto dir = std::filesystem::temp_directory_path();
    const std::string tag = std::to_string(::getpid()) + "_" + std::to_string(counter++);
    const auto outPath = dir / ("seawatch_test_out_" + tag);
    const auto errPath = dir / ("seawatch_test_err_" + tag);
    std::string command = environment + " " + SEAWATCH_BINARY + " " + arguments + " >" +
                          outPath.string() + " 2>" + errPath.string();
    if (!stdinFile.empty()) command += " <" + stdinFile;
    const int status = std::system(command.c_str());
    CommandResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = readFile(outPath);
    r.err = readFile(errPath);
    std::filesystem::remove(outPath);
    std::filesystem::remove(errPath);
    return r;
}

inline std::filesystem::path scratchDir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("seawatch_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace seawatch::testing
